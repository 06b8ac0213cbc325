// First walks without an index: the first page read as a pattern of names (catalogNameScale),
// range bounds planned from it with existence checks (catalogPlan), and the read-ahead walk
// when no plan holds (catalogAheadWalk). Against in-memory registries that charge what
// registry:2 charges: every request walks its storage up to `last`, then `n` names more.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compareNames, walkPages, type NameOrder } from '../../src/main/registry'
import { memoryCatalog } from '../support/memoryCatalog'
import { namePattern } from '../../src/main/registry/catalogNameScale'
import { boundsFromPattern } from '../../src/main/registry/catalogPlan'

const counters = (count: number): string[] => Array.from({ length: count }, (_, i) => `fill/r${String(i).padStart(6, '0')}`)
/** What `npm run bench -- catalog` fills: 100 groups, services numbered across them. */
const nested = (count: number): string[] => [...Array.from({ length: count }, (_, i) => `bench/group-${String(i % 100).padStart(2, '0')}/service-${String(i).padStart(5, '0')}`), 'bench/source', 'bench/many-tags']
const sortedIn = (order: NameOrder, names: readonly string[]): string[] => [...names].sort((a, b) => compareNames(order, a, b))

/** The sequential walk's list and what it cost registry:2, next to a first walk at `concurrency` and what that cost. */
async function againstSequential(names: readonly string[], concurrency = 6): Promise<{ seq: { names: string[]; work: number; requests: number }; walk: Awaited<ReturnType<typeof walkPages>>; work: number; requests: number }> {
  const one = memoryCatalog(names)
  const sequential = await walkPages(one, { concurrency: 1 })
  const reg = memoryCatalog(names)
  const walk = await walkPages(reg, { concurrency }, reg.exists)
  return { seq: { names: sequential.repositories, work: one.work, requests: one.calls.length }, walk, work: reg.work, requests: reg.calls.length }
}

describe('the first page as a pattern', () => {
  it('puts counters where they are, a page and more ahead', () => {
    const all = counters(5000)
    const pattern = namePattern('path', all.slice(0, 1000))
    for (const k of [1, 980, 1000, 2500, 3999]) expect(pattern.at(999 + k)).toBe(all[999 + k])
    expect(pattern.place(all[3210]!)).toBe(3210)
  })

  it('repeats nested counters group by group, with or without the name before the page', () => {
    const all = sortedIn('path', nested(10_000))
    const first = namePattern('path', all.slice(0, 1000))
    const later = namePattern('path', all.slice(3000, 4000), all[2999])
    for (const k of [1, 500, 980, 1000, 4321]) {
      expect(first.at(999 + k)).toBe(all[999 + k])
      expect(later.at(999 + k)).toBe(all[3999 + k])
    }
  })

  it('finds where `last` falls for any string, not only names', () => {
    const pattern = namePattern('path', counters(1000))
    expect(pattern.place('fill/r000499x')).toBe(499)
    expect(pattern.place('fill/r0')).toBeLessThanOrEqual(0)
    expect(pattern.place('fill/q')).toBeLessThan(0)
  })
})

describe('bounds planned from the first page', () => {
  it('finds where a catalog of nested counters ends and cuts it into pages that each fit one request', async () => {
    const all = sortedIn('path', nested(10_000))
    const reg = memoryCatalog(all)
    const bounds = await boundsFromPattern('path', all.slice(0, 1000), 1000, 2_000_000, reg.exists)
    expect(bounds.length).toBe(9)
    const cuts = [all[999]!, ...bounds]
    for (let i = 0; i < cuts.length; i++) {
      const from = all.findIndex((x) => compareNames('path', x, cuts[i]!) > 0)
      const to = i + 1 < cuts.length ? all.findIndex((x) => compareNames('path', x, cuts[i + 1]!) > 0) : all.length
      // Every range but the last (the catalog's tail) holds about a page.
      if (i + 1 < cuts.length) expect(to - from).toBeGreaterThan(900)
      expect(to - from).toBeLessThanOrEqual(1000)
    }
    // Existence checks, not walks: a few rounds of small requests.
    expect(reg.probes).toBeLessThan(40)
    expect(reg.work).toBe(0)
  })

  it('plans nothing when the pattern is not there, and when a check fails', async () => {
    const words = sortedIn('path', Array.from({ length: 3000 }, (_, i) => `team-${(i * 7919) % 3001}/app`))
    expect(await boundsFromPattern('path', words.slice(0, 1000), 1000, 2_000_000, memoryCatalog(words).exists)).toEqual([])
    const failing = async (): Promise<boolean> => {
      throw new Error('refused')
    }
    expect(await boundsFromPattern('path', counters(1000), 1000, 2_000_000, failing)).toEqual([])
  })

  it('stops at the cap when every name seems to exist', async () => {
    expect(await boundsFromPattern('path', counters(1000), 1000, 20_000, memoryCatalog([], { existsAlways: true }).exists)).toEqual([])
  })
})

describe('a first walk', () => {
  for (const [label, names] of [
    ['counters', counters(12_345)],
    ['nested counters', nested(10_000)]
  ] as const) {
    it(`walks ${label} in one request per page with no request wasted`, async () => {
      const { seq, walk, work, requests } = await againstSequential(names)
      expect(walk).toMatchObject({ complete: true, strategy: 'partitioned' })
      expect(walk.repositories).toEqual(seq.names)
      // The same pages as one after another (each range holds 980 names), so about the same work.
      expect(requests).toBeLessThanOrEqual(seq.requests + 1)
      expect(work).toBeLessThanOrEqual(seq.work * 1.05)
    })
  }

  it('reads ahead where no plan holds, and never costs much more than one page after another', async () => {
    // An odd first page (one name far from the rest) hides the counter that follows it.
    const { seq, walk, work } = await againstSequential(['aaa/tool', ...counters(6000)])
    expect(walk.repositories).toEqual(seq.names)
    expect(walk.complete).toBe(true)
    expect(work).toBeLessThanOrEqual(seq.work * 1.3)
  })

  it('lists exactly what the sequential walk lists, whatever the names, page size and concurrency', async () => {
    const name = fc.oneof(
      fc.integer({ min: 0, max: 99_999 }).map((i) => `c/n${String(i).padStart(5, '0')}`),
      fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 999 })).map(([g, i]) => `g-${g}/s_${i}`),
      fc.stringMatching(/^[a-z0-9]{1,6}(\/[a-z0-9]{1,4})?$/)
    )
    await fc.assert(
      fc.asyncProperty(fc.array(name, { maxLength: 3000 }), fc.constantFrom(1, 2, 3, 6), fc.boolean(), async (names, concurrency, existsAlways) => {
        const expected = (await walkPages(memoryCatalog(names), { concurrency: 1 })).repositories
        const reg = memoryCatalog(names, { existsAlways })
        const walk = await walkPages(reg, { concurrency, pageSize: 200 }, reg.exists)
        expect(walk.complete).toBe(true)
        expect(walk.repositories).toEqual(expected)
      }),
      { numRuns: 60 }
    )
  })

  it('says where it stopped when a page fails while the plan is made', async () => {
    const names = nested(5000)
    const reg = memoryCatalog(names, { failOn: (o) => o.last !== undefined })
    const walk = await walkPages(reg, { concurrency: 6 }, reg.exists)
    expect(walk).toMatchObject({ complete: false, incomplete: { reason: 'error', message: expect.stringMatching(/midway.*connection refused/) } })
    expect(walk.repositories).toEqual(sortedIn('path', names).slice(0, 1000))
  })

  it('reads one page after another without a way to check names', async () => {
    const reg = memoryCatalog(counters(3000))
    const walk = await walkPages(reg, { concurrency: 6 })
    expect(walk).toMatchObject({ complete: true, strategy: 'sequential' })
  })
})
