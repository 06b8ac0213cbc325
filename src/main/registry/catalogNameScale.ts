// Where does the catalog's next page end? A first walk has no index, and registry:2 charges a
// request for its depth, so a good guess of a page's end is what lets the next page start now.
//
// Names are read as numbers in a mixed radix learned from the names just read: each place
// takes the whole class of every character seen there (a digit → 0–9, a letter → a–z, a
// separator → itself), plus "the name ended" where some name ends. Counters and words then
// count the way the registry orders them, and the next page is guessed as the page just read,
// moved on by as much as it advanced.
// Written by hand: this is arithmetic on the registry's own cursor, which no library offers.
import { compareNames, type NameOrder } from './catalogPartitions'

const CLASSES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz']
const CLASS_OF = new Map(CLASSES.flatMap((k) => [...k].map((c) => [c, k] as const)))

interface Scale {
  /** Per place, its characters in the registry's order. */
  places: string[][]
  /** Per place, each character's index in `places` (names are read a thousand at a time). */
  index: Map<string, number>[]
  /** Per place, whether some name ends there: then "ended" is a step below its first character. */
  ends: boolean[]
  /** Per place, what one step of it is worth. */
  weights: bigint[]
}

const radix = (s: Scale, i: number): bigint => BigInt(s.places[i]!.length + (s.ends[i] ? 1 : 0))

function learn(order: NameOrder, names: readonly string[]): Scale {
  const length = Math.max(1, ...names.map((n) => n.length))
  // Per place, the classes and lone characters seen (each class is spelled out once, at the end).
  const seen = Array.from({ length }, () => new Set<string>())
  for (const name of names) for (let i = 0; i < name.length; i++) seen[i]!.add(CLASS_OF.get(name[i]!) ?? name[i]!)
  const sets = seen.map((kinds) => new Set([...kinds].flatMap((k) => [...k])))
  // A place where every name goes on has no "ended" step: counters of one width stay in base 10.
  const ends = sets.map((_, i) => names.some((n) => n.length <= i))
  const places = sets.map((set) => [...set].sort((a, b) => compareNames(order, a, b)))
  const s: Scale = { places, index: places.map((p) => new Map(p.map((c, i) => [c, i]))), ends, weights: new Array<bigint>(length) }
  s.weights[length - 1] = 1n
  for (let i = length - 2; i >= 0; i--) s.weights[i] = s.weights[i + 1]! * radix(s, i + 1)
  return s
}

/** A character not seen at a place counts as the nearest one below it: a guess stays a guess. */
function digit(order: NameOrder, s: Scale, i: number, c: string | undefined): number {
  if (c === undefined) return 0
  const known = s.index[i]!.get(c)
  const place = s.places[i]!
  let r = known === undefined ? 0 : known + 1
  if (known === undefined) while (r < place.length && compareNames(order, place[r]!, c) <= 0) r++
  return s.ends[i] ? r : Math.max(0, r - 1)
}

function toNumber(order: NameOrder, s: Scale, name: string): bigint {
  let v = 0n
  for (let i = 0; i < s.places.length; i++) v += BigInt(digit(order, s, i, name[i])) * s.weights[i]!
  return v
}

function toName(s: Scale, v: bigint): string {
  const top = radix(s, 0) * s.weights[0]! - 1n
  let rest = v < 0n ? 0n : v > top ? top : v
  let out = ''
  for (let i = 0; i < s.places.length; i++) {
    const d = Number(rest / s.weights[i]!)
    rest %= s.weights[i]!
    if (s.ends[i] && d === 0) break
    out += s.places[i]![s.ends[i] ? d - 1 : d]
  }
  return out
}

/** The names of one page, repeated: where the registry's next pages are guessed to be. */
export interface NamePattern {
  /** The name `q` places after the page's first name (from `length` on: a later repeat, below 0: an earlier one). */
  at(q: number): string
  /** Where `name` falls: the place of the last pattern name at or before it. */
  place(name: string): number
}

function widestGap(values: readonly bigint[]): bigint {
  let widest = 0n
  for (let i = 1; i < values.length; i++) if (values[i]! - values[i - 1]! > widest) widest = values[i]! - values[i - 1]!
  return widest
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b))

/**
 * `page`: names read together, in order; `before`: the name read just before them, when known.
 * Each repeat moves every name by the page's own advance (its last name minus the one before
 * it), so counters and nested counters (group-09/… → group-19/…) repeat exactly and other
 * names roughly. Guesses land on names like the real ones, not in the empty space between
 * groups: a guess there would start a request at the same place as the one before it.
 */
export function namePattern(order: NameOrder, page: readonly string[], before?: string): NamePattern {
  const s = learn(order, before === undefined ? page : [before, ...page])
  const values = page.map((n) => toNumber(order, s, n))
  const length = values.length
  // Without the name before, the page shows one gap fewer than it has names: the missing one is
  // taken as its widest, since a page of a nested counter holds one jump to a new group per group.
  const span = before === undefined ? values[length - 1]! - values[0]! + widestGap(values) : values[length - 1]! - toNumber(order, s, before)
  const advance = span > 0n ? span : 1n
  const valueAt = (q: number): bigint => {
    const k = Math.floor(q / length)
    return values[q - k * length]! + BigInt(k) * advance
  }
  return {
    at: (q) => toName(s, valueAt(q)),
    place: (name) => {
      const v = toNumber(order, s, name)
      const k = floorDiv(v - values[0]!, advance)
      // The last i with values[i] + k·advance ≤ v (there is one: i = 0).
      let lo = 0
      let hi = length
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1
        if (values[mid]! + k * advance <= v) lo = mid
        else hi = mid
      }
      return Number(k) * length + lo
    }
  }
}
