// The partitioned catalog walk against in-memory registries: planning and merging ranges (gaps,
// overlaps, a range ending inside a page), the sequential fallback for registries that are not
// in lexical order, and walks that stop early saying why.
import { describe, expect, it } from 'vitest'
import { BerthError } from '@shared/contract/errors'
import { compareNames, detectOrder, mergeSegments, planBounds, walkPages, type PageFn } from '../../src/main/registry'
import { rangesThrough } from '../../src/main/registry/catalogPartitions'
import { memoryCatalog, type MemoryCatalog } from '../support/memoryCatalog'

/** A first walk as the registry client makes it: with existence checks for the plan. */
const firstWalk = (reg: MemoryCatalog, opts: Parameters<typeof walkPages>[1] = {}): ReturnType<typeof walkPages> => walkPages(reg, opts, reg.exists)

const fillNames = (count: number): string[] => Array.from({ length: count }, (_, i) => `fill/group-${String(i % 100).padStart(2, '0')}/service-${String(i).padStart(5, '0')}`)

/** Uneven: most names under one prefix, some at both ends of the alphabet, separators mixed. */
function unevenNames(count: number): string[] {
  const out = new Set<string>()
  for (let i = 0; out.size < count; i++) {
    const k = i % 10
    if (k < 6) out.add(`team/app-${i}`)
    else if (k === 6) out.add(`a${i % 7}/x-${i}`)
    else if (k === 7) out.add(`zz.${i}`)
    else if (k === 8) out.add(`team-${i % 3}/svc_${i}`)
    else out.add(`${i % 10}lib/${i}`)
  }
  return [...out]
}

describe('catalog order and planning', () => {
  it("sorts '/' first in distribution's order, in place in plain order", () => {
    expect(compareNames('path', 'a/b', 'a-b')).toBeLessThan(0)
    expect(compareNames('plain', 'a/b', 'a-b')).toBeGreaterThan(0)
    expect(detectOrder(['a', 'a/b', 'a-b'])).toBe('path')
    expect(detectOrder(['a', 'a-b', 'a/b'])).toBe('plain')
    expect(detectOrder(['b', 'a'])).toBeUndefined()
  })

  it('plans the next groups of a counter after the first page', () => {
    const page = fillNames(10_000).sort().slice(0, 1000)
    expect(planBounds('path', page, undefined, 8)).toEqual(['fill/group-1', 'fill/group-2', 'fill/group-3', 'fill/group-4', 'fill/group-5', 'fill/group-6', 'fill/group-7', 'fill/group-8'])
    // Within a range, bounds stay below its end.
    expect(planBounds('path', page, 'fill/group-3', 8)).toEqual(['fill/group-1', 'fill/group-2'])
  })

  it('merges segments by range start and tells a gap', () => {
    const segs = [
      { range: { lo: 'm', hi: undefined }, names: ['n', 'z'] },
      { range: { lo: undefined, hi: 'c' }, names: ['a', 'b'] },
      { range: { lo: 'c', hi: 'm' }, names: ['c1', 'm'] }
    ]
    expect(mergeSegments('path', segs)).toEqual({ names: ['a', 'b', 'c1', 'm', 'n', 'z'], tiled: true })
    expect(mergeSegments('path', [segs[0]!, segs[1]!])).toEqual({ names: ['a', 'b', 'n', 'z'], tiled: false })
  })

  it('refuses overlapping segments and names outside their range', () => {
    expect(mergeSegments('path', [{ range: { hi: 'd' }, names: ['a', 'c'] }, { range: { lo: 'b' }, names: ['c', 'e'] }])).toBeUndefined()
    expect(mergeSegments('path', [{ range: { hi: 'b' }, names: ['a', 'c'] }, { range: { lo: 'b' }, names: ['d'] }])).toBeUndefined()
  })

  it('makes consecutive ranges through bounds', () => {
    expect(rangesThrough('a', undefined, ['b', 'c'])).toEqual([
      { lo: 'a', hi: 'b' },
      { lo: 'b', hi: 'c' },
      { lo: 'c', hi: undefined }
    ])
  })
})

describe('walking the catalog', () => {
  const cases: [string, string[]][] = [
    ['empty', []],
    ['one', ['only/one']],
    ['999', fillNames(999)],
    ['1,000', fillNames(1000)],
    ['1,001', fillNames(1001)],
    ['uneven 7,500', unevenNames(7500)],
    ['12,345 counters', fillNames(12_345)]
  ]
  for (const [label, names] of cases) {
    it(`returns exactly the sequential list (${label}) at every concurrency`, async () => {
      const sequential = await firstWalk(memoryCatalog(names), { concurrency: 1 })
      expect(sequential.repositories).toEqual([...names].sort((a, b) => compareNames('path', a, b)))
      for (const concurrency of [2, 4, 8]) {
        const walk = await firstWalk(memoryCatalog(names), { concurrency })
        expect(walk.repositories).toEqual(sequential.repositories)
        expect(walk.complete).toBe(true)
      }
    })
  }

  it('splits dense ranges and cuts pages at range ends (small pages)', async () => {
    const names = unevenNames(3000)
    const reg = memoryCatalog(names, { maxN: 50 })
    const walk = await firstWalk(reg, { concurrency: 4, pageSize: 50 })
    expect(walk.strategy).toBe('partitioned')
    expect(walk.partitions).toBeGreaterThan(4)
    expect(walk.repositories).toEqual([...names].sort((a, b) => compareNames('path', a, b)))
  })

  it('walks a plain-ordered registry in parallel too', async () => {
    const names = ['a', 'a-b', 'a/b', 'b', ...fillNames(2500)]
    const walk = await firstWalk(memoryCatalog(names, { order: 'plain' }), { concurrency: 4 })
    expect(walk.repositories).toEqual([...names].sort())
  })

  it('falls back to the sequential walk for a registry out of lexical order', async () => {
    const names = fillNames(2500).reverse()
    const walk = await firstWalk(memoryCatalog(names, { shuffle: true }), { concurrency: 4 })
    expect(walk.strategy).toBe('sequential')
    expect(walk.quirks).toContain('unordered')
    expect(walk.repositories).toEqual(names)
    expect(walk.complete).toBe(true)
  })

  it('reports an error midway as incomplete, keeping what was read', async () => {
    const walk = await firstWalk(memoryCatalog(fillNames(5000), { failAfter: 3 }), { concurrency: 1 })
    expect(walk.complete).toBe(false)
    expect(walk.incomplete).toMatchObject({ reason: 'error', message: expect.stringMatching(/midway.*connection refused/) })
    expect(walk.repositories).toHaveLength(3000)
    const parallel = await firstWalk(memoryCatalog(fillNames(5000), { failAfter: 3 }), { concurrency: 4 })
    expect(parallel).toMatchObject({ complete: false, incomplete: { reason: 'error' } })
  })

  it('stops at the cap and says so', async () => {
    const walk = await firstWalk(memoryCatalog(fillNames(5000)), { concurrency: 4, maxRepositories: 2500 })
    expect(walk).toMatchObject({ complete: false, incomplete: { reason: 'capped', message: expect.stringMatching(/more than 2,500/) } })
  })

  it('stops when cancelled and when out of time', async () => {
    const ctl = new AbortController()
    const reg = memoryCatalog(fillNames(5000))
    const walk = await walkPages(async (o) => {
      if (reg.calls.length === 2) ctl.abort()
      return reg(o)
    }, { concurrency: 1, signal: ctl.signal })
    expect(walk).toMatchObject({ complete: false, incomplete: { reason: 'cancelled' } })
    const late = await firstWalk(memoryCatalog(fillNames(5000)), { concurrency: 2, timeoutMs: -1 })
    expect(late).toMatchObject({ complete: false, incomplete: { reason: 'timeout', message: expect.stringMatching(/within/) } })
  })

  it('names a registry that ignores last, and one that ignores n', async () => {
    const walk = await firstWalk(memoryCatalog(fillNames(2500), { ignoreLast: true }), { concurrency: 1 })
    expect(walk).toMatchObject({ complete: false, incomplete: { reason: 'ignores-last' } })
    expect(walk.repositories).toHaveLength(1000)
    const parallel = await firstWalk(memoryCatalog(fillNames(2500), { ignoreLast: true }), { concurrency: 4 })
    expect(parallel).toMatchObject({ complete: false, incomplete: { reason: 'ignores-last' } })
    const all = fillNames(1500)
    const greedy: PageFn = async () => ({ repositories: [...all].sort() })
    const g = await walkPages(greedy, { pageSize: 100 })
    expect(g).toMatchObject({ complete: true, quirks: ['ignores-n'] })
    expect(g.repositories).toHaveLength(1500)
  })

  it("walks one request per page with an earlier walk's names as hints, also after changes", async () => {
    const names = fillNames(10_000)
    const sorted = [...names].sort((a, b) => compareNames('path', a, b))
    const reg = memoryCatalog(names)
    const walk = await walkPages(reg, { concurrency: 4, hints: sorted })
    expect(walk.repositories).toEqual(sorted)
    // Ten pages, and one asking whether anything came after the last name.
    expect(reg.calls).toHaveLength(11)
    // Names added and removed since: still exactly the registry's list.
    const changed = [...names.filter((_, i) => i % 7 !== 0), ...fillNames(12_000).slice(10_000), 'a/new', 'zz/new']
    const walk2 = await walkPages(memoryCatalog(changed), { concurrency: 4, hints: sorted })
    expect(walk2.repositories).toEqual([...changed].sort((a, b) => compareNames('path', a, b)))
  })

  it('starts a refresh with every range at once, the first page first and then the deepest ranges (registry:2 pays by depth)', async () => {
    const names = fillNames(5000)
    const sorted = [...names].sort((a, b) => compareNames('path', a, b))
    const reg = memoryCatalog(names)
    const walk = await walkPages(reg, { concurrency: 2, hints: sorted })
    // Five pages ended at names 1,000 … 5,000 then; a sixth range asks whether any came after.
    expect(walk).toMatchObject({ complete: true, strategy: 'partitioned', partitions: 6 })
    expect(walk.repositories).toEqual(sorted)
    expect(reg.calls).toHaveLength(6)
    // Both workers start at once: the first page and the deepest range; then the next deepest.
    expect(reg.calls.slice(0, 3)).toEqual([{ n: 1000 }, { n: 1000, last: sorted[4999] }, { n: 1000, last: sorted[3999] }])
  })

  it("throws the first page's error on a refresh (no catalog, sign-in), as a first walk does", async () => {
    const sorted = fillNames(3000).sort((a, b) => compareNames('path', a, b))
    const refused: PageFn = async (o) => {
      if (o.last === undefined) throw new BerthError('CATALOG_UNSUPPORTED', 'x does not list its repositories.', 'Open a repository by name instead.')
      return { repositories: [] }
    }
    await expect(walkPages(refused, { concurrency: 4, hints: sorted })).rejects.toMatchObject({ code: 'CATALOG_UNSUPPORTED' })
  })

  it('walks sequentially when the registry no longer answers in the order of the stored list', async () => {
    const names = fillNames(3000)
    const hints = [...names].sort((a, b) => compareNames('path', a, b))
    const reg = memoryCatalog(names, { shuffle: true })
    const walk = await walkPages(reg, { concurrency: 4, hints })
    expect(walk).toMatchObject({ complete: true, strategy: 'sequential' })
    expect(walk.repositories).toEqual(names)
  })

  it('asks for the page size the registry took on the first page', async () => {
    const reg = memoryCatalog(fillNames(2000), { maxN: 250 })
    const walk = await firstWalk(reg, { concurrency: 4 })
    expect(walk.repositories).toHaveLength(2000)
    expect(reg.calls.slice(1).every((c) => c.n === 250)).toBe(true)
  })

  it('keeps paging a registry that sends no Link', async () => {
    const reg = memoryCatalog(fillNames(2500))
    const noLink: PageFn = async (o) => ({ repositories: (await reg(o)).repositories })
    const walk = await walkPages(noLink, { concurrency: 4 }, reg.exists)
    expect(walk.repositories).toHaveLength(2500)
    expect(walk.quirks).toContain('no-link')
  })
})
