// Sync sets whose source is a Docker Hub mirror typed as an address (not a sidebar entry), with
// a platform filter: the target gets a filtered index (its own digest, only the chosen platform
// manifests, each with the source's digest), a single-platform image of another platform is left
// out and said so, and a re-run finds everything up to date and copies nothing.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SyncService } from '../../src/main/sync'
import type { TransferService } from '../../src/main/transfers/service'
import { entry, syncStack } from '../support/copyHelpers'
import { describeEngine } from '../support/describeEngine'
import { digestOf, OCI } from '../support/ociMedia'
import { pushIndex, pushPlatformImage, pushSingle } from '../support/pullableImages'
import { closeSeedConnections, startRegistry, tagManifest, type TestRegistry } from '../support/registries'

const CREATED = '2024-05-01T12:00:00Z'

describeEngine('sync sets from a typed mirror, with a platform filter', () => {
  let mirror: TestRegistry
  let lan: TestRegistry
  let dir: string
  let transfers: TransferService
  let sync: SyncService

  beforeAll(async () => {
    ;[mirror, lan] = await Promise.all([startRegistry(), startRegistry()])
    dir = await mkdtemp(join(tmpdir(), 'berth-sync-mirror-'))
    // Only the target is a sidebar entry: the mirror is reached by its typed address.
    ;({ sync, transfers } = syncStack({ lan: entry('lan', lan.address) }, dir))
  })

  afterAll(async () => {
    transfers?.dispose()
    await Promise.all([mirror?.stop(), lan?.stop()])
    await closeSeedConnections()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const manifestAt = async (address: string, repo: string, ref: string): Promise<{ status: number; digest?: string; body?: { manifests?: { digest: string; platform: { architecture: string } }[] } }> => {
    const res = await fetch(`http://${address}/v2/${repo}/manifests/${ref}`, { headers: { accept: [OCI.index, OCI.manifest].join(', ') } })
    if (res.status !== 200) return { status: res.status }
    const bytes = Buffer.from(await res.arrayBuffer())
    return { status: 200, digest: digestOf(bytes), body: JSON.parse(bytes.toString('utf8')) }
  }

  it('copies only linux/amd64 as a filtered index; the plan and a re-run agree', async () => {
    const index = await pushIndex(mirror.address, 'library/multi', ['1.27.0', '1.26.0'], CREATED)
    const single = await pushSingle(mirror.address, 'library/single', ['1.0'], CREATED)
    const arm = await pushPlatformImage(mirror.address, 'library/armonly', { os: 'linux', architecture: 'arm64' }, CREATED)
    await tagManifest(mirror.address, 'library/armonly', arm.digest, ['1.0'], OCI.manifest)

    // One-part names become Docker Hub's library/… on a mirror.
    const set = await sync.save({ name: 'Hub mirror', sourceMirror: `http://${mirror.address}`, targetRegistryId: 'lan', entries: ['multi:1.27*', 'library/single', 'armonly:1.0'], platforms: ['linux/amd64'] })
    expect(set).toMatchObject({ sourceMirror: `http://${mirror.address}`, entries: ['library/multi:1.27*', 'library/single:*', 'library/armonly:1.0'], platforms: ['linux/amd64'] })
    expect(set.sourceRegistryId).toBeUndefined()

    const plan = await sync.plan(set.id)
    expect(plan.problems).toEqual([])
    expect(plan.unmatched).toEqual([{ repository: 'library/armonly', tag: '1.0' }])
    const multi = plan.items.find((i) => i.repository === 'library/multi')!
    expect(plan.items.map((i) => `${i.repository}:${i.tag}:${i.status}`).sort()).toEqual(['library/multi:1.27.0:new', 'library/single:1.0:new'])
    // The filtered index has a digest of its own; the source index is what it is made from.
    expect(multi.sourceDigest).toBe(index.digest)
    expect(multi.digest).not.toBe(index.digest)
    const amd = index.platforms.find((p) => p.platform.architecture === 'amd64')!
    const arm64 = index.platforms.find((p) => p.platform.architecture === 'arm64')!
    expect(multi.size).toBe(amd.blobs.reduce((n, b) => n + b.size, 0))
    expect(plan.items.find((i) => i.repository === 'library/single')!.digest).toBe(single.digest)

    const first = await transfers.wait((await sync.run(set.id)).id)
    expect(first.state).toBe('done')
    expect(first.message).toContain('Copied 2 tags')
    expect(first.message).toContain('none of the platforms linux/amd64')

    const copied = await manifestAt(lan.address, 'library/multi', '1.27.0')
    expect(copied.digest).toBe(multi.digest)
    expect(copied.body?.manifests?.map((m) => m.digest)).toEqual([amd.digest])
    expect((await manifestAt(lan.address, 'library/multi', amd.digest)).digest).toBe(amd.digest)
    expect((await manifestAt(lan.address, 'library/multi', arm64.digest)).status).toBe(404)
    expect((await manifestAt(lan.address, 'library/single', '1.0')).digest).toBe(single.digest)
    expect((await manifestAt(lan.address, 'library/armonly', '1.0')).status).toBe(404)

    // Plan = run, and a re-run copies nothing.
    const again = await sync.plan(set.id)
    expect(again.items.every((i) => i.status === 'same')).toBe(true)
    const second = await transfers.wait((await sync.run(set.id)).id)
    expect(second.bytesDone).toBe(0)
    expect(second.message).toContain('Nothing new or changed')
  })

  it('without a filter the index is copied byte for byte with every platform', async () => {
    const index = await pushIndex(mirror.address, 'team/all', ['2'], CREATED)
    const set = await sync.save({ name: 'All platforms', sourceMirror: `http://${mirror.address}`, targetRegistryId: 'lan', entries: ['team/all:2'] })
    expect(set.platforms).toBeUndefined()
    await transfers.wait((await sync.run(set.id)).id)
    const copied = await manifestAt(lan.address, 'team/all', '2')
    expect(copied.digest).toBe(index.digest)
    expect(copied.body?.manifests).toHaveLength(2)
  })

  it('refuses a set with both or neither source', async () => {
    const { syncSetInput } = await import('../../src/shared/contract/sync')
    expect(syncSetInput.safeParse({ name: 'x', targetRegistryId: 'lan', entries: ['a/b'] }).success).toBe(false)
    expect(syncSetInput.safeParse({ name: 'x', sourceRegistryId: 'lan', sourceMirror: 'mirror.example.com', targetRegistryId: 'lan', entries: ['a/b'] }).success).toBe(false)
    expect(syncSetInput.safeParse({ name: 'x', sourceMirror: 'mirror.example.com', targetRegistryId: 'lan', entries: ['a/b'], platforms: ['linux'] }).success).toBe(false)
  })
})
