// The catalog walked as ranges of the name space at once (registry:2 walks its storage from the
// start for every page, so ranges in parallel use its cores). Each page is checked against its
// range; a registry that breaks its order makes the caller walk sequentially instead.
import type { CatalogPage } from '@shared/contract/registryTypes'
import type { IncompleteWalk } from '@shared/contract/catalog'
import { compareNames, mergeSegments, planBounds, rangesThrough, type NameOrder, type NameRange, type Segment } from './catalogPartitions'
import { m } from '@shared/i18n/message'
import { incompleteWalk, stopped, type WalkTools } from './catalogWalkTools'

/** The registry is not in the order its first page suggested. */
class Disorder extends Error {}

interface PartitionTools extends WalkTools {
  concurrency: number
  hints?: readonly string[]
  /** Bounds after the first page, planned without an index (catalogPlan): walked like the index's. */
  bounds?: readonly string[]
  /** The page after the first one, asked for while the bounds were planned. */
  second?: Promise<CatalogPage>
}

/** Where the pages of an earlier walk ended, after `after`: exact bounds for pages of `n`. */
function boundsFromHints(order: NameOrder, hints: readonly string[], n: number, after?: string): string[] {
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
 * fill in at the end, when otherwise one core would wait for the last deep page alone. Bounds
 * planned from the first page (`tools.bounds`) go the same way.
 */
export async function partitioned(first: CatalogPage | Promise<CatalogPage>, order: NameOrder, tools: PartitionTools): Promise<{ names?: string[]; partitions: number; incomplete?: IncompleteWalk }> {
  const segments: Segment[] = []
  let partitions = 0
  let incomplete: IncompleteWalk | undefined
  let disorder = false
  let fatal: { error: unknown } | undefined
  let queue: NameRange[]
  /** Pages already asked for, by range: the refresh's first page (its error is the caller's), or the page after a planned first page. */
  const supplied = new Map<NameRange, { page: Promise<CatalogPage>; callers: boolean }>()
  if (first instanceof Promise) {
    const bounds = boundsFromHints(order, tools.hints ?? [], tools.n)
    const head: NameRange = { hi: bounds[0] }
    supplied.set(head, { page: first, callers: true })
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
    const exact = tools.bounds ?? (tools.hints && tools.hints.length > tools.n ? boundsFromHints(order, tools.hints, tools.n, s) : [])
    queue = exact.length > 0 ? rangesThrough(s, undefined, exact).reverse() : rangesThrough(s, undefined, planBounds(order, first.repositories, undefined, tools.concurrency * 2))
    if (tools.second && exact.length > 0) supplied.set(queue.at(-1)!, { page: tools.second, callers: false })
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
        if (head?.callers) {
          p = await head.page.catch((error: unknown) => {
            fatal = { error }
            throw error
          })
          head = undefined
        } else if (head) {
          p = await head.page
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
