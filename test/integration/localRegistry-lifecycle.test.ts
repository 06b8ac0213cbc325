// Start from nothing → push → remove the container → start again: nothing lost. One container
// however often Start is pressed. Stop, start, restart, status fields, removal with its data.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BerthError } from '../../src/shared/contract/errors'
import { describeEngine } from '../support/describeEngine'
import { buildImage } from '../support/images'
import { catalog, harness, push, tags, type Harness } from '../support/localRegistry'

describeEngine('local registry lifecycle (real engine)', () => {
  let h: Harness
  let imageId: string

  beforeAll(async () => {
    h = await harness('life')
    imageId = await buildImage(h.docker, { tag: `${h.prefix}-img:1`, layers: [{ path: '/data/a.bin', size: 64 * 1024 }] })
  })

  afterAll(async () => {
    await h?.cleanup()
    await h?.docker.getImage(`${h.prefix}-img:1`).remove({ force: true }).catch(() => undefined)
  })

  it('starts from nothing: container with label, volume, loopback binding, restart policy, deletes enabled', async () => {
    expect((await h.service.status()).state).toBe('absent')
    const status = await h.service.start()
    expect(status.state).toBe('running')
    expect(status.address).toBe(`127.0.0.1:${h.port}`)
    expect(status.shared).toBe(false)
    expect(status.containerId).toBeTruthy()

    const info = await h.docker.getContainer(status.containerId!).inspect()
    expect(info.Config.Labels['berth.managed']).toBe(h.names.labelValue)
    expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped')
    expect(info.Config.Env).toContain('REGISTRY_STORAGE_DELETE_ENABLED=true')
    expect(info.HostConfig.PortBindings?.['5000/tcp']?.[0]).toEqual({ HostIp: '127.0.0.1', HostPort: String(h.port) })
    expect(info.Mounts.find((m) => m.Destination === '/var/lib/registry')?.Name).toBe(h.names.volumeName)

    // The registries sidebar was told, and the status event went out.
    expect(h.managed.at(-1)).toMatchObject({ address: `127.0.0.1:${h.port}`, scheme: 'http', managed: 'local' })
    expect(h.events.at(-1)?.state).toBe('running')
    expect(h.events.some((e) => e.activity?.kind === 'starting')).toBe(true)
  })

  it('pushed images survive removing and re-creating the container', async () => {
    const address = `127.0.0.1:${h.port}`
    await push(h.docker, imageId, address, 'team/app', 'v1')
    expect(await catalog(address)).toContain('team/app')

    const before = (await h.service.status()).containerId
    const removed = await h.service.removeContainer()
    expect(removed.state).toBe('absent')
    expect(removed.volumeExists).toBe(true)
    expect(await h.containers()).toHaveLength(0)
    expect(h.managed.at(-1)).toBeUndefined()

    const again = await h.service.start()
    expect(again.state).toBe('running')
    expect(again.containerId).not.toBe(before)
    expect(await catalog(address)).toContain('team/app')
    expect(await tags(address, 'team/app')).toEqual(['v1'])
  })

  it('pressing Start twice (even at once) keeps exactly one container', async () => {
    await Promise.all([h.service.start(), h.service.start()])
    await h.service.start()
    expect(await h.containers()).toHaveLength(1)
  })

  it('reports the status card fields', { timeout: 240_000 }, async () => {
    const s = await h.service.status()
    expect(s.state).toBe('running')
    expect(s.image).toBe('registry:2')
    expect(s.imageId).toMatch(/^sha256:/)
    expect(s.repositories).toBe(1)
    expect(s.uptimeSeconds).toBeGreaterThanOrEqual(0)
    expect(s.startedAt).toBeLessThanOrEqual(Date.now())
    // The size is refreshed in the background (disk usage is slow on big engines): it catches up.
    // On a shared, busy engine one disk-usage walk can take a minute.
    await expect.poll(async () => (await h.service.status()).volumeSize ?? 0, { timeout: 200_000, interval: 1000 }).toBeGreaterThan(64 * 1024)
    // Demultiplexed log lines: readable text, no 8-byte frame headers.
    expect(s.logs.length).toBeGreaterThan(0)
    expect(s.logs.join('\n')).toMatch(/listening on|level=info/)
    expect([...s.logs.join('')].some((c) => c.charCodeAt(0) < 9)).toBe(false)
  })

  it('stops, starts and restarts, answering after each start', async () => {
    const address = `127.0.0.1:${h.port}`
    const stopped = await h.service.stop()
    expect(stopped.state).toBe('stopped')
    expect(h.managed.at(-1)).toBeUndefined()
    await expect(catalog(address)).rejects.toThrow()

    const started = await h.service.start()
    expect(started.state).toBe('running')
    expect(await catalog(address)).toContain('team/app')

    const restarted = await h.service.restart()
    expect(restarted.state).toBe('running')
    expect(await catalog(address)).toContain('team/app')
    expect(await h.containers()).toHaveLength(1)
  })

  it('notices a stop made outside Berth (engine events) and tells the sidebar', async () => {
    const { containerId } = await h.service.status()
    const seen = h.events.length
    await h.docker.getContainer(containerId!).stop({ t: 5 })
    await expect.poll(() => h.events.slice(seen).some((e) => e.state === 'stopped'), { timeout: 15_000 }).toBe(true)
    expect(h.managed.at(-1)).toBeUndefined()
    expect((await h.service.start()).state).toBe('running')
  })

  it('removes the registry and its data only with the volume name as confirmation', async () => {
    const err = await h.service.removeAll('yes').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BerthError)
    expect((err as BerthError).code).toBe('INVALID_INPUT')
    expect((await h.service.status()).state).toBe('running')

    const gone = await h.service.removeAll(h.names.volumeName)
    expect(gone.state).toBe('absent')
    expect(gone.volumeExists).toBe(false)
    expect(await h.containers()).toHaveLength(0)
    await expect(h.docker.getVolume(h.names.volumeName).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })
})
