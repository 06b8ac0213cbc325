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
import { headManifest } from '../registry/manifests'
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
      return await planRepository(ends, repository, patterns)
    } catch (e) {
      plan.problems.push({ entry: `${repository}:${patterns.join(',')}`, message: isBerthError(e) ? e.message : String(e), msg: isBerthError(e) ? e.msg : undefined })
      return undefined
    }
  })
  for (const r of perRepository) {
    if (!r) continue
    plan.items.push(...r.items)
    plan.vanished.push(...r.vanished)
  }
  if (opts.sizes) {
    const moving = plan.items.filter((i) => i.status !== 'same')
    await mapLimit(moving, PLAN_CONCURRENCY, async (item) => {
      const g = await readImageGraph(ends.source, item.repository, item.digest)
      item.size = g.blobs.reduce((n, b) => n + b.size, 0)
    })
    plan.size = moving.reduce((n, i) => n + (i.size ?? 0), 0)
  }
  return plan
}

/** The copy items of a plan: what is new or changed, by digest (the tag may move meanwhile). */
export function planItems(plan: SyncPlan): CopyItem[] {
  return plan.items.filter((i) => i.status !== 'same').map((i) => ({ sourceRepository: i.repository, sourceReference: i.digest, targetRepository: i.repository, targetTag: i.tag }))
}

async function planRepository(ends: CopyEnds, repository: string, patterns: string[]): Promise<{ items: SyncPlanItem[]; vanished: SyncPlan['vanished'] }> {
  const wanted = (tag: string): boolean => patterns.some((p) => matchesPattern(tag, p))
  const [sourceTags, targetTags] = await Promise.all([listTags(ends.source, repository), tagsOrNone(ends.target, repository)])
  const tags = sourceTags.filter(wanted)
  const upstream = new Set(tags)
  const there = new Set(targetTags)
  const items = await mapLimit(tags, PLAN_CONCURRENCY, async (tag): Promise<SyncPlanItem> => {
    const [src, dst] = await Promise.all([headManifest(ends.source, repository, tag), there.has(tag) ? digestOrNone(ends.target, repository, tag) : undefined])
    return { repository, tag, digest: src.digest, status: dst === undefined ? 'new' : dst === src.digest ? 'same' : 'changed' }
  })
  const vanished = targetTags.filter((t) => wanted(t) && !upstream.has(t)).map((tag) => ({ repository, tag }))
  return { items, vanished }
}

async function tagsOrNone(t: Transport, repository: string): Promise<string[]> {
  return (await unlessNotFound(listTags(t, repository))) ?? []
}

async function digestOrNone(t: Transport, repository: string, tag: string): Promise<string | undefined> {
  return (await unlessNotFound(headManifest(t, repository, tag)))?.digest
}
