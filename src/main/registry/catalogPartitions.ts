// Planning a partitioned `_catalog` walk. `last` is a lexical cursor, so the name space can be
// cut into ranges (lo, hi] that tile it exactly and be walked at once, each range stopping
// where the next begins. Ranges need no real names as bounds: any string works, because a
// registry returns names strictly greater than `last`.
//
// Which lexical order? distribution (registry:2, v3) walks its storage tree, so '/' sorts before
// every other character ("a/b" < "a-b"); a database-backed registry sorts plain strings. The
// order is read off the first page; a registry that fits neither is walked sequentially.

export type NameOrder = 'path' | 'plain'

/** Compares two names in a registry's order (negative: a first). */
export function compareNames(order: NameOrder, a: string, b: string): number {
  const len = Math.min(a.length, b.length)
  for (let i = 0; i < len; i++) {
    const x = charRank(order, a.charCodeAt(i))
    const y = charRank(order, b.charCodeAt(i))
    if (x !== y) return x - y
  }
  return a.length - b.length
}

const SLASH = 0x2f
const charRank = (order: NameOrder, code: number): number => (order === 'path' && code === SLASH ? 0 : code)

/** True when `names` is strictly increasing in `order`. */
export function isSorted(order: NameOrder, names: readonly string[]): boolean {
  for (let i = 1; i < names.length; i++) if (compareNames(order, names[i - 1]!, names[i]!) >= 0) return false
  return true
}

/** The order a first page is sorted in: distribution's when it fits, else plain, else none. */
export function detectOrder(firstPage: readonly string[]): NameOrder | undefined {
  if (isSorted('path', firstPage)) return 'path'
  if (isSorted('plain', firstPage)) return 'plain'
  return undefined
}

/** A range of names: greater than `lo` (or from the start), at most `hi` (or to the end). */
export interface NameRange {
  lo?: string
  hi?: string
}

/** Orders ranges (or anything with a `lo`) by where they start; undefined, the start, comes first. */
export const compareStarts = (order: NameOrder, a: { lo?: string }, b: { lo?: string }): number =>
  a.lo === b.lo ? 0 : a.lo === undefined ? -1 : b.lo === undefined ? 1 : compareNames(order, a.lo, b.lo)

export const inRange = (order: NameOrder, r: NameRange, name: string): boolean =>
  (r.lo === undefined || compareNames(order, name, r.lo) > 0) && (r.hi === undefined || compareNames(order, name, r.hi) <= 0)

const DIGITS = '0123456789'
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

/** The characters that may follow `c` at the same place and are likely to exist: the rest of its class. */
function laterSiblings(c: string): string {
  if (DIGITS.includes(c)) return DIGITS.slice(DIGITS.indexOf(c) + 1)
  if (LETTERS.includes(c)) return LETTERS.slice(LETTERS.indexOf(c) + 1)
  return '' // separators ('/', '-', '.', '_') rarely start a dense sibling group
}

/**
 * Bounds that cut (`after`, `hi`] into ranges, guessed from a page of names ending at `after`.
 * A page's names vary after their common prefix; the prefixes next to it, one character later
 * at that place or before it (group-0… → group-1…, group-2…), are where the next names most
 * likely are. Numbers before letters: counters make dense groups. At most `max` bounds, in
 * order; an unlucky guess only costs a near-empty range, and dense ranges are split again.
 */
export function planBounds(order: NameOrder, page: readonly string[], hi: string | undefined, max: number): string[] {
  const after = page.at(-1)
  if (after === undefined || max <= 0) return []
  const first = page[0]!
  let common = 0
  while (common < after.length && first[common] === after[common]) common++
  const digits: string[] = []
  const letters: string[] = []
  for (let d = Math.min(common, after.length - 1); d >= 0; d--) {
    for (const c of laterSiblings(after[d]!)) (DIGITS.includes(c) ? digits : letters).push(after.slice(0, d) + c)
  }
  const chosen = [...digits, ...letters].slice(0, max)
  return chosen.filter((b) => compareNames(order, b, after) > 0 && (hi === undefined || compareNames(order, b, hi) < 0)).sort((a, b) => compareNames(order, a, b))
}

/** Consecutive ranges from `lo` to `hi` through `bounds` (sorted, strictly inside). */
export function rangesThrough(lo: string | undefined, hi: string | undefined, bounds: readonly string[]): NameRange[] {
  const cuts = [lo, ...bounds, hi]
  const out: NameRange[] = []
  for (let i = 0; i + 1 < cuts.length; i++) out.push({ lo: cuts[i], hi: cuts[i + 1] })
  return out
}

/** One walked range and the names found in it. */
export interface Segment {
  range: NameRange
  names: string[]
}

/**
 * Puts walked segments back in catalog order. Ranges tile the name space, so ordering them by
 * their start is the catalog's order. A name outside its range, or names out of order, mean the
 * registry is not ordered as assumed: undefined, and the caller walks sequentially instead.
 * `tiled` is false when the ranges leave a gap or overlap (a walk that stopped early).
 */
export function mergeSegments(order: NameOrder, segments: readonly Segment[]): { names: string[]; tiled: boolean } | undefined {
  const sorted = [...segments].sort((a, b) => compareStarts(order, a.range, b.range))
  const names: string[] = []
  let tiled = sorted.length > 0 && sorted[0]!.range.lo === undefined && sorted.at(-1)!.range.hi === undefined
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i]!
    if (i > 0 && sorted[i - 1]!.range.hi !== s.range.lo) tiled = false
    for (const name of s.names) {
      if (!inRange(order, s.range, name)) return undefined
      if (names.length > 0 && compareNames(order, names[names.length - 1]!, name) >= 0) return undefined
      names.push(name)
    }
  }
  return { names, tiled }
}
