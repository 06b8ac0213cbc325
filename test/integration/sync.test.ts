// Sync sets against real registry:2 containers: Plan lists exactly what Run then copies (with
// sizes), a second Run copies nothing, a changed tag is copied again, and a tag gone upstream is
// reported while the target keeps it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SyncService } from '../../src/main/sync'
import type { TransferService } from '../../src/main/transfers/service'
import { entry, syncStack } from '../support/copyHelpers'
import { describeEngine } from '../support/describeEngine'
import { registryDigest } from '../support/pushHelpers'
import { closeSeedConnections, seedImage, startRegistry, type TestRegistry } from '../support/registries'

describeEngine('sync sets between registry:2 containers', () => {
  let upstream: TestRegistry
  let lan: TestRegistry
  let dir: string
  let transfers: TransferService
  let sync: SyncService

  beforeAll(async () => {
    ;[upstream, lan] = await Promise.all([startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } }), startRegistry()])
    dir = await mkdtemp(join(tmpdir(), 'berth-sync-'))
    ;({ sync, transfers } = syncStack({ up: entry('up', upstream.address), lan: entry('lan', lan.address) }, dir))
  })

  afterAll(async () => {
    transfers?.dispose()
    await Promise.all([upstream?.stop(), lan?.stop()])
    await closeSeedConnections()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('plans, runs exactly the plan, re-runs nothing, copies changes and reports vanished tags', async () => {
    const seeded: Record<string, string> = {}
    for (const tag of ['1.27.0', '1.27.1', '1.26']) seeded[`library/nginx:${tag}`] = (await seedImage(upstream.address, 'library/nginx', tag, { layers: 2 })).digest
    for (const tag of ['7', '8']) seeded[`library/redis:${tag}`] = (await seedImage(upstream.address, 'library/redis', tag, { layers: 1 })).digest
    const set = await sync.save({ name: 'LAN mirror', sourceRegistryId: 'up', targetRegistryId: 'lan', entries: ['library/nginx:1.27*', 'library/redis:7'] })
    // Saved on disk: a new service reads the same set.
    expect(new SyncService({ file: join(dir, 'sync-sets.json'), emit: () => undefined, copier: () => undefined as never, startCopy: () => undefined as never, registry: () => undefined }).list()).toEqual([set])

    const plan = await sync.plan(set.id)
    const wanted = ['library/nginx:1.27.0', 'library/nginx:1.27.1', 'library/redis:7']
    expect(plan.items.map((i) => `${i.repository}:${i.tag}`).sort()).toEqual(wanted)
    expect(plan.items.every((i) => i.status === 'new' && i.size! > 0 && i.digest === seeded[`${i.repository}:${i.tag}`])).toBe(true)
    expect(plan.size).toBe(plan.items.reduce((n, i) => n + i.size!, 0))
    expect(plan).toMatchObject({ vanished: [], problems: [] })

    const first = await transfers.wait((await sync.run(set.id)).id)
    expect(first).toMatchObject({ state: 'done', kind: 'copy', message: 'Copied 3 tags.' })
    // Plan = run: every planned item is at the target with its digest, and its bytes were counted.
    for (const i of plan.items) expect(await registryDigest(lan.address, i.repository, i.tag)).toBe(i.digest)
    expect(first.bytesTotal).toBe(plan.size)
    expect(await registryDigest(lan.address, 'library/nginx', '1.26')).toBeNull()
    expect(await registryDigest(lan.address, 'library/redis', '8')).toBeNull()

    const replan = await sync.plan(set.id)
    expect(replan.items.map((i) => i.status)).toEqual(['same', 'same', 'same'])
    expect(replan.size).toBe(0)
    const second = await transfers.wait((await sync.run(set.id)).id)
    expect(second).toMatchObject({ state: 'done', layers: [], bytesTotal: 0, message: 'Nothing new or changed: nothing was copied.' })

    // Upstream moves 1.27.1 and drops 1.27.0.
    const moved = await seedImage(upstream.address, 'library/nginx', '1.27.1', { layers: 1 })
    const del = await fetch(`http://${upstream.address}/v2/library/nginx/manifests/${seeded['library/nginx:1.27.0']}`, { method: 'DELETE' })
    expect(del.status).toBe(202)
    const third = await sync.plan(set.id)
    expect(third.items.map((i) => `${i.tag} ${i.status}`).sort()).toEqual(['1.27.1 changed', '7 same'])
    expect(third.vanished).toEqual([{ repository: 'library/nginx', tag: '1.27.0' }])
    const run3 = await transfers.wait((await sync.run(set.id)).id)
    expect(run3.message).toBe('Copied 1 tag. 1 tag gone upstream, kept here: library/nginx:1.27.0.')
    expect(await registryDigest(lan.address, 'library/nginx', '1.27.1')).toBe(moved.digest)
    expect(await registryDigest(lan.address, 'library/nginx', '1.27.0')).toBe(seeded['library/nginx:1.27.0'])
  })
})
