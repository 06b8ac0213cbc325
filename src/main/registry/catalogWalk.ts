// The whole `_catalog`, read as fast as the registry allows and never silently short.
// registry:2 pays for a page by walking its storage from the start up to `last`, so one page
// after another costs more and more; ranges of the name space walked at once use the
// registry's cores instead (distribution v3 starts near `last`, so there the gain is larger).
// Partitions are used only after the first page shows a lexical order; their bounds come from
// the index (a refresh) or from the first page's pattern (a first walk, catalogPlan). Each page
// is checked against its range, and a registry that breaks the order is walked sequentially.
import type { CatalogPage } from '@shared/contract/registryTypes'
import type { CatalogQuirk, CatalogWalkResult, IncompleteWalk } from '@shared/contract/catalog'
import { catalogPage, DEFAULT_PAGE_SIZE } from './catalog'
import { detectOrder } from './catalogPartitions'
import type { Transport } from './transport'
import { m } from '@shared/i18n/message'
import { incompleteWalk, type PageFn, Stop, stopped, type WalkTools } from './catalogWalkTools'
import { partitioned } from './catalogRangeWalk'
import { aheadWalk } from './catalogAheadWalk'
import { hasRepository } from './tags'
import { boundsFromPattern } from './catalogPlan'

export type { PageFn } from './catalogWalkTools'

export interface CatalogWalkOptions {
  pageSize?: number
  /** Ranges walked at once; 1 walks sequentially. */
  concurrency?: number
  signal?: AbortSignal
  /** Stop (incomplete, 'capped') beyond this many names: a safety net against endless lists. */
  maxRepositories?: number
  timeoutMs?: number
  /** Names found so far, as the walk goes. */
  onProgress?: (found: number) => void
  /**
   * The names of an earlier walk, in order (the index). Every n-th of them is where a page ended
   * then: exact range bounds, so each range is one page that ends at its bound with no request
   * wasted. registry:2 pays for every request by walking from the start, so waste is what costs.
   */
  hints?: readonly string[]
  /** Requests at once when a first walk has no plan and reads ahead: the cursor's and guesses ahead of it. */
  readAheadConcurrency?: number
}

/** Measured with `npm run bench -- catalog` (1–8 on registry:2, 2 cores): see docs/benchmarks.md. */
export const DEFAULT_WALK_CONCURRENCY = 6
/** Measured on registry:2 with 10,000 repositories (docs/benchmarks.md): 2 beat 3 and 4. */
export const READ_AHEAD_CONCURRENCY = 2
export const MAX_CATALOG_REPOSITORIES = 2_000_000
export const DEFAULT_WALK_TIMEOUT_MS = 10 * 60_000

export async function walkCatalog(t: Transport, opts: CatalogWalkOptions = {}): Promise<CatalogWalkResult> {
  return walkPages((o) => catalogPage(t, o), opts, (name) => hasRepository(t, name))
}

/**
 * The walk over any page function (tests drive it with fakes). `exists` tells whether a
 * repository is there; without it a first walk reads one page after another.
 */
export async function walkPages(fetchPage: PageFn, opts: CatalogWalkOptions = {}, exists?: (repository: string) => Promise<boolean>): Promise<CatalogWalkResult> {
  let n = opts.pageSize ?? DEFAULT_PAGE_SIZE
  const max = opts.maxRepositories ?? MAX_CATALOG_REPOSITORIES
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_WALK_TIMEOUT_MS)
  const quirks = new Set<CatalogQuirk>()
  let requests = 0
  let found = 0
  const page: PageFn = async (o) => {
    if (opts.signal?.aborted) throw new Stop(incompleteWalk('cancelled', m('errors.catalog.stopped'), m('hints.catalog.refreshAgain')))
    if (Date.now() > deadline) throw new Stop(incompleteWalk('timeout', m('errors.catalog.timeout', { seconds: Math.round((opts.timeoutMs ?? DEFAULT_WALK_TIMEOUT_MS) / 1000) }), m('hints.catalog.overloaded')))
    requests++
    const p = await fetchPage(o)
    if (p.repositories.length > o.n) quirks.add('ignores-n')
    return p
  }
  const count = (k: number): void => {
    found += k
    opts.onProgress?.(found)
    if (found > max) throw new Stop(incompleteWalk('capped', m('errors.catalog.capped', { max }), m('hints.catalog.capped')))
  }
  /** A page with no Link but as many names as asked for may still have more: ask once more. */
  const more = async (p: CatalogPage, last: string | undefined): Promise<CatalogPage | undefined> => {
    if (p.next || p.repositories.length < n || last === undefined) return undefined
    const probe = await page({ n, last })
    // Nothing, or the same names again (a registry ignoring `last` as well): that was all.
    if (probe.repositories.length === 0 || p.repositories.includes(probe.repositories[0]!)) return undefined
    quirks.add('no-link')
    return probe
  }
  const result = (names: string[], strategy: CatalogWalkResult['strategy'], partitions: number, incomplete?: IncompleteWalk): CatalogWalkResult => ({
    repositories: names,
    complete: !incomplete,
    ...(incomplete ? { incomplete } : {}),
    strategy,
    partitions,
    requests,
    quirks: [...quirks]
  })

  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_WALK_CONCURRENCY)
  // The first page decides: errors here (not a registry, no catalog, sign-in) are the caller's.
  const firstPage = page({ n })
  // A refresh: the index's names are in the registry's order and its page ends are exact bounds,
  // so every range starts now, the first page among them instead of before them.
  const hintOrder = concurrency > 1 && opts.hints && opts.hints.length > n ? detectOrder(opts.hints) : undefined
  if (hintOrder) {
    let walked: Awaited<ReturnType<typeof partitioned>>
    try {
      walked = await partitioned(firstPage, hintOrder, { n, concurrency, page, count, more, hints: opts.hints })
    } catch (e) {
      if (e instanceof Stop) return result([], 'sequential', 1, e.why)
      throw e
    }
    if (walked.names) return result(walked.names, 'partitioned', walked.partitions, walked.incomplete)
    // Out of order after all: one page after another below, from the same first page.
    found = 0
  }
  let first: CatalogPage
  try {
    first = await firstPage
  } catch (e) {
    if (e instanceof Stop) return result([], 'sequential', 1, e.why)
    throw e
  }
  // A registry that took a smaller page (PAGINATION_NUMBER_INVALID, halved) says so in its cursor:
  // every later page asks for that size at once instead of being refused again.
  if (first.next && first.next.n < n) n = first.next.n
  const order = detectOrder(first.repositories)
  if (!order) quirks.add('unordered')
  const hinted = !hintOrder && opts.hints !== undefined && opts.hints.length > n
  if (order && concurrency > 1 && first.next && first.repositories.length > 0 && (hinted || exists)) {
    // An index out of the registry's order still gives bounds. Without one, the first page's
    // pattern may show where the catalog ends (catalogPlan); if not, pages are read ahead of
    // the cursor where the pattern puts them (catalogAheadWalk). The page after the first is
    // needed either way: it is asked for while the plan is made.
    const second = hinted ? undefined : page({ n, last: first.repositories.at(-1)! })
    second?.catch(() => undefined)
    const bounds = hinted ? undefined : await boundsFromPattern(order, first.repositories, n, max, exists!)
    let walked: Awaited<ReturnType<typeof partitioned>> | undefined
    if (hinted || bounds!.length > 0) walked = await partitioned(first, order, { n, concurrency, page, count, more, hints: opts.hints, bounds, second })
    else {
      // No plan: read ahead from the first two pages. When the second failed or ended the
      // catalog, the sequential walk below takes over from the first (one small request again).
      const p = await second!.catch(() => undefined)
      if (p && (p.next || p.repositories.length >= n)) {
        const both = { repositories: [...first.repositories, ...p.repositories], ...(p.next ? { next: p.next } : {}) }
        walked = await aheadWalk(both, order, { n, concurrency: opts.readAheadConcurrency ?? READ_AHEAD_CONCURRENCY, page, count, exists: exists! })
      }
    }
    if (walked?.names) return result(walked.names, 'partitioned', walked.partitions, walked.incomplete)
    if (walked) {
      quirks.add('unordered')
      found = 0
    }
  }
  const seq = await sequential(first, { n, page, count, more })
  return result(seq.names, 'sequential', 1, seq.incomplete)
}

/** One page after another, following the registry's cursor; stops on a cursor that goes nowhere. */
async function sequential(first: CatalogPage, tools: WalkTools): Promise<{ names: string[]; incomplete?: IncompleteWalk }> {
  const seen = new Set<string>()
  const names: string[] = []
  let p: CatalogPage | undefined = first
  try {
    for (;;) {
      const fresh = p.repositories.filter((r) => !seen.has(r))
      for (const r of fresh) seen.add(r)
      names.push(...fresh)
      tools.count(fresh.length)
      const last = p.repositories.at(-1)
      if (p.repositories.length > 0 && fresh.length === 0) {
        return { names, incomplete: incompleteWalk('ignores-last', m('errors.catalog.ignoresLast'), m('hints.catalog.ignoresLast')) }
      }
      const next: CatalogPage | undefined = p.next ? await tools.page(p.next) : await tools.more(p, last)
      if (!next) return { names }
      p = next
    }
  } catch (e) {
    return { names, incomplete: stopped(e) }
  }
}
