// A first walk that reads ahead, for when the first page gave no plan (catalogPlan). One
// request always follows the registry's cursor from the end of what is read so far (the
// frontier), exactly as a sequential walk would. The other slots ask, at the same time, for the
// pages after it, starting a little before where the pattern of the last page read puts their
// end (catalogNameScale), and only when the pattern's next name exists. A right guess is a page
// read now instead of later; a guess too early reads a few names twice; one too late leaves a
// gap that the frontier fills. Nothing is missed: any string is a cursor, and the walk is done
// only when the pieces read join up from the start to the catalog's end.
import type { CatalogPage } from '@shared/contract/registryTypes'
import type { IncompleteWalk } from '@shared/contract/catalog'
import { compareNames, compareStarts, type NameOrder } from './catalogPartitions'
import { namePattern, type NamePattern } from './catalogNameScale'
import { Stop, stopped, type WalkTools } from './catalogWalkTools'

/** Names after `lo` (from the start when undefined) up to `hi` inclusive (to the end when undefined). */
interface Piece {
  lo?: string
  hi?: string
  names: string[]
}

/** A request's guess starts this share of a page before where the one before it should end: a small overlap is cheap, a small gap costs a whole request. */
const OVERLAP = 0.02

/** `names` is undefined when a page broke the registry's order (the caller walks sequentially). */
export async function aheadWalk(first: CatalogPage, order: NameOrder, tools: Pick<WalkTools, 'n' | 'page' | 'count'> & { concurrency: number; exists(repository: string): Promise<boolean> }): Promise<{ names?: string[]; partitions: number; incomplete?: IncompleteWalk }> {
  const cmp = (a: string, b: string): number => compareNames(order, a, b)
  /** a ≤ b, where undefined is the start (as a low end). */
  const atOrBefore = (a: string | undefined, b: string | undefined): boolean => a === undefined || (b !== undefined && cmp(a, b) <= 0)
  let n = tools.n
  const pieces: Piece[] = []
  const seen = new Set<string>()
  const inFlight = new Map<number, { last: string; frontier: boolean }>()
  let nextId = 0
  let guessing = true
  let disorder = false
  let incomplete: IncompleteWalk | undefined
  let done = false
  let waitUntil: string | undefined

  /** The page read after `last` as a piece, or undefined when it breaks the order. */
  const pieceOf = (last: string | undefined, p: CatalogPage, asked: number): Piece | undefined => {
    for (let i = 0; i < p.repositories.length; i++) {
      const name = p.repositories[i]!
      if ((last !== undefined && cmp(name, last) <= 0) || (i > 0 && cmp(p.repositories[i - 1]!, name) >= 0)) return undefined
    }
    // Nothing, or fewer names than asked and no Link: the catalog ends here. A full page may go on.
    const ends = p.repositories.length === 0 || (!p.next && p.repositories.length < asked)
    if (p.next && p.next.n < n) n = p.next.n
    return { lo: last, hi: ends ? undefined : (p.repositories.at(-1) ?? last), names: p.repositories }
  }
  const add = (piece: Piece): void => {
    pieces.push(piece)
    let fresh = 0
    for (const name of piece.names) {
      if (seen.has(name)) continue
      seen.add(name)
      fresh++
    }
    tools.count(fresh)
  }

  /** How far `spans` join up from `to` (the start when undefined): `end` once they reach the catalog's end. */
  const joined = (spans: readonly { lo?: string; hi?: string }[], to?: string): { to?: string; end: boolean } => {
    for (const s of byStart(order, spans)) {
      if (!atOrBefore(s.lo, to)) break
      if (s.hi === undefined) return { to, end: true }
      if (to === undefined || cmp(s.hi, to) > 0) to = s.hi
    }
    return { to, end: false }
  }

  /** The last name read at or before `at` (a piece's names are in order). */
  const nameAtOrBefore = (at: string): string | undefined => {
    let best: string | undefined
    for (const p of pieces) {
      let lo = 0
      let hi = p.names.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (cmp(p.names[mid]!, at) <= 0) lo = mid + 1
        else hi = mid
      }
      const found = p.names[lo - 1]
      if (found !== undefined && (best === undefined || cmp(found, best) > 0)) best = found
    }
    return best
  }
  /** The page read last before `at`, as a pattern: names next to where a guess goes count most alike. */
  const patterns = new Map<Piece, NamePattern>()
  const patternNear = (at: string): NamePattern => {
    let best = pieces[0]!
    for (const p of pieces) if (atOrBefore(p.lo, at) && p.names.length > 0 && atOrBefore(best.lo, p.lo)) best = p
    let pattern = patterns.get(best)
    if (!pattern) {
      // With the name read just before it, a page's advance counts its jump from the page before.
      const before = best.lo === undefined ? undefined : nameAtOrBefore(best.lo)
      const since = before === undefined ? [] : best.names.filter((x) => cmp(x, before) > 0)
      patterns.set(best, (pattern = since.length > 0 ? namePattern(order, since, before) : namePattern(order, best.names)))
    }
    return pattern
  }
  /** About `k` names after `from`. */
  const after = (from: string, k: number): string => {
    const pattern = patternNear(from)
    return pattern.at(pattern.place(from) + k)
  }

  /** Where the next guess starts: past the pieces and the requests on their way, as they are expected to end. */
  const nextGuess = (frontier: string): string | undefined => {
    const spans: { lo?: string; hi?: string }[] = [...pieces]
    for (const r of inFlight.values()) spans.push({ lo: r.last, hi: after(r.last, n) })
    const reach = joined(spans, frontier)
    if (reach.end || reach.to === undefined) return undefined
    const guess = after(reach.to, -Math.ceil(OVERLAP * n))
    if (cmp(guess, frontier) <= 0 || [...inFlight.values()].some((r) => r.last === guess)) return undefined
    return guess
  }

  let partitions = 0
  const firstPiece = pieceOf(undefined, first, n)
  if (!firstPiece) return { partitions }
  try {
    add(firstPiece)
  } catch (e) {
    return { names: first.repositories, partitions: 1, incomplete: stopped(e) }
  }
  partitions = 1

  await new Promise<void>((resolve) => {
    const launch = (last: string, frontier: boolean): void => {
      const id = nextId++
      inFlight.set(id, { last, frontier })
      // A guess goes only when the name the pattern puts right after it exists (one cheap tag-list
      // request): past the catalog's end, a page would cost registry:2 a whole walk for nothing.
      const go = frontier ? Promise.resolve(true) : tools.exists(after(last, 1))
      go.then((yes) => {
        if (done) return
        if (!yes) return void (waitUntil = last)
        const asked = n
        partitions++
        return tools.page({ n: asked, last }).then((p) => {
          if (done) return
          const piece = pieceOf(last, p, asked)
          if (!piece) disorder = true
          else add(piece)
        })
      })
        .catch((e: unknown) => {
          if (done) return
          // A guess that fails only stops the guessing: the frontier says whether the registry is down.
          if (e instanceof Stop || frontier) incomplete ??= stopped(e)
          else guessing = false
        })
        .finally(() => {
          inFlight.delete(id)
          if (!done) pump()
        })
    }
    const pump = (): void => {
      const reach = joined(pieces)
      const over = disorder || incomplete !== undefined || reach.end
      if (over) {
        // A guess past the end may still be on its way: its answer changes nothing, so it is not waited for.
        done = true
        resolve()
        return
      }
      const frontier = reach.to!
      // The cursor's own request, unless one on its way starts at or before it (it reads on from there).
      if (![...inFlight.values()].some((r) => atOrBefore(r.last, frontier))) launch(frontier, true)
      // No guesses while the pattern points past the names that exist, until the cursor gets there.
      if (waitUntil !== undefined && cmp(frontier, waitUntil) >= 0) waitUntil = undefined
      while (guessing && waitUntil === undefined && inFlight.size < tools.concurrency) {
        const guess = nextGuess(frontier)
        if (guess === undefined) break
        launch(guess, false)
      }
    }
    pump()
  })
  if (disorder) return { partitions }
  return { names: merged(order, pieces), partitions, ...(incomplete ? { incomplete } : {}) }
}

/** Spans by where they start (undefined, the start, first). */
const byStart = <T extends { lo?: string }>(order: NameOrder, spans: readonly T[]): T[] => [...spans].sort((a, b) => compareStarts(order, a, b))

/** The pieces' names in order, as far as they join up from the start (all of them when the walk is whole). */
function merged(order: NameOrder, pieces: readonly Piece[]): string[] {
  const names: string[] = []
  for (const p of byStart(order, pieces)) {
    const to = names.at(-1)
    if (p.lo !== undefined && (to === undefined || compareNames(order, p.lo, to) > 0)) break
    for (const name of p.names) if (names.length === 0 || compareNames(order, name, names.at(-1)!) > 0) names.push(name)
  }
  return names
}
