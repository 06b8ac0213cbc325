// The persisted catalog index against real registry:2: a walk is stored in the data directory,
// survives a restart of the services (read back with the registry stopped: no network), and the
// next walk says which repositories are new and which are gone.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RegistryEntry } from '@shared/contract/registries'
import { BrowseService } from '../../src/main/browse'
import { CatalogIndex, CatalogService } from '../../src/main/catalog'
import { fillRegistry } from '../../scripts/fill-registry'
import { describeEngine } from '../support/describeEngine'
import { startRegistry, type TestRegistry } from '../support/registries'

describeEngine('catalog index against registry:2', () => {
  let reg: TestRegistry
  let dataDir: string
  let entry: RegistryEntry
  const started: BrowseService[] = []

  /** What createServices builds for the catalog, on `dataDir`: a fresh start each call. */
  const boot = (): CatalogService => {
    const browse = new BrowseService({ registry: () => entry, credentials: async () => undefined })
    started.push(browse)
    return new CatalogService({ index: new CatalogIndex(join(dataDir, 'catalog-index')), registry: () => entry, walk: (id, o) => browse.walkCatalog(id, o) })
  }

  beforeAll(async () => {
    reg = await startRegistry()
    dataDir = await mkdtemp(join(tmpdir(), 'berth-catalog-index-'))
    entry = { id: 'reg-1', name: 'test', address: reg.address, scheme: 'http' } as RegistryEntry
    await fillRegistry({ address: reg.address, repositories: 1500, tags: 0, prefix: 'idx' })
  })
  afterAll(async () => {
    for (const b of started) await b.dispose()
    await reg?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('stores a walk, and shows it after a restart without asking the registry', async () => {
    const first = boot()
    expect(await first.stored('reg-1')).toBeNull()
    const walk = await first.refresh('reg-1')
    // A first walk of two pages is sequential; a refresh cuts ranges at the stored list's page ends.
    expect(walk).toMatchObject({ complete: true, strategy: 'sequential' })
    expect(walk.repositories).toHaveLength(1501)
    expect(walk.changes).toBeUndefined()

    // New repositories, and one gone (another registry at the same address would be a new entry).
    await fillRegistry({ address: reg.address, repositories: 3, tags: 0, prefix: 'late' })
    const second = boot()
    const stored = await second.stored('reg-1')
    expect(stored).toMatchObject({ complete: true, repositories: walk.repositories })
    const again = await second.refresh('reg-1')
    expect(again).toMatchObject({ complete: true, strategy: 'partitioned' })
    expect(again.changes).toEqual({ added: ['late/group-00/service-00000', 'late/group-01/service-00001', 'late/group-02/service-00002', 'late/source'], removed: [] })

    // Restart with the registry down: the index still answers, with the list and its age.
    await reg.stop()
    const third = boot()
    const offline = await third.stored('reg-1')
    expect(offline?.repositories).toHaveLength(1505)
    expect(Date.parse(offline!.walkedAt)).toBe(Date.parse(again.walkedAt))
    // A walk that cannot start fails, and leaves the stored list alone.
    await expect(third.refresh('reg-1')).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE' })
    expect((await boot().stored('reg-1'))?.repositories).toHaveLength(1505)
  })

  it('forgets the stored list when the entry points elsewhere', async () => {
    entry = { ...entry, address: '127.0.0.1:1' }
    expect(await boot().stored('reg-1')).toBeNull()
  })
})
