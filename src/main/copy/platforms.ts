// A sync set's platform filter applied to a multi-arch index: the index the target gets lists
// only the chosen platforms (and the attestation manifests that describe them), so its digest is
// not the source's; each platform manifest keeps its own. registry:2 refuses an index whose
// children are missing, so a "sparse" copy of the original index is not an option (skopeo's
// `--multi-arch` and containers/image's StripSparseManifestList make the same choice).
// Deterministic: the same source index and filter always give the same bytes, so a re-run
// compares digests and copies nothing.
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { matchesPlatform, type Platform } from '@shared/platformFilter'
import type { RawManifest } from '../registry/manifestPut'
import { isIndexMediaType, sha256Digest } from '../registry/manifests'

interface IndexEntry {
  digest?: string
  platform?: Platform
  annotations?: Record<string, string>
}

export interface FilteredIndex {
  manifest: RawManifest
  /** Platform manifests kept (0: none of the chosen platforms is there). */
  kept: number
}

export function isIndex(m: RawManifest): boolean {
  if (isIndexMediaType(m.mediaType)) return true
  return Array.isArray((JSON.parse(m.bytes.toString('utf8')) as { manifests?: unknown }).manifests)
}

export function filterIndex(index: RawManifest, platforms: readonly string[]): FilteredIndex {
  const doc = JSON.parse(index.bytes.toString('utf8')) as Record<string, unknown> & { manifests?: IndexEntry[] }
  const all = Array.isArray(doc.manifests) ? doc.manifests : []
  const chosen = all.filter((d) => matchesPlatform(d.platform, platforms))
  const digests = new Set(chosen.map((d) => d.digest))
  // buildx attestations (platform unknown/unknown) point at the platform manifest they describe.
  const keep = all.filter((d) => digests.has(d.digest) || (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' && digests.has(d.annotations['vnd.docker.reference.digest'])))
  if (keep.length === all.length) return { manifest: index, kept: chosen.length }
  const bytes = Buffer.from(JSON.stringify({ ...doc, manifests: keep }))
  return { manifest: { digest: sha256Digest(bytes), mediaType: index.mediaType, bytes }, kept: chosen.length }
}

/** The index with only the chosen platforms; a BerthError when it has none of them. */
export function filteredOrFail(index: RawManifest, platforms: readonly string[], repository: string): RawManifest {
  const f = filterIndex(index, platforms)
  if (f.kept === 0) throw new BerthError('NOT_FOUND', m('errors.copy.noPlatform', { repository, platforms: platforms.join(', ') }), m('hints.copy.noPlatform'))
  return f.manifest
}
