// The ways a push goes wrong, against the real engine: the registry dies mid-push, a cancel
// mid-stream, and a plain-HTTP registry the engine treats as secure (diagnosed before the push).
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { describeEngine } from '../support/describeEngine'
import { engineDisplayName, testDocker } from '../support/engine'
import { waitForV2 } from '../support/http'
import { buildImage, cleanupByPrefix } from '../support/images'
import { recordingTransfers, registryDigest, type RecordingService } from '../support/pushHelpers'
import { startRegistry } from '../support/registries'

const prefix = `berth-it-pushfail-${process.pid}`
const docker = testDocker()
const big = `${prefix}/big:1`

async function until(t: RecordingService, id: string, ok: (s: TransferSnapshot) => boolean, timeoutMs = 60_000): Promise<TransferSnapshot> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const s = t.service.get(id)
    if (ok(s)) return s
    if (Date.now() > end) throw new Error(`timed out waiting; last state ${s.state} ${s.bytesDone}/${s.bytesTotal}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describeEngine('push failures', () => {
  let t: RecordingService

  beforeAll(async () => {
    // Big enough that the push is still running when the test acts on it.
    await buildImage(docker, { tag: big, layers: [{ path: '/a.bin', size: 90_000_000 }, { path: '/b.bin', size: 90_000_000 }] })
    t = recordingTransfers(docker)
  })

  afterAll(async () => {
    t?.service.dispose()
    await cleanupByPrefix(docker, prefix)
  })

  it('cancels mid-stream: the engine stops, nothing local changes, and a retry pushes it', async () => {
    const registry = await startRegistry()
    try {
      const before = await docker.getImage(big).inspect()
      const run = t.service.push({ source: big, target: `${registry.address}/${prefix}/big:1` })
      // Streaming: not every engine sends byte counts (Podman sends none until the end).
      await until(t, run.id, (s) => s.state === 'running')
      t.service.cancel(run.id)
      await expect(t.service.wait(run.id)).rejects.toMatchObject({ code: 'CANCELLED' })
      const snap = t.service.get(run.id)
      expect(snap.state).toBe('cancelled')
      expect(snap.bytesDone).toBeLessThan(snap.bytesTotal)
      expect((await docker.getImage(big).inspect()).Id).toBe(before.Id)
      expect(await registryDigest(registry.address, `${prefix}/big`, '1')).toBeNull()

      t.service.retry(run.id)
      const done = await t.service.wait(run.id)
      expect(done.digest).toBe(await registryDigest(registry.address, `${prefix}/big`, '1'))
    } finally {
      await registry.stop()
    }
  })

  it('a registry stopped mid-push gives a decoded error and leaves nothing broken', async () => {
    const registry = await startRegistry()
    const target = `${registry.address}/${prefix}/big:2`
    const before = await docker.getImage(big).inspect()
    const run = t.service.push({ source: big, target })
    try {
      await until(t, run.id, (s) => s.state === 'running')
      await docker.getContainer(registry.container).kill()
      const err = await t.service.wait(run.id).catch((e: Error) => e)
      expect(err).toMatchObject({ code: 'REGISTRY_UNREACHABLE' })
      const snap = t.service.get(run.id)
      expect(snap.state).toBe('failed')
      expect(snap.error?.message).toContain(registry.address)
      expect(snap.error?.hint).toMatch(/start it|down/i)
      // The local image is intact and the engine pushes it to a registry that is up.
      expect((await docker.getImage(big).inspect()).Id).toBe(before.Id)
      const fresh = await startRegistry()
      try {
        const next = t.service.push({ source: big, target: `${fresh.address}/${prefix}/big:2` })
        const done = await t.service.wait(next.id)
        expect(done.state).toBe('done')
        expect(done.digest).toBe(await registryDigest(fresh.address, `${prefix}/big`, '2'))
      } finally {
        await fresh.stop()
      }
    } finally {
      await registry.stop()
    }
  }, 180_000)

  it('diagnoses a plain-HTTP registry the engine treats as secure before the push starts', async () => {
    // On the engine's default network (bridge, or podman), without a published port: its address
    // is not in 127.0.0.0/8, and not in Podman's registries.conf either.
    const name = `${prefix}-bridge-registry`
    const container = await docker.createContainer({ name, Image: 'registry:2', Labels: { 'berth.test': 'registry' } })
    await container.start()
    try {
      const ip = Object.values((await container.inspect()).NetworkSettings.Networks)[0]?.IPAddress
      expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
      await waitForV2(`http://${ip}:5000/v2/`, { timeoutMs: 10_000 })
      const target = `${ip}:5000/${prefix}/small:1`
      await buildImage(docker, { tag: `${prefix}/small:1`, layers: [{ path: '/x', size: 1000 }] })

      const check = await t.service.preflight(target)
      expect(check.scheme).toBe('http')
      expect(check.engineAllowsHttp).toBe(false)
      expect(check.problem?.code).toBe('REGISTRY_HTTP_REFUSED')
      const podman = (await engineDisplayName()) === 'Podman'
      expect(check.problem?.details?.snippet).toContain(podman ? `location = "${ip}:5000"` : `"insecure-registries": ["${ip}:5000"]`)
      expect(String(check.problem?.details?.daemonJson)).toContain(podman ? 'registries.conf' : 'daemon.json')

      const run = t.service.push({ source: `${prefix}/small:1`, target })
      await expect(t.service.wait(run.id)).rejects.toMatchObject({ code: 'REGISTRY_HTTP_REFUSED' })
      // Stopped before anything happened: no tag was created, nothing reached the registry.
      await expect(docker.getImage(target).inspect()).rejects.toThrow()
      const catalog = (await (await fetch(`http://${ip}:5000/v2/_catalog`)).json()) as { repositories: string[] }
      expect(catalog.repositories).toEqual([])

      // Had Berth not looked first, the engine itself refuses; its error gets the same advice.
      const blind = recordingTransfers(docker, { probe: async () => 'unknown' })
      const raw = blind.service.push({ source: `${prefix}/small:1`, target })
      const err = await blind.service.wait(raw.id).catch((e: { code: string; details?: Record<string, unknown> }) => e)
      expect(err).toMatchObject({ code: 'REGISTRY_HTTP_REFUSED' })
      expect(String((err as { details?: Record<string, unknown> }).details?.daemonMessage)).toMatch(/HTTP response to HTTPS client/)
      expect((err as { details?: Record<string, unknown> }).details?.snippet).toContain(`${ip}:5000`)
      expect(blind.service.get(raw.id).error?.details?.daemonJson).toBeTruthy()
      blind.service.dispose()
    } finally {
      await container.remove({ force: true, v: true })
    }
  })
})
