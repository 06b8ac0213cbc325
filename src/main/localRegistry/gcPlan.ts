// What `registry garbage-collect --dry-run` would delete, read from a one-off container over the
// volume (mounted read-only). Sizes come from the engine's archive API (the registry image has
// no shell to ask), and manifests are read the same way: the exited container still serves its
// volume.
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import { mapLimit } from '../registry'
import { lastLines } from './logs'
import { runToEnd } from './oneOffContainer'
import { gcContainerOptions, nothingPushedYet, type GcJob } from './gcContainer'
import { REGISTRY_DATA } from './spec'
import { m } from '@shared/i18n/message'

const STAT_CONCURRENCY = 8
const BLOBS = `${REGISTRY_DATA}/docker/registry/v2/blobs`

export interface GcPlan {
  /** Manifests a tag keeps (garbage-collect's mark phase). */
  marked: string[]
  eligibleManifests: string[]
  eligibleBlobs: string[]
  output: string[]
}

const digestRe = 'sha256:[a-f0-9]{64}'

export function parseGcOutput(text: string): Omit<GcPlan, 'output'> {
  const all = (re: RegExp): string[] => [...new Set([...text.matchAll(re)].map((m) => m[1]!))]
  return {
    marked: all(new RegExp(`marking manifest (${digestRe})`, 'g')),
    eligibleManifests: all(new RegExp(`manifest eligible for deletion: (${digestRe})`, 'g')),
    eligibleBlobs: all(new RegExp(`blob eligible for deletion: (${digestRe})`, 'g'))
  }
}

const blobPath = (digest: string): string => {
  const hex = digest.slice('sha256:'.length)
  return `${BLOBS}/sha256/${hex.slice(0, 2)}/${hex}/data`
}

/** Runs the dry run, then hands its plan and the exited container (for reading the volume) to `use`. */
export async function withDryRun<T>(docker: Docker, job: GcJob, use: (plan: GcPlan, container: Docker.Container) => Promise<T>): Promise<T> {
  const container = await docker.createContainer(gcContainerOptions(job, 'dry-run'))
  try {
    const { exitCode, text } = await runToEnd(container)
    const output = lastLines(text, 40)
    if (exitCode !== 0 && nothingPushedYet(text)) return await use({ marked: [], eligibleManifests: [], eligibleBlobs: [], output }, container)
    if (exitCode !== 0) throw new BerthError('REGISTRY_ERROR', m('errors.gc.dryRunFailed', { code: exitCode }), m('hints.gc.readOutput'), { output })
    return await use({ ...parseGcOutput(text), output }, container)
  } finally {
    await container.remove({ force: true }).catch(() => undefined)
  }
}

/** Size of each blob on the volume (0 when it cannot be read). */
export async function blobSizes(container: Docker.Container, digests: string[]): Promise<number[]> {
  return mapLimit(digests, STAT_CONCURRENCY, async (digest) => {
    try {
      const res = (await container.infoArchive({ path: blobPath(digest) })) as { headers?: Record<string, string | undefined> }
      const stat = res.headers?.['x-docker-container-path-stat']
      return stat ? Number((JSON.parse(Buffer.from(stat, 'base64').toString('utf8')) as { size?: number }).size) || 0 : 0
    } catch {
      return 0
    }
  })
}

/** A small blob's bytes, read out of the volume (a one-file tar: a 512-byte header, then the data). */
export async function readBlob(container: Docker.Container, digest: string): Promise<Buffer | undefined> {
  try {
    const stream = (await container.getArchive({ path: blobPath(digest) })) as NodeJS.ReadableStream
    const chunks: Buffer[] = []
    for await (const c of stream) chunks.push(Buffer.from(c as Buffer))
    const tar = Buffer.concat(chunks)
    const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim(), 8)
    return Number.isFinite(size) ? tar.subarray(512, 512 + size) : undefined
  } catch {
    return undefined
  }
}

/**
 * Platform manifests that a tagged index lists but `--delete-untagged` would delete
 * (distribution #3178/#4461): they must survive, so Berth collects without that flag then.
 */
export async function indexChildrenAtRisk(container: Docker.Container, plan: GcPlan): Promise<string[]> {
  if (plan.eligibleManifests.length === 0) return []
  const eligible = new Set(plan.eligibleManifests)
  const children = await mapLimit(plan.marked, STAT_CONCURRENCY, async (digest) => {
    const bytes = await readBlob(container, digest)
    // Unreadable: it may be an index, so every eligible manifest counts as at risk.
    if (!bytes) return [...eligible]
    try {
      const doc = JSON.parse(bytes.toString('utf8')) as { manifests?: { digest?: string }[] }
      return (doc.manifests ?? []).map((m) => String(m.digest))
    } catch {
      return []
    }
  })
  return [...new Set(children.flat().filter((d) => eligible.has(d)))]
}
