// A real registry:2 over plain HTTP: content pushed through the HTTP API, then read back,
// described, paged and deleted through Berth's client.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mapLimit } from '../../src/main/registry/concurrency'
import { createRegistryClient, type RegistryClient } from '../../src/main/registry'
import { describeEngine } from '../support/describeEngine'
import { closeSeedConnections, mountBlob, putManifest, seedImage, seedIndex, startRegistry, uploadBlob, type TestRegistry } from '../support/registries'

describeEngine('registry client against registry:2 (plain HTTP)', () => {
  let plain: TestRegistry
  let deletable: TestRegistry
  let c: RegistryClient
  let cd: RegistryClient

  beforeAll(async () => {
    ;[plain, deletable] = await Promise.all([startRegistry(), startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } })])
    c = createRegistryClient({ address: plain.address, scheme: 'http' })
    cd = createRegistryClient({ address: deletable.address, scheme: 'http' })
  })

  afterAll(async () => {
    await Promise.all([c?.close(), cd?.close(), closeSeedConnections()])
    await Promise.all([plain?.stop(), deletable?.stop()])
  })

  it('pings a reachable registry', async () => {
    expect(await c.ping()).toEqual({ state: 'reachable', apiVersionHeader: 'registry/2.0' })
  })

  it('lists tags sorted, reads manifests by tag and digest, describes a tag', async () => {
    const img = await seedImage(plain.address, 'team/app', 'v1.10', { layers: 3, config: { Entrypoint: ['/entry'], User: 'nobody' } })
    await putManifest(plain.address, 'team/app', 'v1.9', JSON.parse((await c.getManifest('team/app', 'v1.10')).raw), img.mediaType)
    await putManifest(plain.address, 'team/app', 'latest', JSON.parse((await c.getManifest('team/app', 'v1.10')).raw), img.mediaType)
    expect(await c.tags('team/app')).toEqual(['latest', 'v1.9', 'v1.10'])

    const head = await c.headManifest('team/app', 'v1.10')
    expect(head).toEqual({ digest: img.digest, mediaType: img.mediaType, size: img.size })
    const byDigest = await c.getManifest('team/app', img.digest)
    expect(byDigest.digest).toBe(img.digest)
    expect(byDigest.manifest.layers).toHaveLength(3)

    const d = await c.describeTag('team/app', 'v1.10')
    expect(d).toMatchObject({ digest: img.digest, isIndex: false, size: img.layers.reduce((a, l) => a + l.size, 0), selectedPlatform: 'linux/amd64' })
    expect(d.layers.map((l) => l.digest)).toEqual(img.layers.map((l) => l.digest))
    expect(d.config).toMatchObject({ os: 'linux', architecture: 'amd64', entrypoint: ['/entry'], cmd: ['/app'], user: 'nobody', workingDir: '/srv', exposedPorts: ['8080/tcp'], labels: { 'org.opencontainers.image.title': 'berth-test' } })
    expect(d.history).toHaveLength(4)
    expect(d.history[3]).toMatchObject({ createdBy: 'CMD ["/app"]', emptyLayer: true })
    expect(await c.getBlobJson('team/app', img.configDigest)).toMatchObject({ os: 'linux' })
  })

  it('NOT_FOUND for unknown repositories and tags', async () => {
    await expect(c.tags('does/not-exist')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await seedImage(plain.address, 'team/nf', 'x', { layers: 1 })
    await expect(c.describeTag('team/nf', 'missing')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('team/nf:missing') })
  })

  it('refuses deletes when the registry has them off: DELETE_DISABLED', async () => {
    const img = await seedImage(plain.address, 'team/nodelete', 'v1', { layers: 1 })
    await expect(c.deleteManifest('team/nodelete', img.digest)).rejects.toMatchObject({ code: 'DELETE_DISABLED', hint: expect.stringContaining('REGISTRY_STORAGE_DELETE_ENABLED=true') })
  })

  it('reports sibling tags, then deletes the manifest (and with it every sibling)', async () => {
    const img = await seedImage(deletable.address, 'team/del', 'v1', { layers: 1 })
    const other = await seedImage(deletable.address, 'team/del', 'v2', { layers: 1 })
    const raw = (await cd.getManifest('team/del', 'v1')).manifest
    await putManifest(deletable.address, 'team/del', 'stable', raw, img.mediaType)
    expect(await cd.tagsSharingDigest('team/del', img.digest)).toEqual(['stable', 'v1'])
    expect(await cd.deleteManifest('team/del', img.digest)).toEqual({ digest: img.digest })
    expect(await cd.tags('team/del')).toEqual(['v2'])
    await expect(cd.headManifest('team/del', img.digest)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect((await cd.headManifest('team/del', 'v2')).digest).toBe(other.digest)
  })

  it('describes a multi-arch index with one broken platform', async () => {
    const idx = await seedIndex(deletable.address, 'team/multi', 'v1', { withMissing: true })
    const d = await cd.describeTag('team/multi', 'v1')
    expect(d).toMatchObject({ digest: idx.digest, isIndex: true, mediaType: 'application/vnd.oci.image.index.v1+json' })
    expect(d.platforms.map((p) => [p.os, p.architecture, p.variant, !!p.error])).toEqual([
      ['linux', 'amd64', undefined, false],
      ['linux', 'arm64', 'v8', false],
      ['linux', 's390x', undefined, true]
    ])
    expect(d.platforms[0].created).toBe('2024-05-01T12:00:00Z')
    expect(d.platforms[2].error).toMatch(/does not exist/)
    expect(d.size).toBe(idx.platforms[0].layers[0].size + idx.platforms[1].layers[0].size)
    expect(d.config?.architecture).toBe('amd64')
    const arm = await cd.describeTag('team/multi', 'v1', { platform: 'linux/arm64' })
    expect(arm.config?.architecture).toBe('arm64')
    expect(arm.layers[0].digest).toBe(idx.platforms[1].layers[0].digest)
  })

  it('pages a catalog larger than one page', async () => {
    // One layer + config uploaded once, then mounted into ~250 repositories.
    const base = await seedImage(plain.address, 'bulk/base', 'v1', { layers: 1 })
    const manifest = (await c.getManifest('bulk/base', 'v1')).manifest
    const names = Array.from({ length: 250 }, (_, i) => `bulk/r${String(i).padStart(3, '0')}`)
    await mapLimit(names, 16, async (name) => {
      for (const digest of [base.layers[0].digest, base.configDigest]) {
        if (!(await mountBlob(plain.address, name, 'bulk/base', digest))) throw new Error(`mount failed for ${name}`)
      }
      await putManifest(plain.address, name, 'v1', manifest, base.mediaType)
    })

    const pages: string[][] = []
    for await (const page of c.catalogAll(undefined, 100)) pages.push(page.repositories)
    const all = pages.flat()
    expect(pages.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...pages.map((p) => p.length))).toBeLessThanOrEqual(100)
    expect(new Set(all).size).toBe(all.length)
    for (const name of names) expect(all).toContain(name)

    // n above registry:2's limit (1000) is halved until accepted.
    const big = await c.catalogPage({ n: 5000 })
    expect(big.repositories.length).toBe(all.length)
    expect(big.next).toBeUndefined()

    // Tags of every repository in parallel over the pooled connections.
    const tags = await Promise.all(names.map((n) => c.tags(n)))
    expect(tags.every((t) => t.length === 1 && t[0] === 'v1')).toBe(true)
  })

  it('uploadBlob helper sanity (content addressed)', async () => {
    const d1 = await uploadBlob(plain.address, 'team/blob', Buffer.from('{"a":1}'))
    expect(await c.getBlobJson('team/blob', d1)).toEqual({ a: 1 })
  })
})
