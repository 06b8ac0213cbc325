// Space accounting against a real registry:2: the figures equal a brute-force sum the test
// computes itself from the manifests (shared layers counted once, tags sharing a digest, a
// multi-arch index, a layer shared across repositories); manifests persist in the cache
// directory; a registry-wide scan reports progress and can be cancelled; two tags compare.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BrowseService, type BrowseRegistry } from '../../src/main/browse'
import { SpaceService } from '../../src/main/space'
import { describeEngine } from '../support/describeEngine'
import { digestOf, DOCKER, OCI } from '../support/ociMedia'
import { pushLayeredImage as image } from '../support/layeredImages'
import { closeSeedConnections, seedIndex, startRegistry, tagManifest, type TestRegistry } from '../support/registries'

const ACCEPT = [OCI.index, OCI.manifest, DOCKER.manifest, 'application/vnd.docker.distribution.manifest.list.v2+json'].join(', ')

/** The brute force: every blob (manifest bytes, config, layers, index children) of a tag, read over HTTP. */
async function bruteBlobs(address: string, repo: string, ref: string, out = new Map<string, number>()): Promise<Map<string, number>> {
  const res = await fetch(`http://${address}/v2/${repo}/manifests/${ref}`, { headers: { accept: ACCEPT } })
  const bytes = Buffer.from(await res.arrayBuffer())
  const doc = JSON.parse(bytes.toString('utf8')) as { manifests?: { digest: string }[]; config?: { digest: string; size: number }; layers?: { digest: string; size: number }[] }
  out.set(digestOf(bytes), bytes.length)
  if (doc.manifests) for (const m of doc.manifests) await bruteBlobs(address, repo, m.digest, out)
  for (const b of [...(doc.config ? [doc.config] : []), ...(doc.layers ?? [])]) out.set(b.digest, b.size)
  return out
}

const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0)

describeEngine('space accounting against registry:2', () => {
  let reg: TestRegistry
  let browse: BrowseService
  let space: SpaceService
  const cacheDir = mkdtempSync(join(tmpdir(), 'berth-space-cache-'))
  const progress: [number, number][] = []
  const shared = randomBytes(4000)

  beforeAll(async () => {
    reg = await startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } })
    const base = randomBytes(3000)
    await image(reg.address, 'team/app', '1.0', [base, randomBytes(1000)], { Env: ['PATH=/usr/bin', 'MODE=old'] })
    await image(reg.address, 'team/app', '2.0', [base, randomBytes(2000), shared], { Env: ['PATH=/usr/bin', 'MODE=new'], Labels: { 'org.opencontainers.image.title': 'berth-test', tier: 'web' } })
    await tagManifest(reg.address, 'team/app', '2.0', ['latest'], DOCKER.manifest)
    await seedIndex(reg.address, 'team/app', 'multi')
    await image(reg.address, 'team/other', 'v1', [shared, randomBytes(500)])
    const entry: BrowseRegistry = { id: 'reg', name: 'reg', address: reg.address, scheme: 'http' }
    browse = new BrowseService({ registry: () => entry, credentials: async () => undefined })
    space = new SpaceService({ browse, cacheDir, onProgress: (p) => progress.push([p.done, p.total]) })
  })

  afterAll(async () => {
    await browse?.dispose()
    await reg?.stop()
    await closeSeedConnections()
    rmSync(cacheDir, { recursive: true, force: true })
  })

  it('counts every blob of a repository once, and each tag its blobs no other tag uses', async () => {
    const r = await space.repository('reg', 'team/app')
    const tags = ['1.0', '2.0', 'latest', 'multi']
    const blobs = new Map<string, Map<string, number>>()
    for (const t of tags) blobs.set(t, await bruteBlobs(reg.address, 'team/app', t))
    const all = new Map([...blobs.values()].flatMap((m) => [...m]))
    expect(r.stored).toBe(sum(all))
    for (const t of tags) {
      const others = new Set(tags.filter((o) => o !== t).flatMap((o) => [...blobs.get(o)!.keys()]))
      const unique = new Map([...blobs.get(t)!].filter(([d]) => !others.has(d)))
      expect(r.tags.find((x) => x.tag === t)).toMatchObject({ size: sum(blobs.get(t)!), unique: sum(unique) })
    }
    // Two tags on one digest: deleting either frees nothing.
    expect(r.tags.find((x) => x.tag === 'latest')!.unique).toBe(0)
    expect(r.tags.find((x) => x.tag === '1.0')!.unique).toBeGreaterThan(1000)
  })

  it('measures the whole registry with a blob shared across repositories counted once', async () => {
    progress.length = 0
    const r = await space.registry('reg', 'job-registry-1')
    const app = new Map<string, number>()
    for (const t of ['1.0', '2.0', 'latest', 'multi']) await bruteBlobs(reg.address, 'team/app', t, app)
    const other = await bruteBlobs(reg.address, 'team/other', 'v1')
    const all = new Map([...app, ...other])
    expect(r.cancelled).toBe(false)
    expect(r.stored).toBe(sum(all))
    expect(r.stored).toBe(sum(app) + sum(other) - shared.length)
    expect(r.repositories).toEqual(
      expect.arrayContaining([
        { repository: 'team/app', tagCount: 4, stored: sum(app), unique: sum(app) - shared.length },
        { repository: 'team/other', tagCount: 1, stored: sum(other), unique: sum(other) - shared.length }
      ])
    )
    expect(progress.at(0)).toEqual([0, 2])
    expect(progress.at(-1)).toEqual([2, 2])
  })

  it('keeps manifests by digest in the data directory for the next start', async () => {
    const files = readdirSync(cacheDir)
    expect(files.length).toBeGreaterThanOrEqual(5)
    const digest = (await bruteBlobs(reg.address, 'team/other', 'v1')).keys().next().value!
    const fresh = new SpaceService({ browse, cacheDir })
    expect(await fresh.cache.get(digest)).toMatchObject({ mediaType: DOCKER.manifest, blobs: expect.any(Array) })
  })

  it('stops a registry-wide measurement when cancelled', async () => {
    const running = space.registry('reg', 'job-registry-2')
    expect(space.cancel('job-registry-2')).toEqual({ cancelled: true })
    const r = await running
    expect(r.cancelled).toBe(true)
    expect(space.cancel('job-registry-2')).toEqual({ cancelled: false })
  })

  it('compares two tags: layers shared, added and removed, and config changes', async () => {
    const c = await space.compare('reg', 'team/app', '1.0', '2.0')
    expect(c.layers.map((l) => l.change)).toEqual(['shared', 'added', 'added', 'removed'])
    expect(c.sharedBytes).toBe(3000)
    expect(c.addedBytes).toBe(2000 + shared.length)
    expect(c.removedBytes).toBe(1000)
    expect(c.config).toEqual([
      { field: 'Env', key: 'MODE', before: 'old', after: 'new' },
      { field: 'Label', key: 'tier', after: 'web' }
    ])
  })
})
