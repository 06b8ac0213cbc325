// The partitioned catalog walk against real registry:2: exactly the sequential walk's list at
// 0, 1, 999, 1,000, 1,001 and 25,000 repositories spread unevenly over the name space, for a
// first walk (ranges planned from the first page, or read ahead) and a refresh (the index's
// page ends); a first walk of a counter in one request per page; and a registry stopped
// mid-walk gives an incomplete list that says why. The repositories are written straight into
// the registry's storage (scripts/registryStorage.ts, checked by fill-storage.test.ts): 25,000
// over HTTP took minutes.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createRegistryClient, walkPages, type RegistryClient } from '../../src/main/registry'
import { fillRegistry } from '../../scripts/fill-registry'
import { describeEngine } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { startRegistry, type TestRegistry } from '../support/registries'

describeEngine('partitioned catalog walk against registry:2', () => {
  let reg: TestRegistry
  let client: RegistryClient
  const filled: string[] = []

  beforeAll(async () => {
    reg = await startRegistry({ storageInMemory: true })
    client = createRegistryClient({ address: reg.address, scheme: 'http' })
  })
  afterAll(async () => {
    await client?.close()
    await reg?.stop()
  })

  /** Adds `repositories` names under `prefix`, plus `<prefix>/source` (the fill uploads its blobs there). */
  const add = async (prefix: string, repositories: number): Promise<void> => {
    const r = await fillRegistry({ address: reg.address, repositories, tags: 0, prefix, concurrency: 32, storage: { docker: testDocker(), container: reg.container } })
    filled.push(...r.repositories)
    if (!filled.includes(`${prefix}/source`)) filled.push(`${prefix}/source`)
  }

  /** The sequential walk lists exactly what was pushed; partitioned walks list exactly the same. */
  const expectSameWalks = async (total: number, concurrencies = [2, 4, 8], refresh = [2, 6]): Promise<void> => {
    expect(filled).toHaveLength(total)
    const sequential = await client.catalogWalk({ concurrency: 1 })
    expect(sequential).toMatchObject({ complete: true, strategy: 'sequential' })
    expect(sequential.repositories).toHaveLength(total)
    expect(new Set(sequential.repositories)).toEqual(new Set(filled))
    for (const concurrency of concurrencies) {
      const walk = await client.catalogWalk({ concurrency })
      expect(walk.complete).toBe(true)
      expect(walk.repositories).toEqual(sequential.repositories)
      // Up to two pages a first walk reads one after another; a larger catalog is planned or read ahead.
      expect(walk.strategy).toBe(total > 2000 ? 'partitioned' : 'sequential')
    }
    // A refresh: the sequential list as the index, its page ends as range bounds.
    for (const concurrency of refresh) {
      const walk = await client.catalogWalk({ concurrency, hints: sequential.repositories })
      expect(walk.complete).toBe(true)
      expect(walk.repositories).toEqual(sequential.repositories)
      expect(walk.strategy).toBe(total > 1000 ? 'partitioned' : 'sequential')
    }
  }

  it('lists an empty registry', async () => {
    await expectSameWalks(0)
  })

  it('agrees at 1, 999, 1,000 and 1,001 repositories', async () => {
    await add('m', 0)
    await expectSameWalks(1)
    await add('team', 997)
    await expectSameWalks(999)
    await add('b-x', 0)
    await expectSameWalks(1000)
    await add('b-x', 1)
    await expectSameWalks(1001)
  })

  it('plans a first walk of nested counters from its first page: one request per page, checked by tag lists', async () => {
    // A registry of its own, so the first page is the counter alone.
    const own = await startRegistry({ storageInMemory: true })
    const ownClient = createRegistryClient({ address: own.address, scheme: 'http' })
    try {
      await fillRegistry({ address: own.address, repositories: 4999, tags: 0, prefix: 'plan', concurrency: 32, storage: { docker: testDocker(), container: own.container } })
      const sequential = await ownClient.catalogWalk({ concurrency: 1 })
      expect(sequential.repositories).toHaveLength(5000)
      const walk = await ownClient.catalogWalk({ concurrency: 6 })
      expect(walk).toMatchObject({ complete: true, strategy: 'partitioned' })
      expect(walk.repositories).toEqual(sequential.repositories)
      // Ranges of 980 names, each one request: the sequential walk's pages, plus at most one.
      expect(walk.requests).toBeLessThanOrEqual(sequential.requests + 1)
    } finally {
      await ownClient.close()
      await own.stop()
    }
  })

  it('agrees at 25,000 repositories spread unevenly (counters, separators, both ends of the alphabet)', async () => {
    await add('fill', 17_999)
    await add('b', 2999)
    await add('zz.last', 1999)
    await add('0lib', 998)
    // registry:2 walks its storage from the start for every page: a sequential walk of 25,000
    // names costs it ~25 × 13,000 repositories, so this size checks one first walk and one refresh.
    await expectSameWalks(25_000, [8], [4])
  }, 300_000)

  it('gives an incomplete list with the reason when the registry stops mid-walk', async () => {
    let pages = 0
    const walk = await walkPages(
      async (o) => {
        // Killed, not removed: the walk must meet a registry that is gone.
        if (++pages === 3) await testDocker().getContainer(reg.container).kill()
        return client.catalogPage(o)
      },
      { concurrency: 1, pageSize: 500 }
    )
    expect(walk.complete).toBe(false)
    expect(walk.incomplete).toMatchObject({ reason: 'error', message: expect.stringMatching(/Listing stopped midway: Cannot reach the registry/) })
    expect(walk.repositories).toHaveLength(1000)
  })
})
