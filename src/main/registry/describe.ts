// Everything the tag page shows, in one DTO. Multi-arch indexes are described per platform:
// a platform whose manifest or config is broken gets an `error`, the others still show.
import { toBerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'
import type { RegistryManifest, TagConfig, TagDetails, TagHistoryEntry, TagPlatform } from '@shared/contract/registryTypes'
import { mapLimit } from './concurrency'
import { getBlobJson, getManifest, isIndexMediaType, MediaType } from './manifests'
import type { Transport } from './transport'

// Named here: the functions below call their manifest `m`.
const NESTED = m('errors.describe.nested')
const SCHEMA1 = m('errors.describe.schema1')

const PLATFORM_CONCURRENCY = 4

/** One platform's part of the tag page. */
interface Described extends Pick<TagDetails, 'layers' | 'config' | 'configError' | 'history'> {
  platform: TagPlatform
}

export interface DescribeOptions {
  /** `os/arch[/variant]` to show layers/config for; default: this machine's, else linux/amd64, else the first. */
  platform?: string
}

export async function describeTag(t: Transport, repository: string, tag: string, opts: DescribeOptions = {}): Promise<TagDetails> {
  const top = await getManifest(t, repository, tag)
  const base = { repository, tag, digest: top.digest, mediaType: top.mediaType }

  if (!isIndexMediaType(top.mediaType)) {
    const d = await describeImage(t, repository, top, { os: '', architecture: '', digest: top.digest, size: 0 })
    return { ...base, size: d.platform.size, isIndex: false, platforms: [d.platform], selectedPlatform: platformName(d.platform), layers: d.layers, config: d.config, configError: d.configError, history: d.history }
  }

  const entries = descriptors(top.manifest.manifests).filter((e) => !isAttestation(e))
  const described = await mapLimit(entries, PLATFORM_CONCURRENCY, async (e): Promise<Described> => {
    const p = e.platform ?? {}
    const platform: TagPlatform = { os: str(p.os), architecture: str(p.architecture), ...(p.variant ? { variant: str(p.variant) } : {}), digest: e.digest, size: 0 }
    try {
      const m = await getManifest(t, repository, e.digest)
      if (isIndexMediaType(m.mediaType)) return { platform: { ...platform, error: inEnglish(NESTED), errorMsg: NESTED }, layers: [], history: [] }
      return await describeImage(t, repository, m, platform)
    } catch (err) {
      return { platform: { ...platform, error: toBerthError(err).message }, layers: [], history: [] }
    }
  })

  const chosen = choose(described, opts.platform)
  const distinct = new Map<string, number>()
  for (const d of described) for (const l of d.layers) distinct.set(l.digest, l.size)
  return {
    ...base,
    size: [...distinct.values()].reduce((a, b) => a + b, 0),
    isIndex: true,
    platforms: described.map((d) => d.platform),
    selectedPlatform: chosen ? platformName(chosen.platform) : undefined,
    layers: chosen?.layers ?? [],
    config: chosen?.config,
    configError: chosen?.configError,
    history: chosen?.history ?? []
  }
}

async function describeImage(t: Transport, repository: string, m: RegistryManifest, platform: TagPlatform): Promise<Described> {
  if (m.mediaType === MediaType.dockerSchema1 || m.mediaType === MediaType.dockerSchema1Signed) {
    return { platform: { ...platform, error: inEnglish(SCHEMA1), errorMsg: SCHEMA1 }, layers: [], history: [] }
  }
  const layers = descriptors(m.manifest.layers).map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType ?? '' }))
  const size = layers.reduce((a, l) => a + l.size, 0)
  const configDigest = descriptors([m.manifest.config])[0]?.digest
  const out: Described = { platform: { ...platform, size }, layers, history: [] }
  if (!configDigest) {
    out.configError = 'The manifest names no config.'
    return out
  }
  try {
    const raw = await getBlobJson(t, repository, configDigest)
    const { config, history } = parseConfig(raw)
    out.config = config
    out.history = history
    out.platform = {
      ...out.platform,
      os: out.platform.os || config.os,
      architecture: out.platform.architecture || config.architecture,
      ...(!out.platform.variant && config.variant ? { variant: config.variant } : {}),
      ...(config.created ? { created: config.created } : {})
    }
  } catch (err) {
    out.configError = toBerthError(err).message
    if (!platform.os && !platform.architecture) out.platform.error = out.configError
  }
  return out
}

export function parseConfig(raw: unknown): { config: TagConfig; history: TagHistoryEntry[] } {
  const c = obj(raw)
  const inner = obj(c.config)
  const config: TagConfig = {
    created: optStr(c.created),
    architecture: str(c.architecture),
    os: str(c.os),
    ...(c.variant ? { variant: str(c.variant) } : {}),
    entrypoint: strings(inner.Entrypoint),
    cmd: strings(inner.Cmd),
    env: strings(inner.Env),
    labels: Object.fromEntries(Object.entries(obj(inner.Labels)).map(([k, v]) => [k, String(v)])),
    exposedPorts: Object.keys(obj(inner.ExposedPorts)),
    workingDir: str(inner.WorkingDir),
    user: str(inner.User)
  }
  const history = (Array.isArray(c.history) ? c.history : []).map((h): TagHistoryEntry => {
    const e = obj(h)
    return { created: optStr(e.created), createdBy: str(e.created_by), emptyLayer: e.empty_layer === true, comment: str(e.comment) }
  })
  return { config, history }
}

function choose(described: Described[], wanted?: string): Described | undefined {
  const ok = described.filter((d) => !d.platform.error)
  const byName = (name: string): Described | undefined => ok.find((d) => platformName(d.platform) === name) ?? ok.find((d) => platformName(d.platform).startsWith(`${name}/`))
  const host = `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`
  return (wanted ? byName(wanted) : undefined) ?? byName(host) ?? byName('linux/amd64') ?? ok[0] ?? described[0]
}

export const platformName = (p: { os: string; architecture: string; variant?: string }): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/')

/** buildx puts provenance/SBOM manifests in the index as platform unknown/unknown. */
function isAttestation(d: Descriptor): boolean {
  return d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
}

interface Descriptor {
  mediaType?: string
  digest: string
  size: number
  platform?: Record<string, unknown>
  annotations?: Record<string, string>
}

function descriptors(x: unknown): Descriptor[] {
  if (!Array.isArray(x)) return []
  return x.flatMap((d) => {
    const o = obj(d)
    if (typeof o.digest !== 'string') return []
    return [{ mediaType: optStr(o.mediaType), digest: o.digest, size: Number(o.size) || 0, platform: o.platform ? obj(o.platform) : undefined, annotations: o.annotations ? (obj(o.annotations) as Record<string, string>) : undefined }]
  })
}

const obj = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {})
const str = (x: unknown): string => (typeof x === 'string' ? x : '')
const optStr = (x: unknown): string | undefined => (typeof x === 'string' && x ? x : undefined)
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [])
