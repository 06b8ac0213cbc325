// The catalog index on disk and the refresh rules: atomic JSON per registry, read lazily,
// another version ignored; a short walk never replaces a complete list; changes new and gone.
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CatalogWalkResult } from '@shared/contract/catalog'
import type { BrowseRegistry } from '../../src/main/browse'
import { catalogChanges, CatalogIndex, CatalogService } from '../../src/main/catalog'
import { tempDirs } from '../support/tempDirs'

const temp = tempDirs()
const tempDir = async (): Promise<string> => temp('index')

const entry: BrowseRegistry = { id: 'r1', name: 'r', address: '127.0.0.1:5000', scheme: 'http' }
const walkOf = (repositories: string[], incomplete?: CatalogWalkResult['incomplete']): CatalogWalkResult => ({
  repositories,
  complete: !incomplete,
  ...(incomplete ? { incomplete } : {}),
  strategy: 'partitioned',
  partitions: 3,
  requests: 3,
  quirks: []
})

describe('catalog index', () => {
  it('says what is new and what is gone', () => {
    expect(catalogChanges(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual({ added: ['d'], removed: ['a'] })
  })

  it('writes one file per registry and reads it back in a new instance', async () => {
    const dir = await tempDir()
    const a = new CatalogIndex(dir)
    await a.saveCatalog('r1', { endpoint: 'e', walkedAt: '2026-12-01T00:00:00.000Z', complete: true, repositories: ['x', 'y'] })
    await a.saveTags('r1', { endpoint: 'e', repositories: { x: { tags: ['1.0'], at: 1 } } })
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
    const b = new CatalogIndex(dir)
    expect(await b.catalog('r1')).toMatchObject({ repositories: ['x', 'y'], complete: true })
    expect(await b.tags('r1')).toMatchObject({ repositories: { x: { tags: ['1.0'] } } })
    expect(await b.catalog('other')).toBeUndefined()
    await b.forget('r1')
    expect(await new CatalogIndex(dir).catalog('r1')).toBeUndefined()
  })

  it('ignores a damaged file or another version (an index to rebuild, not an error)', async () => {
    const dir = await tempDir()
    const a = new CatalogIndex(dir)
    await a.saveCatalog('r1', { endpoint: 'e', walkedAt: 'w', complete: true, repositories: ['x'] })
    const [file] = await readdir(dir)
    await writeFile(join(dir, file!), '{"version":99,"data":{}}')
    expect(await new CatalogIndex(dir).catalog('r1')).toBeUndefined()
    await writeFile(join(dir, file!), '{not json')
    expect(await new CatalogIndex(dir).catalog('r1')).toBeUndefined()
  })
})

describe('catalog refresh', () => {
  const service = async (walks: CatalogWalkResult[]): Promise<CatalogService> => {
    const index = new CatalogIndex(await tempDir())
    return new CatalogService({ index, registry: () => entry, walk: async () => walks.shift()! })
  }

  it('keeps a complete list when a later walk comes back short, and reports changes only for complete walks', async () => {
    const s = await service([walkOf(['a', 'b', 'c']), walkOf(['a'], { reason: 'error', message: 'Listing stopped midway: x' }), walkOf(['b', 'c', 'd'])])
    expect((await s.refresh('r1')).changes).toBeUndefined()
    const short = await s.refresh('r1')
    expect(short).toMatchObject({ complete: false, incomplete: { reason: 'error' } })
    expect(short.changes).toBeUndefined()
    expect(await s.stored('r1')).toMatchObject({ complete: true, repositories: ['a', 'b', 'c'] })
    expect((await s.refresh('r1')).changes).toEqual({ added: ['d'], removed: ['a'] })
  })

  it('stores a short list when nothing better is stored, marked with why', async () => {
    const s = await service([walkOf(['a'], { reason: 'capped', message: 'more than 1' })])
    await s.refresh('r1')
    expect(await s.stored('r1')).toMatchObject({ complete: false, incomplete: { reason: 'capped' }, repositories: ['a'] })
  })

  it('runs one walk per registry at a time, and cancels it', async () => {
    let signal: AbortSignal | undefined
    let release: (w: CatalogWalkResult) => void = () => undefined
    const s = new CatalogService({
      index: new CatalogIndex(await tempDir()),
      registry: () => entry,
      walk: (_id, o) => {
        signal = o.signal
        return new Promise((r) => (release = r))
      }
    })
    const one = s.refresh('r1')
    const two = s.refresh('r1')
    expect(two).toBe(one)
    await new Promise((r) => setTimeout(r, 10))
    expect(s.cancel('r1')).toEqual({ cancelled: true })
    expect(signal?.aborted).toBe(true)
    release(walkOf([], { reason: 'cancelled', message: 'stopped' }))
    expect(await one).toMatchObject({ incomplete: { reason: 'cancelled' } })
    expect(s.cancel('r1')).toEqual({ cancelled: false })
  })
})
