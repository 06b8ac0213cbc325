// Range bounds for a first walk, from its first page alone. The names of the first page are
// taken as a pattern (catalogNameScale) and followed ahead with cheap existence checks (one
// small tag-list request each, no walk of the storage; with token auth, a pull token each too):
// doubling until a pattern name is not there, then narrowing down to a few names, a handful of
// checks at a time. When the pattern holds, that finds about where the catalog ends, and the
// pages in between get bounds as exact as an index's: the walk can then start every range at
// once, deepest first, like a refresh. When it does not hold, there is no
// plan and the walk reads ahead page by page instead (catalogAheadWalk). A check of a name that
// is not there shows in registry:2's log as one "name unknown" line: a few dozen per first walk.
import { namePattern } from './catalogNameScale'
import type { NameOrder } from './catalogPartitions'

/** Names that the last range may overrun its page by, and that neighbouring ranges share: a small overlap is cheap, a range one name too long costs a whole request. */
const SLACK = 20

/** Existence checks sent at once. */
const PROBES = 7

/** Bounds after `page` (sorted, each about `n` names after the one before), or none without a pattern. */
export async function boundsFromPattern(order: NameOrder, page: readonly string[], n: number, maxNames: number, exists: (repository: string) => Promise<boolean>): Promise<string[]> {
  const pattern = namePattern(order, page)
  const after = (k: number): string => pattern.at(page.length - 1 + k)
  // The pattern's k-th name after the page is there for k = `there`, not for k = `gone`. Each
  // round asks several names at once: round trips, not the requests, are what this costs.
  const probe = async (ks: number[]): Promise<boolean[]> => Promise.all(ks.map((k) => exists(after(k)).catch(() => false)))
  const doublings = Array.from({ length: Math.ceil(Math.log2(Math.max(2, maxNames / n))) + 1 }, (_, j) => n * 2 ** j)
  let there = 0
  let gone = 0
  for (let i = 0; i < doublings.length && gone === 0; i += PROBES) {
    const ks = doublings.slice(i, i + PROBES)
    const found = await probe(ks)
    for (let j = 0; j < ks.length && gone === 0; j++) if (found[j]) there = ks[j]!
    else gone = ks[j]!
  }
  if (there === 0 || gone === 0) return []
  while (gone - there > SLACK) {
    const ks = Array.from({ length: PROBES }, (_, j) => there + Math.ceil(((gone - there) * (j + 1)) / (PROBES + 1)))
    const found = await probe(ks)
    // Where the pattern holds only in places, the bracket stays around the last name found.
    const last = found.lastIndexOf(true)
    if (last >= 0) there = ks[last]!
    const next = found.indexOf(false, last + 1)
    if (next >= 0) gone = ks[next]!
  }
  // The catalog ends after `there` and before `gone`. Ranges of `step` names, up to a last one
  // that reaches the end in one page: past `there` a bound could leave it empty (a whole walk).
  const step = n - SLACK
  const bounds: string[] = []
  for (let k = step; gone - (k - step) > step && k <= there; k += step) bounds.push(after(k))
  return bounds
}
