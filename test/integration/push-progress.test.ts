// Push and pull through TransferService against the real engine and a real registry:2.
// Docker reports bytes per layer; Podman's compat API reports no bytes and no push layers, so on
// Podman the same transfers must show indeterminate progress and still end with the right digest.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEngine } from '../support/describeEngine'
import { engineDisplayName, testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'
import { assertMonotonic, layerSizes, recordingTransfers, registryDigest, type RecordingService } from '../support/pushHelpers'
import { startRegistry, type TestRegistry } from '../support/registries'

const prefix = `berth-it-push-${process.pid}`
const docker = testDocker()
const source = `${prefix}/app:1`
const LAYERS = [1_500_000, 2_500_000, 4_000_000]
const podman = (await engineDisplayName()) === 'Podman'

describeEngine('push and pull with real progress', () => {
  let registry: TestRegistry
  let t: RecordingService
  let target: string
  let pushedDigest: string

  beforeAll(async () => {
    await buildImage(docker, { tag: source, layers: LAYERS.map((size, i) => ({ path: `/data/layer-${i}.bin`, size })) })
    registry = await startRegistry()
    target = `${registry.address}/${prefix}/app:1`
    // Every parser update, uncoalesced: a loopback pull can finish inside one 50 ms window, and
    // these tests check the parsed states (coalescing has its own unit tests).
    t = recordingTransfers(docker, { throttle: { intervalMs: 0 } })
  })

  afterAll(async () => {
    t?.service.dispose()
    await registry?.stop()
    await cleanupByPrefix(docker, prefix)
  })

  it('pushes with per-layer bytes that only grow, totals equal to the layer sizes, and the registry digest', async () => {
    const first = t.service.push({ source, target })
    const done = await t.service.wait(first.id)
    expect(done.state).toBe('done')

    const updates = t.updates(first.id)
    assertMonotonic(updates)
    const digest = await registryDigest(registry.address, `${prefix}/app`, '1')
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(done.digest).toBe(digest)
    expect(done.size).toBeGreaterThan(0)
    pushedDigest = digest!
    expect(t.events.some((e) => e.event === 'images.changed')).toBe(true)
    if (podman) {
      // No byte counts: indeterminate all along, never a percentage that jumps from 0 to 100.
      const running = updates.filter((u) => u.state === 'running')
      expect(running.length).toBeGreaterThan(0)
      for (const u of running) expect(u).toMatchObject({ indeterminate: true, bytesDone: 0 })
      expect(done.indeterminate).toBeUndefined()
      return
    }
    expect(updates.some((u) => u.state === 'running' && u.bytesDone > 0 && u.bytesDone < u.bytesTotal)).toBe(true)

    const sizes = await layerSizes(docker, source)
    expect(sizes.size).toBe(LAYERS.length)
    expect(done.layers.map((l) => l.id).sort()).toEqual([...sizes.keys()].sort())
    for (const layer of done.layers) {
      expect(layer.phase).toBe('pushed')
      expect(layer.current).toBe(layer.total)
      // The engine announces the layer's size; the tar headers it counts may add a little.
      expect(layer.total).toBeGreaterThanOrEqual(sizes.get(layer.id)!)
      expect(layer.total - sizes.get(layer.id)!).toBeLessThan(8192)
    }
    expect(done.bytesDone).toBe(done.bytesTotal)
    expect(done.bytesTotal).toBe(done.layers.reduce((a, l) => a + l.total, 0))
    // The total is known from the start (local layer sizes), not only once every layer began.
    const imageSize = [...sizes.values()].reduce((a, b) => a + b, 0)
    for (const u of updates.filter((x) => x.state === 'running')) expect(u.bytesTotal).toBeGreaterThanOrEqual(imageSize)
  })

  it('pushes the same image again: every layer already exists', async () => {
    const again = t.service.push({ source, target })
    const done = await t.service.wait(again.id)
    expect(done.digest).toBe(pushedDigest)
    // Podman names no layers in a push, so there is none to call "already there".
    expect(done.layers).toHaveLength(podman ? 0 : LAYERS.length)
    for (const layer of done.layers) expect(layer.phase).toBe('exists')
    // Layers the registry already had count as done, at their local size (Podman: the engine's
    // layer sizes, which count the tar headers too).
    const sum = LAYERS.reduce((a, b) => a + b, 0)
    if (podman) expect(done.bytesTotal - sum).toBeGreaterThanOrEqual(0)
    expect(done.bytesTotal - sum).toBeLessThan(podman ? LAYERS.length * 8192 : 1)
    expect(done.bytesDone).toBe(done.bytesTotal)
    expect(done.digest).toBe(pushedDigest)
  })

  it('pulls it back after rmi, with download progress', async () => {
    const id = (await docker.getImage(source).inspect()).Id
    await docker.getImage(id).remove({ force: true })
    await expect(docker.getImage(target).inspect()).rejects.toThrow()

    const pull = t.service.pull({ reference: target })
    const done = await t.service.wait(pull.id)
    expect(done.state).toBe('done')
    expect(done.digest).toBe(pushedDigest)
    const updates = t.updates(pull.id)
    assertMonotonic(updates)
    // Every layer, and nothing else (Podman also reports the config blob, i.e. the image id).
    const imageId = (await docker.getImage(target).inspect()).Id.replace(/^sha256:/, '')
    expect(done.layers.filter((l) => imageId.startsWith(l.id))).toEqual([])
    expect(done.layers).toHaveLength(LAYERS.length)
    if (podman) {
      for (const u of updates.filter((x) => x.state === 'running')) expect(u.indeterminate).toBe(true)
      for (const layer of done.layers) expect(layer.phase).toBe('done')
    } else {
      expect(updates.some((u) => u.layers.some((l) => l.phase === 'downloading' && l.current > 0))).toBe(true)
      for (const layer of done.layers) {
        expect(layer.phase).toBe('done')
        expect(layer.current).toBe(layer.total)
        expect(layer.total).toBeGreaterThan(0)
      }
    }
    expect(done.bytesDone).toBe(done.bytesTotal)
    const info = await docker.getImage(target).inspect()
    expect(info.RepoDigests).toContain(`${registry.address}/${prefix}/app@${pushedDigest}`)
    // Put the source name back for the tests that follow.
    await docker.getImage(target).tag({ repo: `docker.io/${prefix}/app`, tag: '1' })
  })

  it('refuses a pull of a tag the registry does not have with a decoded error', async () => {
    const pull = t.service.pull({ reference: `${registry.address}/${prefix}/app:nope` })
    const err = await t.service.wait(pull.id).catch((e: Error) => e)
    expect(err).toMatchObject({ code: 'NOT_FOUND' })
    expect(t.service.get(pull.id).state).toBe('failed')
  })

  it('cancels a push and leaves the local image untouched', async () => {
    const before = await docker.getImage(source).inspect()
    const other = await startRegistry()
    try {
      const run = t.service.push({ source, target: `${other.address}/${prefix}/cancelled:1` })
      t.service.cancel(run.id)
      const err = await t.service.wait(run.id).catch((e: Error) => e)
      expect(err).toMatchObject({ code: 'CANCELLED' })
      expect(t.service.get(run.id).state).toBe('cancelled')
      const after = await docker.getImage(source).inspect()
      expect(after.Id).toBe(before.Id)
    } finally {
      await other.stop()
    }
  })
})
