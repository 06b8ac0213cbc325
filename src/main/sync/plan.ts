// What a sync set would copy now: every source tag matching a pattern, compared by manifest
// digest with the same tag at the target (HEAD on both sides). A Run plans the same way with its
// own connections and copies exactly the new and changed items, so plan = run, and a second run
// finds everything 'same'. Tags missing upstream are listed, never deleted.
import { isBerthError } from '@shared/contract/errors'
import { splitSyncEntry, type SyncPlan, type SyncPlanItem, type SyncSet } from '@shared/contract/sync'
import type { CopyEnds } from '../copy/blobCopy'
import type { CopyItem } from '../copy/copyImages'
import { readImageGraph } from '../copy/graph'
import { mapLimit } from '../registry/concurrency'
import { unlessNotFound } from '../registry/errors'
import { getBlobJson, headManifest } from '../registry/manifests'
import { getRawManifest } from '../registry/manifestPut'
import { matchesPlatform, type Platform } from '@shared/platformFilter'
import { filterIndex, isIndex } from '../copy/platforms'
import { listTags } from '../registry/tags'
import type { Transport } from '../registry/transport'
import { matchesPattern } from './patterns'

/** Requests in flight per side while planning. */
const PLAN_CONCURRENCY = 8

export async function planSync(set: SyncSet, ends: CopyEnds, opts: { sizes?: boolean } = {}): Promise<SyncPlan> {
  const plan: SyncPlan = { setId: set.id, items: [], vanished: [], problems: [], size: 0 }
  const byRepository = new Map<string, string[]>()
  for (const entry of set.entries) {
    const { repository, pattern } = splitSyncEntry(entry)
    byRepository.set(repository, [...(byRepository.get(repository) ?? []), pattern])
  }
  const perRepository = await mapLimit([...byRepository], PLAN_CONCURRENCY, async ([repository, patterns]) => {
    try {
      return await planRepository(ends, repository, patterns, set.platforms?.length ? set.platforms : undefined)
    } catch (e) {
      plan.problems.push({ entry: `${repository}:${patterns.join(',')}`, message: isBerthError(e) ? e.message : String(e), msg: isBerthError(e) ? e.msg : undefined })
      return undefined
    }
  })
  for (const r of perRepository) {
    if (!r) continue
    plan.items.push(...r.items)
    plan.vanished.push(...r.vanished)
    if (r.unmatched.length) (plan.unmatched ??= []).push(...r.unmatched)
  }
  if (opts.sizes) {
    const moving = plan.items.filter((i) => i.status !== 'same')
    await mapLimit(moving, PLAN_CONCURRENCY, async (item) => {
      const g = await readImageGraph(ends.source, item.repository, item.sourceDigest ?? item.digest, undefined, item.sourceDigest ? set.platforms : undefined)
      item.size = g.blobs.reduce((n, b) => n + b.size, 0)
    })
    plan.size = moving.reduce((n, i) => n + (i.size ?? 0), 0)
  }
  return plan
}

/** The copy items of a plan: what is new or changed, by digest (the tag may move meanwhile). */
export function planItems(plan: SyncPlan, platforms?: readonly string[]): CopyItem[] {
  return plan.items
    .filter((i) => i.status !== 'same')
    .map((i) => ({ sourceRepository: i.repository, sourceReference: i.sourceDigest ?? i.digest, targetRepository: i.repository, targetTag: i.tag, ...(i.sourceDigest && platforms ? { platforms } : {}) }))
}

interface RepositoryPlan {
  items: SyncPlanItem[]
  vanished: SyncPlan['vanished']
  unmatched: { repository: string; tag: string }[]
}

async function planRepository(ends: CopyEnds, repository: string, patterns: string[], platforms?: readonly string[]): Promise<RepositoryPlan> {
  const wanted = (tag: string): boolean => patterns.some((p) => matchesPattern(tag, p))
  const [sourceTags, targetTags] = await Promise.all([listTags(ends.source, repository), tagsOrNone(ends.target, repository)])
  const tags = sourceTags.filter(wanted)
  const upstream = new Set(tags)
  const there = new Set(targetTags)
  const unmatched: RepositoryPlan['unmatched'] = []
  const planned = await mapLimit(tags, PLAN_CONCURRENCY, async (tag): Promise<SyncPlanItem | undefined> => {
    const [src, dst] = await Promise.all([headManifest(ends.source, repository, tag), there.has(tag) ? digestOrNone(ends.target, repository, tag) : undefined])
    const status = (digest: string): SyncPlanItem['status'] => (dst === undefined ? 'new' : dst === digest ? 'same' : 'changed')
    // Unfiltered, or already there as it is upstream: the digests decide.
    if (!platforms || dst === src.digest) return { repository, tag, digest: src.digest, status: status(src.digest) }
    const wantedForm = await filteredForm(ends.source, repository, src.digest, platforms)
    if (!wantedForm) {
      unmatched.push({ repository, tag })
      return undefined
    }
    return { repository, tag, digest: wantedForm, status: status(wantedForm), ...(wantedForm !== src.digest ? { sourceDigest: src.digest } : {}) }
  })
  const vanished = targetTags.filter((t) => wanted(t) && !upstream.has(t)).map((tag) => ({ repository, tag }))
  return { items: planned.filter((i): i is SyncPlanItem => i !== undefined), vanished, unmatched }
}

/**
 * The digest the target gets under a platform filter: the filtered index's, or the image's own
 * when its config names a chosen platform; undefined when it has none of them.
 */
async function filteredForm(t: Transport, repository: string, digest: string, platforms: readonly string[]): Promise<string | undefined> {
  const raw = await getRawManifest(t, repository, digest)
  if (isIndex(raw)) {
    const f = filterIndex(raw, platforms)
    return f.kept ? f.manifest.digest : undefined
  }
  const config = (JSON.parse(raw.bytes.toString('utf8')) as { config?: { digest?: string } }).config?.digest
  if (!config) return undefined
  return matchesPlatform((await getBlobJson(t, repository, config)) as Platform, platforms) ? digest : undefined
}

async function tagsOrNone(t: Transport, repository: string): Promise<string[]> {
  return (await unlessNotFound(listTags(t, repository))) ?? []
}

async function digestOrNone(t: Transport, repository: string, tag: string): Promise<string | undefined> {
  return (await unlessNotFound(headManifest(t, repository, tag)))?.digest
}
