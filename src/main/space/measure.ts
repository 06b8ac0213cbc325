// Measuring: one HEAD per tag (tags move), then the manifests by digest (cached). Blobs are
// counted once per scope; a tag's unique bytes are the blobs no other tag of the scope uses.
import { isAuthError, isBerthError, toBerthError } from '@shared/contract/errors'
import type { RegistrySpace, RepositorySpace, RepositorySpaceRow, TagSpace } from '@shared/contract/space'
import { mapLimit, type RegistryClient } from '../registry'
import { blobsOf, sumSizes, type BlobMap } from './blobs'
import type { ManifestCache } from './manifestCache'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

/** Tags of one repository read at once; repositories measured at once (so ≤ 32 requests in flight). */
export const TAG_CONCURRENCY = 8
export const REPOSITORY_CONCURRENCY = 4

export type MeasuredTag = { tag: string; digest: string; blobs: BlobMap } | { tag: string; digest: string; error: string; errorMsg?: Msg }

export async function measureTags(c: RegistryClient, cache: ManifestCache, repository: string, tags?: string[]): Promise<MeasuredTag[]> {
  const names = tags ?? (await c.tags(repository))
  const byDigest = new Map<string, Promise<BlobMap>>()
  return mapLimit(names, TAG_CONCURRENCY, async (tag): Promise<MeasuredTag> => {
    let digest = ''
    try {
      digest = (await c.headManifest(repository, tag)).digest
      let blobs = byDigest.get(digest)
      if (!blobs) byDigest.set(digest, (blobs = blobsOf(c, cache, repository, digest)))
      return { tag, digest, blobs: await blobs }
    } catch (e) {
      // The whole registry's problems (sign-in, unreachable) are the call's, not one tag's.
      if (isAuthError(e) || (isBerthError(e) && e.code === 'REGISTRY_UNREACHABLE')) throw e
      const b = toBerthError(e)
      return { tag, digest, error: b.message, errorMsg: b.msg }
    }
  })
}

/** How many members of a scope use each blob. */
function usage(members: BlobMap[]): Map<string, number> {
  const count = new Map<string, number>()
  for (const m of members) for (const d of m.keys()) count.set(d, (count.get(d) ?? 0) + 1)
  return count
}

const uniqueBytes = (blobs: BlobMap, count: Map<string, number>): number => sumSizes([...blobs].filter(([d]) => count.get(d) === 1))

function union(members: BlobMap[]): BlobMap {
  const all: BlobMap = new Map()
  for (const m of members) for (const [d, s] of m) all.set(d, s)
  return all
}

export function repositorySpace(repository: string, measured: MeasuredTag[]): RepositorySpace {
  const ok = measured.flatMap((m) => ('blobs' in m ? [m] : []))
  const count = usage(ok.map((m) => m.blobs))
  const tags: TagSpace[] = measured.map((m) =>
    'blobs' in m ? { tag: m.tag, digest: m.digest, size: sumSizes(m.blobs), unique: uniqueBytes(m.blobs, count) } : { tag: m.tag, digest: m.digest, size: 0, unique: 0, error: m.error, errorMsg: m.errorMsg }
  )
  return { repository, stored: sumSizes(union(ok.map((m) => m.blobs))), tags }
}

export interface RegistryScan {
  signal: AbortSignal
  onProgress(done: number, total: number): void
}

/** Every repository of the catalog; stops starting new ones once `signal` aborts. */
export async function measureRegistry(c: RegistryClient, cache: ManifestCache, scan: RegistryScan): Promise<RegistrySpace> {
  const repositories: string[] = []
  for await (const page of c.catalogAll()) {
    repositories.push(...page.repositories)
    if (scan.signal.aborted) break
  }
  let done = 0
  scan.onProgress(0, repositories.length)
  const measured = await mapLimit(repositories, REPOSITORY_CONCURRENCY, async (repository) => {
    if (scan.signal.aborted) return undefined
    let row: { repository: string; tagCount: number; blobs: BlobMap; error?: string; errorMsg?: Msg }
    try {
      const tags = await measureTags(c, cache, repository)
      const ok = tags.flatMap((t) => ('blobs' in t ? [t.blobs] : []))
      const failed = tags.find((t) => 'error' in t)
      row = { repository, tagCount: tags.length, blobs: union(ok), ...(failed && 'error' in failed ? tagFailed(failed.tag, failed.errorMsg ?? failed.error) : {}) }
    } catch (e) {
      const b = toBerthError(e)
      row = { repository, tagCount: 0, blobs: new Map(), error: b.message, errorMsg: b.msg }
    }
    scan.onProgress(++done, repositories.length)
    return row
  })
  const rows = measured.filter((r): r is NonNullable<typeof r> => r !== undefined)
  const count = usage(rows.map((r) => r.blobs))
  const out: RepositorySpaceRow[] = rows.map((r) => ({ repository: r.repository, tagCount: r.tagCount, stored: sumSizes(r.blobs), unique: uniqueBytes(r.blobs, count), ...(r.error ? { error: r.error, errorMsg: r.errorMsg } : {}) }))
  return { stored: sumSizes(union(rows.map((r) => r.blobs))), repositories: out, cancelled: scan.signal.aborted }
}

/** Bytes that deleting `gone` frees within the repository: blobs no remaining tag uses. */
export function freedBytes(measured: MeasuredTag[], gone: Set<string>): number {
  const kept = new Set<string>()
  const freed: BlobMap = new Map()
  for (const m of measured) if ('blobs' in m && !gone.has(m.tag)) for (const d of m.blobs.keys()) kept.add(d)
  for (const m of measured) if ('blobs' in m && gone.has(m.tag)) for (const [d, s] of m.blobs) if (!kept.has(d)) freed.set(d, s)
  return sumSizes(freed)
}

/** A repository's row names the first tag that could not be measured. */
function tagFailed(tag: string, reason: Msg | string): { error: string; errorMsg: Msg } {
  const errorMsg = m('errors.space.tagFailed', { tag, reason })
  return { error: inEnglish(errorMsg), errorMsg }
}
