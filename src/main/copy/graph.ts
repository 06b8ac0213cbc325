// What one tag is made of: its manifest, the platform manifests of an index (children before
// their index when pushed) and every blob they name. Everything is read raw, so copying it
// re-encodes nothing and each digest stays the source's.
import { BerthError } from '@shared/contract/errors'
import { mapLimit } from '../registry/concurrency'
import { getRawManifest, type RawManifest } from '../registry/manifestPut'
import type { UncheckedDescriptor } from '../registry/manifests'
import { isDigest } from '../registry/names'
import type { Transport } from '../registry/transport'
import { filteredOrFail, isIndex } from './platforms'
import { m } from '@shared/i18n/message'

export interface BlobRef {
  digest: string
  size: number
}

export interface ImageGraph {
  root: RawManifest
  /** Manifests the root points to (nested indexes flattened), in the order they must be PUT. */
  children: RawManifest[]
  /** Config and layer blobs of every manifest, each digest once. */
  blobs: BlobRef[]
}

const MAX_DEPTH = 4
const MANIFEST_READS = 4

/** `platforms`: keep only these platforms of a multi-arch index (a sync set's filter, see platforms.ts). */
export async function readImageGraph(t: Transport, repository: string, reference: string, signal?: AbortSignal, platforms?: readonly string[]): Promise<ImageGraph> {
  let root = await getRawManifest(t, repository, reference, signal)
  if (platforms?.length && isIndex(root)) root = filteredOrFail(root, platforms, repository)
  const children: RawManifest[] = []
  const blobs = new Map<string, number>()
  await walk(t, repository, root, 0, children, blobs, signal)
  return { root, children, blobs: [...blobs].map(([digest, size]) => ({ digest, size })) }
}

async function walk(t: Transport, repository: string, manifest: RawManifest, depth: number, children: RawManifest[], blobs: Map<string, number>, signal?: AbortSignal): Promise<void> {
  const doc = JSON.parse(manifest.bytes.toString('utf8')) as { schemaVersion?: unknown; manifests?: unknown; config?: unknown; layers?: unknown }
  if (doc.schemaVersion === 1) {
    throw new BerthError('INVALID_INPUT', m('errors.copy.schema1', { repository }), m('hints.copy.schema1'))
  }
  if (Array.isArray(doc.manifests)) {
    if (depth >= MAX_DEPTH) throw new BerthError('REGISTRY_ERROR', m('errors.copy.tooDeep', { repository, max: MAX_DEPTH }), m('hints.copy.malformed'))
    const digests = (doc.manifests as UncheckedDescriptor[]).map((d) => descriptor(d, repository).digest)
    const found = await mapLimit(digests, MANIFEST_READS, (digest) => getRawManifest(t, repository, digest, signal))
    for (const child of found) {
      // Grandchildren first: a nested index may only go up after what it names.
      await walk(t, repository, child, depth + 1, children, blobs, signal)
      if (!children.some((c) => c.digest === child.digest)) children.push(child)
    }
    return
  }
  const layers = Array.isArray(doc.layers) ? (doc.layers as UncheckedDescriptor[]) : []
  const all = doc.config ? [doc.config as UncheckedDescriptor, ...layers] : layers
  for (const d of all) {
    // Foreign (non-distributable) layers live at their URLs, not in the registry.
    if (Array.isArray(d.urls) && d.urls.length > 0) continue
    const { digest, size } = descriptor(d, repository)
    blobs.set(digest, size)
  }
}

function descriptor(d: UncheckedDescriptor, repository: string): BlobRef {
  if (typeof d?.digest !== 'string' || !isDigest(d.digest)) {
    throw new BerthError('REGISTRY_ERROR', m('errors.copy.badDigest', { repository }), m('hints.copy.malformed'))
  }
  return { digest: d.digest, size: typeof d.size === 'number' && d.size >= 0 ? d.size : 0 }
}
