// The Docker Hub cache against a real engine: registry:2 in proxy mode whose upstream is a
// registry of the test (on a network the test creates; tests cannot reach Docker Hub). An image
// of the upstream is served through the cache over HTTP and pulled through it by the engine;
// pushes to it are refused (by the registry, by Berth's push check and by Copy to…).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CopyRunner } from '../../src/main/copy'
import { HubCacheService } from '../../src/main/hubCache'
import { TransferService } from '../../src/main/transfers/service'
import { entry } from '../support/copyHelpers'
import { describeEngine } from '../support/describeEngine'
import { engineDisplayName, testDocker } from '../support/engine'
import { freePort } from '../support/http'
import { startCacheUpstream, testCacheNames, type CacheUpstream } from '../support/hubCache'
import { digestOf, OCI } from '../support/ociMedia'
import { pushIndex, pushSingle } from '../support/pullableImages'
import { closeSeedConnections } from '../support/registries'

const docker = testDocker()

describeEngine('Docker Hub cache (registry:2 in proxy mode)', () => {
  let upstream: CacheUpstream
  let cache: HubCacheService
  let names: Awaited<ReturnType<typeof testCacheNames>>
  let dir: string
  const pulled: string[] = []

  beforeAll(async () => {
    upstream = await startCacheUpstream('hubcache')
    names = await testCacheNames('hubcache')
    dir = await mkdtemp(join(tmpdir(), 'berth-hubcache-'))
    cache = new HubCacheService({ docker: () => docker, dataDir: dir })
    // registry:2 asks its upstream for /v2/ as it starts: the cache runs on the upstream's network.
    cache.configure({ ...names.names, network: upstream.network })
  })

  afterAll(async () => {
    for (const ref of pulled) await docker.getImage(ref).remove({ force: true }).catch(() => undefined)
    await names?.cleanup()
    await upstream?.stop()
    await closeSeedConnections()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('starts on its own port and volume, shows the mirror line, and serves the upstream’s images', async () => {
    const before = await cache.status()
    expect(before).toMatchObject({ state: 'absent', port: names.names.defaultPort, upstream: 'https://registry-1.docker.io' })

    const status = await cache.start({ upstream: upstream.url })
    const address = `127.0.0.1:${names.names.defaultPort}`
    expect(status).toMatchObject({ state: 'running', address, upstream: upstream.url, volumeExists: true, containerName: names.names.containerName })
    // The line for the engine in use: daemon.json's registry-mirrors, or Podman's registries.conf mirror.
    if ((await engineDisplayName()) === 'Podman') {
      expect(status.mirrorSetting).toMatchObject({ engine: 'podman', where: expect.stringMatching(/registries\.conf/) })
      expect(status.mirrorSetting?.snippet).toContain(`[[registry.mirror]]\nlocation = "${address}"`)
    } else {
      expect(status.mirrorSetting).toMatchObject({ engine: 'docker', where: expect.stringMatching(/daemon\.json|Docker Engine/) })
      expect(status.mirrorSetting?.snippet).toContain(`"registry-mirrors": ["http://${address}"]`)
    }
    expect(status.engineUsesIt).toBe(false)
    const info = await docker.getContainer(names.names.containerName).inspect()
    expect(info.Config.Env).toContain(`REGISTRY_PROXY_REMOTEURL=${upstream.url}`)
    expect(info.HostConfig.Mounts?.[0]).toMatchObject({ Type: 'volume', Source: names.names.volumeName })

    const single = await pushSingle(upstream.address, 'library/hello', ['1'], '2024-05-01T12:00:00Z')
    const index = await pushIndex(upstream.address, 'library/multi', ['2'], '2024-05-01T12:00:00Z')

    // Over HTTP: the same manifest bytes and blobs as upstream.
    const manifest = await fetch(`http://${address}/v2/library/hello/manifests/1`, { headers: { accept: OCI.manifest } })
    expect(manifest.status).toBe(200)
    expect(digestOf(Buffer.from(await manifest.arrayBuffer()))).toBe(single.digest)
    const blob = await fetch(`http://${address}/v2/library/hello/blobs/${single.blobs[0]!.digest}`)
    expect(digestOf(Buffer.from(await blob.arrayBuffer()))).toBe(single.blobs[0]!.digest)
    const list = await fetch(`http://${address}/v2/library/multi/manifests/2`, { headers: { accept: OCI.index } })
    expect(list.headers.get('docker-content-digest')).toBe(index.digest)

    // Through the engine: a pull from the cache gives the upstream's digest.
    const ref = `${address}/library/hello:1`
    pulled.push(ref)
    await new Promise<void>((resolve, reject) =>
      docker.pull(ref, (err: Error | null, stream: NodeJS.ReadableStream) => (err ? reject(err) : docker.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve()))))
    )
    const repoDigests = (await docker.getImage(ref).inspect()).RepoDigests ?? []
    expect(repoDigests).toContain(`${address}/library/hello@${single.digest}`)

    // Once fetched it is served from the cache's own storage: the catalog lists it.
    const catalog = (await (await fetch(`http://${address}/v2/_catalog`)).json()) as { repositories: string[] }
    expect(catalog.repositories).toContain('library/hello')
  })

  it('refuses pushes: the registry itself, Berth’s push check and Copy to…', async () => {
    const address = `127.0.0.1:${names.names.defaultPort}`
    const upload = await fetch(`http://${address}/v2/library/hello/blobs/uploads/`, { method: 'POST' })
    expect(upload.status).toBeGreaterThanOrEqual(400)

    const transfers = new TransferService({ docker: () => docker, emit: () => undefined, refusesPushes: (a) => cache.isCache(a) })
    try {
      const check = await transfers.preflight(`${address}/team/app:1`)
      expect(check.problem).toMatchObject({ code: 'CONFLICT', details: { hubCache: true } })
      expect(check.problem?.message).toContain('refuses pushes')
      // Another registry is not the cache.
      expect((await transfers.preflight(`127.0.0.1:${names.names.defaultPort + 1}/team/app:1`)).problem?.details?.hubCache).toBeUndefined()
    } finally {
      transfers.dispose()
    }

    const entries = { up: entry('up', upstream.address), cache: entry('cache', address) }
    const copier = new CopyRunner({ registry: (id) => entries[id as keyof typeof entries], credentials: async () => undefined, refusesPushes: (a) => cache.isCache(a) })
    await expect(copier.prepare({ from: { registryId: 'up', repository: 'library/hello', tags: ['1'] }, to: { registryId: 'cache', repository: 'library/hello' } })).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('another port re-creates the container over the same volume (cached images kept); stop and remove', async () => {
    const port = await freePort()
    const restarted = await cache.start({ port })
    expect(restarted).toMatchObject({ state: 'running', address: `127.0.0.1:${port}`, upstream: upstream.url })
    // Served from the volume: the catalog still lists what was fetched before.
    const catalog = (await (await fetch(`http://127.0.0.1:${port}/v2/_catalog`)).json()) as { repositories: string[] }
    expect(catalog.repositories).toContain('library/hello')

    expect((await cache.stop()).state).toBe('stopped')
    expect((await cache.start()).state).toBe('running')
    expect((await cache.stop()).state).toBe('stopped')
    expect(await cache.isCache(`localhost:${port}`)).toBe(true)
    const removed = await cache.remove(true)
    expect(removed).toMatchObject({ state: 'absent', volumeExists: false })
    expect(await cache.isCache(`127.0.0.1:${port}`)).toBe(false)
    // Saved: with no container left, a new service (Berth restarted) offers the same setup again.
    const again = new HubCacheService({ docker: () => docker, dataDir: dir })
    again.configure({ ...names.names, network: upstream.network })
    expect(await again.status()).toMatchObject({ state: 'absent', port, upstream: upstream.url })
  })
})
