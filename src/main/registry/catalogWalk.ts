// The whole `_catalog`, read as fast as the registry allows and never silently short.
// registry:2 pays for a page by walking its storage from the start up to `last`, so one page
// after another costs more and more; ranges of the name space walked at once use the
// registry's cores instead (distribution v3 starts near `last`, so there the gain is larger).
// Partitions are used only after the first page shows a lexical order; each page is checked
// against its range, and a registry that breaks the order is walked sequentially instead.
import { toBerthError } from '@shared/contract/errors'
import type { CatalogPage } from '@shared/contract/registryTypes'
import type { CatalogQuirk, CatalogWalkResult, IncompleteWalk } from '@shared/contract/catalog'
import { catalogPage, DEFAULT_PAGE_SIZE } from './catalog'
import { compareNames, detectOrder, mergeSegments, planBounds, rangesThrough, type NameOrder, type NameRange, type Segment } from './catalogPartitions'
import type { Transport } from './transport'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

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
  /**
   * Plan ranges from the first pages when there are no hints. Off by default: on registry:2 a
   * guessed range that misses costs a whole walk from the start (10,000 repositories: 1.51×
   * sequential paging guessed, 0.49–0.55× with the index's bounds; docs/benchmarks.md).
   */
  guessRanges?: boolean
}

/** Measured with `npm run bench -- catalog` (1–8 on registry:2, 2 cores): see docs/benchmarks.md. */
export const DEFAULT_WALK_CONCURRENCY = 6
export const MAX_CATALOG_REPOSITORIES = 2_000_000
export const DEFAULT_WALK_TIMEOUT_MS = 10 * 60_000

/** Thrown inside a walk to stop it; becomes `incomplete` (never reaches the caller). */
class Stop extends Error {
  constructor(readonly why: IncompleteWalk) {
    super(why.message)
  }
}
/** The registry is not in the order its first page suggested. */
class Disorder extends Error {}

export type PageFn = (opts: { n: number; last?: string }) => Promise<CatalogPage>

export async function walkCatalog(t: Transport, opts: CatalogWalkOptions = {}): Promise<CatalogWalkResult> {
  return walkPages((o) => catalogPage(t, o), opts)
}

/** The walk over any page function (tests drive it with fakes). */
export async function walkPages(fetchPage: PageFn, opts: CatalogWalkOptions = {}): Promise<CatalogWalkResult> {
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
  if (order && concurrency > 1 && (hinted || (!hintOrder && opts.guessRanges))) {
    // Without an earlier walk's bounds, ranges are guesses and a wrong guess costs a page: only a
    // catalog that is still going after a few pages is worth it (small ones stay sequential).
    const head = hinted ? { failed: false as const, page: first, lastSize: first.repositories.length } : await readHead(first, order, HEAD_PAGES, page)
    if (head.failed) {
      count(head.names.length)
      return result(head.names, 'sequential', 1, stopped(head.error))
    }
    // All of it in a few pages (a full last page without Link may go on: the sequential walk asks).
    if (head.page && !head.page.next && head.lastSize < n) {
      count(head.page.repositories.length)
      return result(head.page.repositories, 'sequential', 1)
    }
    const walked = head.page?.next ? await partitioned(head.page, order, { n, concurrency, page, count, more, hints: opts.hints }) : { names: undefined }
    if (walked.names && 'partitions' in walked) return result(walked.names, 'partitioned', walked.partitions, walked.incomplete)
    if (head.page === undefined) quirks.add('unordered')
    found = 0
  }
  const seq = await sequential(first, { n, page, count, more })
  return result(seq.names, 'sequential', 1, seq.incomplete)
}

/** Pages read one after another before a first walk plans ranges. */
export const HEAD_PAGES = 3

type Head = { failed: false; page?: CatalogPage; lastSize: number } | { failed: true; error: unknown; names: string[] }

/** The first `pages` pages as one, checked against `order` (no `page` when out of order). */
async function readHead(first: CatalogPage, order: NameOrder, pages: number, page: PageFn): Promise<Head> {
  const names = [...first.repositories]
  let p = first
  try {
    for (let i = 1; i < pages && p.next; i++) {
      p = await page(p.next)
      for (const name of p.repositories) {
        if (compareNames(order, names.at(-1)!, name) >= 0) return { failed: false, lastSize: 0 }
        names.push(name)
      }
    }
  } catch (e) {
    return { failed: true, error: e, names }
  }
  return { failed: false, page: p.next ? { repositories: names, next: p.next } : { repositories: names }, lastSize: p.repositories.length }
}

interface WalkTools {
  n: number
  page: PageFn
  count(k: number): void
  more(p: CatalogPage, last: string | undefined): Promise<CatalogPage | undefined>
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

interface PartitionTools extends WalkTools {
  concurrency: number
  hints?: readonly string[]
}

/** Where the pages of an earlier walk ended, after `after`: exact bounds for pages of `n`. */
export function boundsFromHints(order: NameOrder, hints: readonly string[], n: number, after?: string): string[] {
  const out: string[] = []
  for (let i = n - 1; i < hints.length; i += n) if ((after === undefined || compareNames(order, hints[i]!, after) > 0) && (out.length === 0 || compareNames(order, hints[i]!, out.at(-1)!) > 0)) out.push(hints[i]!)
  return out
}

/**
 * Ranges walked by `concurrency` workers. A worker whose range turns out dense splits what is
 * left of it when another worker has nothing to do. `names` is undefined when the registry
 * broke its order (the caller then walks sequentially).
 *
 * `first` is either the first page, read already (ranges are planned after it), or, for a
 * refresh with the index's bounds, the first page on its way: then its range is one of the
 * ranges, and an error on it is the caller's (it throws). The index's ranges go deepest first:
 * registry:2 pays for a page by its depth, so the longest jobs start first and the short ones
 * fill in at the end, when otherwise one core would wait for the last deep page alone.
 */
async function partitioned(first: CatalogPage | Promise<CatalogPage>, order: NameOrder, tools: PartitionTools): Promise<{ names?: string[]; partitions: number; incomplete?: IncompleteWalk }> {
  const segments: Segment[] = []
  let partitions = 0
  let incomplete: IncompleteWalk | undefined
  let disorder = false
  let fatal: { error: unknown } | undefined
  let queue: NameRange[]
  const supplied = new Map<NameRange, Promise<CatalogPage>>()
  if (first instanceof Promise) {
    const bounds = boundsFromHints(order, tools.hints ?? [], tools.n)
    const head: NameRange = { hi: bounds[0] }
    supplied.set(head, first)
    queue = [head, ...rangesThrough(bounds[0], undefined, bounds.slice(1)).reverse()]
  } else {
    const s = first.repositories.at(-1)
    segments.push({ range: { hi: s }, names: first.repositories })
    partitions = 1
    try {
      tools.count(first.repositories.length)
      const probe = s === undefined ? undefined : first.next ? undefined : await tools.more(first, s)
      if (s === undefined || (!first.next && !probe)) return { names: first.repositories, partitions }
    } catch (e) {
      return { names: first.repositories, partitions, incomplete: stopped(e) }
    }
    const hinted = tools.hints && tools.hints.length > tools.n ? boundsFromHints(order, tools.hints, tools.n, s) : []
    queue = rangesThrough(s, undefined, hinted.length > 0 ? hinted : planBounds(order, first.repositories, undefined, tools.concurrency * 2))
  }
  let active = 0
  const stop = (): boolean => disorder || incomplete !== undefined || fatal !== undefined

  const walkRange = async (range: NameRange): Promise<void> => {
    partitions++
    const names: string[] = []
    let last = range.lo
    let head = supplied.get(range)
    try {
      for (;;) {
        let p: CatalogPage
        if (head) {
          p = await head.catch((error: unknown) => {
            fatal = { error }
            throw error
          })
          head = undefined
        } else p = await tools.page({ n: tools.n, last })
        let beyond = false
        const inside: string[] = []
        for (const name of p.repositories) {
          if (last !== undefined && compareNames(order, name, last) <= 0) throw new Disorder()
          if (range.hi !== undefined && compareNames(order, name, range.hi) > 0) {
            beyond = true
            break
          }
          if (inside.length > 0 && compareNames(order, inside.at(-1)!, name) >= 0) throw new Disorder()
          inside.push(name)
        }
        names.push(...inside)
        tools.count(inside.length)
        const tail = inside.at(-1)
        // A page ending exactly at the range's end leaves nothing in it to ask for.
        if (beyond || tail === undefined || tail === range.hi) break
        // Another range failed: keep what this one read, as far as it got.
        if (stop()) return void segments.push({ range: { lo: range.lo, hi: tail }, names })
        if (!p.next && !(await tools.more(p, tail))) break
        // Someone is idle and this range is dense: hand out what is left of it.
        if (queue.length === 0 && active < tools.concurrency) {
          const bounds = planBounds(order, inside, range.hi, tools.concurrency * 2)
          if (bounds.length > 0) {
            segments.push({ range: { lo: range.lo, hi: tail }, names })
            queue.push(...rangesThrough(tail, range.hi, bounds))
            return
          }
        }
        last = tail
      }
      segments.push({ range, names })
    } catch (e) {
      if (e instanceof Disorder) disorder = true
      else if (!fatal) incomplete ??= stopped(e)
      segments.push({ range: { lo: range.lo, hi: names.at(-1) ?? range.lo }, names })
    }
  }

  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (!stop() && active < tools.concurrency && queue.length > 0) {
        const range = queue.shift()!
        active++
        void walkRange(range).finally(() => {
          active--
          pump()
        })
      }
      if (active === 0) resolve()
    }
    pump()
  })
  if (fatal) throw fatal.error
  if (disorder) return { partitions }
  const merged = mergeSegments(order, segments)
  if (!merged) return { partitions }
  if (!incomplete && !merged.tiled) incomplete = incompleteWalk('error', m('errors.catalog.partUnread'), m('hints.catalog.refresh'))
  return { names: merged.names, partitions, incomplete }
}

/** Why a walk stopped: a Stop says it; anything else is an error midway, with its message. */
function stopped(e: unknown): IncompleteWalk {
  if (e instanceof Stop) return e.why
  const err = toBerthError(e)
  return incompleteWalk('error', m('errors.catalog.midway', { reason: err.msg ?? err.message }), err.hintMsg ?? err.hint ?? m('hints.catalog.refresh'))
}

/** Why a walk is short, in English for logs and as catalog messages for the UI. */
function incompleteWalk(reason: IncompleteWalk['reason'], msg: Msg, hint: Msg | string): IncompleteWalk {
  return typeof hint === 'string' ? { reason, message: inEnglish(msg), hint, msg } : { reason, message: inEnglish(msg), hint: inEnglish(hint), msg, hintMsg: hint }
}
