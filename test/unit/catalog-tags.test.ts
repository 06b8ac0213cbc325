// Search across tags over the index (exact tag, glob), and the background tag indexer: bounded
// concurrency, progress, failures counted, cancel, and lists kept in the index.
import { describe, expect, it } from 'vitest'
import type { TagIndexProgress } from '@shared/contract/catalog'
import { BerthError } from '@shared/contract/errors'
import type { BrowseRegistry } from '../../src/main/browse'
import { CatalogIndex, searchTags, TagIndexer, tagMatcher } from '../../src/main/catalog'
import { tempDirs } from '../support/tempDirs'

const tempDir = tempDirs()

describe('search across tags', () => {
  const index = {
    'team/a': { tags: ['1.8.0', '1.8.1', 'latest'], at: 1 },
    'team/b': { tags: ['1.9.0', 'latest'], at: 1 },
    'team/c': { tags: ['1.8.0'], at: 1 }
  }
  const catalog = ['team/a', 'team/b', 'team/c', 'team/d']

  it('finds the repositories having a tag', () => {
    expect(searchTags('1.8.0', catalog, index, 100)).toEqual({
      query: '1.8.0',
      matches: [
        { repository: 'team/a', tags: ['1.8.0'] },
        { repository: 'team/c', tags: ['1.8.0'] }
      ],
      truncated: false,
      indexed: 3,
      total: 4
    })
  })

  it('matches patterns, with dots taken literally', () => {
    expect(searchTags('1.8.*', catalog, index, 100).matches).toEqual([
      { repository: 'team/a', tags: ['1.8.0', '1.8.1'] },
      { repository: 'team/c', tags: ['1.8.0'] }
    ])
    expect(tagMatcher('1.?.0')('1.9.0')).toBe(true)
    expect(tagMatcher('1.8.0')('108.0')).toBe(false)
    expect(tagMatcher('1.8*')('1x8')).toBe(false)
  })

  it('says when it returned fewer than matched', () => {
    expect(searchTags('latest', catalog, index, 1)).toMatchObject({ matches: [{ repository: 'team/a' }], truncated: true, indexed: 3 })
  })
})

describe('tag indexer', () => {
  const entry: BrowseRegistry = { id: 'r1', name: 'r', address: '127.0.0.1:5000', scheme: 'http' }
  const setup = async (repos: string[], tags: (repo: string) => Promise<string[]>, concurrency = 3) => {
    const dir = tempDir('tags')
    const index = new CatalogIndex(dir)
    const events: TagIndexProgress[] = []
    const indexer = new TagIndexer({ index, registry: () => entry, catalog: async () => repos, tags: (_id, r) => tags(r), emit: (p) => events.push(p), concurrency })
    const finished = (): Promise<TagIndexProgress> =>
      new Promise((resolve) => {
        const poll = (): void => void indexer.status('r1').then((s) => (s.running ? setTimeout(poll, 5) : resolve(s)))
        poll()
      })
    return { index, indexer, events, finished, dir }
  }

  it('reads every tag list a few at a time, counts failures and keeps the lists', async () => {
    const repos = Array.from({ length: 40 }, (_, i) => `team/r${i}`)
    let inFlight = 0
    let most = 0
    const { indexer, events, finished, dir } = await setup(repos, async (r) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((res) => setTimeout(res, 2))
      inFlight--
      if (r === 'team/r7') throw new Error('boom')
      if (r === 'team/r8') throw new BerthError('NOT_FOUND', 'Repository "team/r8" does not exist.')
      return ['1.0', r.endsWith('3') ? '1.8.0' : '2.0']
    })
    const started = await indexer.start('r1')
    expect(started).toMatchObject({ running: true, total: 40 })
    const end = await finished()
    expect(end).toMatchObject({ running: false, done: 39, total: 40, failed: 1 })
    // The last event is newer than the answer to start, whichever arrives first.
    expect(events.at(-1)!.rev).toBeGreaterThan(started.rev)
    expect(most).toBe(3)
    expect(events.at(-1)).toMatchObject({ running: false, done: 39 })
    const search = await indexer.search('r1', '1.8.0')
    expect(search.matches.map((m) => m.repository)).toEqual(['team/r3', 'team/r13', 'team/r23', 'team/r33'])
    // A new instance (a restart) reads the lists from the index.
    const again = new TagIndexer({ index: new CatalogIndex(dir), registry: () => entry, catalog: async () => repos, tags: async () => [], emit: () => undefined })
    expect((await again.search('r1', '1.8.0')).matches).toHaveLength(4)
    expect(await again.status('r1')).toMatchObject({ done: 39, total: 40 })
  })

  it('stops when cancelled', async () => {
    const repos = Array.from({ length: 50 }, (_, i) => `r${i}`)
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const { indexer, finished } = await setup(repos, async () => {
      await gate
      return ['x']
    }, 2)
    await indexer.start('r1')
    await indexer.cancel('r1')
    release()
    expect(await finished()).toMatchObject({ running: false, cancelled: true, done: 2 })
  })
})
