import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BerthError, type BerthEvents } from '@shared/contract'
import { createServices, type Services } from '../../src/main/services'
import { describeEngine } from '../support/describeEngine'
import { dockerOptionsFromEnv, testDocker } from '../support/engine'
import { startEngineProxy, type EngineProxy } from '../support/engineProxy'
import { buildImage, cleanupByPrefix, familiarTags } from '../support/images'

const prefix = `berth-it-img-${process.pid}`
const docker = testDocker()

describeEngine('images service against the real engine', () => {
  let services: Services
  let dataDir: string
  let imageId: string

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'berth-it-'))
    services = createServices({ dataDir, endpoints: [{ label: 'test', options: dockerOptionsFromEnv() }] })
    await services.engine.check()
    imageId = await buildImage(docker, {
      tag: `${prefix}/app:1.0`,
      layers: [
        { path: '/a.bin', size: 50_000 },
        { path: '/b.txt', text: 'hello' }
      ],
      labels: { 'org.example.team': 'berth' },
      env: ['MODE=test'],
      cmd: ['/a.bin']
    })
  })

  afterAll(async () => {
    await services.dispose()
    await cleanupByPrefix(docker, prefix)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('reports the engine it talks to', async () => {
    const status = services.engine.current()
    expect(status.state).toBe('connected')
    if (status.state !== 'connected') return
    expect(status.engine.version).toMatch(/\d+\.\d+/)
    expect(status.engine.os).toBe('linux')
    expect(status.engine.apiVersion).toMatch(/^1\.\d+$/)
  })

  it('lists the built image with its tag, size and no containers', async () => {
    const list = await services.images.list()
    const img = list.find((i) => i.id === imageId)
    expect(img).toBeDefined()
    expect(img!.repoTags).toEqual([`${prefix}/app:1.0`])
    expect(img!.size).toBeGreaterThanOrEqual(50_000)
    expect(img!.containers).toBe(0)
    expect(img!.dangling).toBe(false)
    expect(img!.shortId).toHaveLength(12)
  })

  it('inspects config, labels and layers with the command that made each', async () => {
    const d = await services.images.inspect(imageId)
    expect(d.labels['org.example.team']).toBe('berth')
    expect(d.env).toContain('MODE=test')
    expect(d.cmd).toEqual(['/a.bin'])
    expect(d.rootfsLayers).toHaveLength(2)
    const copies = d.history.filter((h) => !h.emptyLayer)
    expect(copies).toHaveLength(2)
    expect(copies.some((h) => h.createdBy.includes('COPY') && h.size >= 50_000)).toBe(true)
  })

  it('tags with a normalized reference and emits images.changed', async () => {
    const seen: BerthEvents['images.changed'][] = []
    const off = services.events.on('images.changed', (e) => seen.push(e))
    const r = await services.images.tag(`${prefix}/app:1.0`, `localhost:5000/${prefix}/app:2.0`)
    off()
    expect(r.reference).toBe(`localhost:5000/${prefix}/app:2.0`)
    expect((await docker.getImage(`localhost:5000/${prefix}/app:2.0`).inspect()).Id).toBe(imageId)
    expect(seen.length).toBeGreaterThan(0)
  })

  it('refuses an invalid target and changes nothing', async () => {
    const before = await familiarTags(docker, imageId)
    const err = await services.images.tag(imageId, `${prefix}/App:bad tag`).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BerthError)
    expect((err as BerthError).code).toBe('INVALID_INPUT')
    expect((err as BerthError).message).toMatch(/lowercase|tag|character/i)
    expect(await familiarTags(docker, imageId)).toEqual(before)
  })

  it('removes one tag only, and refuses the last tag without consent', async () => {
    await services.images.untag(`localhost:5000/${prefix}/app:2.0`)
    const tags = await familiarTags(docker, imageId)
    expect(tags).toEqual([`${prefix}/app:1.0`])
    const err = (await services.images.untag(`${prefix}/app:1.0`).catch((e: unknown) => e)) as BerthError
    expect(err.code).toBe('CONFLICT')
    expect(err.message).toMatch(/last tag/)
    expect((await docker.getImage(imageId).inspect()).Id).toBe(imageId)
  })

  it('refuses to remove an image a container uses, then removes it when forced', async () => {
    const id = await buildImage(docker, { tag: `${prefix}/used:1`, layers: [{ path: '/x', size: 1000 }], cmd: ['/x'] })
    const c = await docker.createContainer({ Image: id, name: `${prefix}-user` })
    const err = (await services.images.remove(id).catch((e: unknown) => e)) as BerthError
    expect(err.code).toBe('IMAGE_IN_USE')
    expect((err.details?.containers as { name: string }[])[0]!.name).toBe(`${prefix}-user`)
    expect((await docker.getImage(id).inspect()).Id).toBe(id)
    await c.remove({ force: true })
    const r = await services.images.remove(id)
    expect(r.untagged).toContain(`${prefix}/used:1`)
    await expect(docker.getImage(id).inspect()).rejects.toThrow()
  })

  it('prunes dangling images and reports the space reclaimed', async () => {
    const labels = { 'berth.test': prefix }
    const id = await buildImage(docker, { tag: `${prefix}/dangle:1`, layers: [{ path: '/d', size: 30_000 }], labels })
    // Rebuilding the same tag with other content leaves the first image dangling.
    await buildImage(docker, { tag: `${prefix}/dangle:1`, layers: [{ path: '/d', size: 30_000 }], labels })
    const list = await services.images.list()
    expect(list.find((i) => i.id === id)?.dangling).toBe(true)
    // Scoped to this test's images: other test files build in parallel on the same engine.
    const r = await services.images.prune(`berth.test=${prefix}`)
    expect(r.deleted).toBeGreaterThanOrEqual(1)
    expect(r.spaceReclaimed).toBeGreaterThanOrEqual(30_000)
    await expect(docker.getImage(id).inspect()).rejects.toThrow()
  })
})

describeEngine('engine connection', () => {
  let proxy: EngineProxy

  beforeAll(async () => {
    proxy = await startEngineProxy()
  })
  afterAll(() => proxy.close())

  it('says what it tried when no engine answers, and reconnects by itself when it returns', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'berth-it-'))
    const statuses: string[] = []
    const services = createServices({ dataDir, endpoints: [proxy.endpoint] })
    services.events.on('engine.status', (s) => statuses.push(s.state))
    try {
      expect((await services.engine.check()).state).toBe('connected')
      await proxy.down()
      const down = await services.engine.check()
      expect(down.state).toBe('down')
      if (down.state === 'down') {
        expect(down.tried[0]!.endpoint).toBe(proxy.endpoint.label)
        expect(down.tried[0]!.error).toMatch(/no socket|refused/)
        expect(down.hint).toMatch(/Start/)
      }
      await expect(services.images.list()).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' })
      await proxy.up()
      // No explicit check: the monitor must notice by itself.
      await expect.poll(() => services.engine.current().state, { timeout: 10_000 }).toBe('connected')
      expect(statuses).toEqual(expect.arrayContaining(['down', 'connected']))
      expect(Array.isArray(await services.images.list())).toBe(true)
    } finally {
      await services.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

it('finds no engine at a socket that does not exist', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'berth-it-'))
  const services = createServices({ dataDir, endpoints: [{ label: 'unix:///nonexistent/docker.sock', options: { socketPath: '/nonexistent/docker.sock' } }] })
  try {
    const s = await services.engine.check()
    expect(s.state).toBe('down')
  } finally {
    await services.dispose()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
