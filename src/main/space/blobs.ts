// The blobs one tag needs: its manifest, and for an image its config and layers; for an index,
// the same for every platform it lists. Manifests come from the cache when seen before.
import { isBerthError } from '@shared/contract/errors'
import { isIndexMediaType, type RegistryClient } from '../registry'
import type { CachedManifest, ManifestCache } from './manifestCache'

export type BlobMap = Map<string, number>

/** OCI lets an index omit its mediaType: its `manifests` list says it too. */
const isIndex = (mt: string, doc: Record<string, unknown>): boolean => Array.isArray(doc.manifests) || isIndexMediaType(mt)

function descriptors(x: unknown): { digest: string; size: number; platform?: string }[] {
  if (!Array.isArray(x)) return []
  return x.flatMap((d: { digest?: unknown; size?: unknown; platform?: { os?: string; architecture?: string; variant?: string } }) =>
    typeof d?.digest === 'string' ? [{ digest: d.digest, size: Number(d.size) || 0, ...(d.platform ? { platform: [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') } : {}) }] : []
  )
}

export async function readManifest(c: RegistryClient, cache: ManifestCache, repository: string, digest: string): Promise<CachedManifest> {
  const hit = await cache.get(digest)
  if (hit) return hit
  const m = await c.getManifest(repository, digest)
  const doc = m.manifest
  const entry: CachedManifest = isIndex(m.mediaType, doc)
    ? { mediaType: m.mediaType, size: m.size, children: descriptors(doc.manifests) }
    : { mediaType: m.mediaType, size: m.size, blobs: [...descriptors(doc.config ? [doc.config] : []), ...descriptors(doc.layers)] }
  await cache.set(digest, entry)
  return entry
}

/** Every blob (digest → size) `digest` needs; platforms whose manifest is missing are left out. */
export async function blobsOf(c: RegistryClient, cache: ManifestCache, repository: string, digest: string): Promise<BlobMap> {
  const out: BlobMap = new Map()
  const m = await readManifest(c, cache, repository, digest)
  out.set(digest, m.size)
  for (const b of m.blobs ?? []) out.set(b.digest, b.size)
  for (const child of m.children ?? []) {
    try {
      const cm = await readManifest(c, cache, repository, child.digest)
      out.set(child.digest, cm.size)
      for (const b of cm.blobs ?? []) out.set(b.digest, b.size)
    } catch (e) {
      if (!isBerthError(e) || e.code !== 'NOT_FOUND') throw e
    }
  }
  return out
}

export const sumSizes = (blobs: Iterable<[string, number]>): number => {
  let n = 0
  for (const [, size] of blobs) n += size
  return n
}
