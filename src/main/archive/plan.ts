// What an import pushes, decided from the scan before anything goes up.
// - An OCI layout (Berth's export, skopeo's oci-archive, Docker 25+'s docker save): every image
//   of index.json with its manifests as they are in the archive, so every digest is kept.
// - A docker save tar of older engines (manifest.json + layer tars): it carries no registry
//   manifest, so Berth writes one (OCI, uncompressed layers): the image's config and layers go up
//   byte for byte, which keeps the image ID and every layer's diff ID; `docker pull` of the
//   result gives the image that was saved.
import { BerthError } from '@shared/contract/errors'
import { m, type Msg } from '@shared/i18n/message'
import { MediaType, sha256Digest, type UncheckedDescriptor } from '../registry/manifests'
import type { RawManifest } from '../registry/manifestPut'
import { badArchive, nameOf, parseIndex, parseLayout, type ImageName } from './ociLayout'
import type { ArchiveScan } from './scan'

export interface PlannedImage {
  repository: string
  tag: string
  root: RawManifest
  /** Platform manifests (nested indexes flattened), children before their index. */
  children: RawManifest[]
  blobs: { digest: string; size: number }[]
}

/** Where a blob's bytes are: in memory (small JSON), or an entry of the archive to stream. */
export type BlobSource = { bytes: Buffer } | { entry: string }

export interface ImportPlan {
  images: PlannedImage[]
  sources: Map<string, BlobSource & { size: number }>
  /** Said in the transfer's final message (e.g. a name that was defaulted). */
  notes: Msg[]
}

const MAX_DEPTH = 4

export function planImport(scan: ArchiveScan, repositoryOverride?: string): ImportPlan {
  if (scan.index) return planOci(scan, repositoryOverride)
  if (scan.dockerManifest) return planDockerSave(scan, repositoryOverride)
  throw badArchive(m('errors.archive.why.neither'))
}

function planOci(scan: ArchiveScan, override?: string): ImportPlan {
  if (scan.layout) parseLayout(scan.layout)
  const sources = new Map<string, BlobSource & { size: number }>()
  for (const [digest, size] of scan.blobs) sources.set(digest, scan.json.has(digest) ? { bytes: scan.json.get(digest)!, size } : { entry: blobEntry(digest), size })
  const notes: Msg[] = []
  const images = parseIndex(scan.index!).map((d, i) => {
    const { repository, tag } = target(nameOf(d), override, i, notes)
    const root = manifest(scan, d.digest, d.mediaType)
    const children: RawManifest[] = []
    const blobs = new Map<string, number>()
    walk(scan, root, 0, children, blobs)
    for (const digest of blobs.keys()) if (!sources.has(digest)) throw badArchive(m('errors.archive.why.blobMissing', { digest: digest.slice(0, 19), reference: `${repository}:${tag}` }))
    return { repository, tag, root, children, blobs: [...blobs].map(([digest, size]) => ({ digest, size })) }
  })
  return { images: unique(images), sources, notes }
}

function target(name: ImageName, override: string | undefined, i: number, notes: Msg[]): { repository: string; tag: string } {
  const repository = override ?? name.repository
  if (!repository) {
    const what = name.tag ? m('errors.archive.tagOnly', { n: i + 1, tag: name.tag }) : m('errors.archive.noRepository', { n: i + 1 })
    throw new BerthError('INVALID_INPUT', what, m('hints.archive.enterRepository'))
  }
  if (name.tag) return { repository, tag: name.tag }
  notes.push(m('archiveNote.noTag', { n: i + 1, reference: `${repository}:latest` }))
  return { repository, tag: 'latest' }
}

function manifest(scan: ArchiveScan, digest: string, mediaType?: string): RawManifest {
  const bytes = scan.json.get(digest)
  if (!bytes) throw badArchive(m('errors.archive.why.manifestMissing', { digest: digest.slice(0, 19) }))
  let doc: { mediaType?: unknown; schemaVersion?: unknown }
  try {
    doc = JSON.parse(bytes.toString('utf8')) as typeof doc
  } catch {
    throw badArchive(m('errors.archive.why.manifestNotJson', { digest: digest.slice(0, 19) }))
  }
  const type = typeof doc.mediaType === 'string' && doc.mediaType ? doc.mediaType : mediaType
  if (!type) throw badArchive(m('errors.archive.why.manifestNoType', { digest: digest.slice(0, 19) }))
  return { digest, mediaType: type, bytes }
}

function walk(scan: ArchiveScan, node: RawManifest, depth: number, children: RawManifest[], blobs: Map<string, number>): void {
  const doc = JSON.parse(node.bytes.toString('utf8')) as { manifests?: { digest?: string; mediaType?: string }[]; config?: UncheckedDescriptor; layers?: UncheckedDescriptor[] }
  if (Array.isArray(doc.manifests)) {
    if (depth >= MAX_DEPTH) throw badArchive(m('errors.archive.why.tooDeep', { max: MAX_DEPTH }))
    for (const d of doc.manifests) {
      const child = manifest(scan, String(d?.digest), d?.mediaType)
      walk(scan, child, depth + 1, children, blobs)
      if (!children.some((c) => c.digest === child.digest)) children.push(child)
    }
    return
  }
  for (const d of [...(doc.config ? [doc.config] : []), ...(Array.isArray(doc.layers) ? doc.layers : [])]) {
    if (Array.isArray(d.urls) && d.urls.length > 0) continue // foreign layers stay at their URLs
    if (typeof d.digest !== 'string' || typeof d.size !== 'number') throw badArchive(m('errors.archive.why.blobNoDigest', { digest: node.digest.slice(0, 19) }))
    blobs.set(d.digest, d.size)
  }
}

function unique(images: PlannedImage[]): PlannedImage[] {
  const seen = new Map<string, string>()
  for (const i of images) {
    const key = `${i.repository}:${i.tag}`
    const before = seen.get(key)
    if (before && before !== i.root.digest) throw new BerthError('INVALID_INPUT', m('errors.archive.twoImages', { reference: key }), m('hints.archive.ownRepository'))
    seen.set(key, i.root.digest)
  }
  return images.filter((img, n) => images.findIndex((o) => o.repository === img.repository && o.tag === img.tag) === n)
}

const blobEntry = (digest: string): string => `blobs/${digest.replace(':', '/')}`

interface SavedImage {
  Config?: unknown
  RepoTags?: unknown
  Layers?: unknown
}

function planDockerSave(scan: ArchiveScan, override?: string): ImportPlan {
  let saved: SavedImage[]
  try {
    saved = JSON.parse(scan.dockerManifest!.toString('utf8')) as SavedImage[]
  } catch {
    throw badArchive(m('errors.archive.why.savedNotJson'))
  }
  if (!Array.isArray(saved) || saved.length === 0) throw badArchive(m('errors.archive.why.savedEmpty'))
  const sources = new Map<string, BlobSource & { size: number }>()
  const notes: Msg[] = []
  const images: PlannedImage[] = []
  saved.forEach((s, i) => {
    const config = typeof s.Config === 'string' ? scan.json.get(s.Config) : undefined
    if (!config) throw badArchive(m('errors.archive.why.configMissing', { n: i + 1 }))
    const configDigest = sha256Digest(config)
    sources.set(configDigest, { bytes: config, size: config.length })
    const layers = (Array.isArray(s.Layers) ? s.Layers : []).map((name: unknown) => {
      const info = fileOf(scan, String(name))
      sources.set(info.digest, { entry: info.name, size: info.size })
      return { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: info.digest, size: info.size }
    })
    const doc = { schemaVersion: 2, mediaType: MediaType.ociManifest, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers }
    const bytes = Buffer.from(JSON.stringify(doc))
    const root: RawManifest = { digest: sha256Digest(bytes), mediaType: MediaType.ociManifest, bytes }
    const blobs = [{ digest: configDigest, size: config.length }, ...layers.map((l) => ({ digest: l.digest, size: l.size }))]
    const tags = Array.isArray(s.RepoTags) ? s.RepoTags.map(String) : []
    const names = tags.length ? tags.map((t) => nameOf({ mediaType: '', digest: '', size: 0, annotations: { 'io.containerd.image.name': t } })) : [{}]
    for (const name of names) images.push({ ...target(name, override, i, notes), root, children: [], blobs })
  })
  return { images: unique(images), sources, notes }
}

function fileOf(scan: ArchiveScan, name: string): { name: string; size: number; digest: string } {
  let info = scan.files.get(name)
  for (let hops = 0; info?.link !== undefined && hops < 8; hops++) {
    name = info.link
    info = scan.files.get(name)
  }
  if (!info?.digest) throw badArchive(m('errors.archive.why.layerMissing', { name: name.slice(0, 100) }))
  return { name, size: info.size, digest: info.digest }
}
