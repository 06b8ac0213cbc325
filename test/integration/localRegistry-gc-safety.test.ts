// Safe garbage collection on Berth's own registry: a dry run says what would go and deletes
// nothing; collecting frees a deleted tag's blobs while every platform of a tagged multi-arch
// index survives even with --delete-untagged (distribution #3178) and still pulls; and it is
// refused while Berth pushes to the registry.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BerthError } from '@shared/contract/errors'
import { BrowseService } from '../../src/main/browse'
import { describeEngine } from '../support/describeEngine'
import { enginePull } from '../support/expectations'
import { buildImage, cleanupByPrefix } from '../support/images'
import { harness, type Harness } from '../support/localRegistry'
import { pushIndex, pushSingle, type PushedIndex, type PushedManifest } from '../support/pullableImages'
import { recordingTransfers, type RecordingService } from '../support/pushHelpers'
import { closeSeedConnections } from '../support/registries'
import { deleteOneTag } from '../support/browse'

const ACCEPT = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json'

async function status(url: string, accept = ACCEPT): Promise<number> {
  return (await fetch(url, { method: 'HEAD', headers: { accept } })).status
}

describeEngine('local registry: safe garbage collection (real engine)', { timeout: 600_000 }, () => {
  let h: Harness
  let transfers: RecordingService
  let browse: BrowseService
  let address = ''
  let index: PushedIndex
  let old: PushedManifest
  let repo = ''

  beforeAll(async () => {
    h = await harness('gcsafe', { activePushes: () => transfers.service.list().filter((t) => t.kind === 'push' && (t.state === 'queued' || t.state === 'running')) })
    transfers = recordingTransfers(h.docker)
    address = (await h.service.start()).address
    repo = h.prefix
    index = await pushIndex(address, `${repo}/multi`, ['1.0'], '2025-01-01T00:00:00Z')
    old = await pushSingle(address, `${repo}/app`, ['old'], '2025-01-01T00:00:00Z')
    await pushSingle(address, `${repo}/app`, ['keep'], '2025-02-01T00:00:00Z')
    browse = new BrowseService({ registry: () => ({ id: 'local', name: 'local', address, scheme: 'http', managed: 'local' }), credentials: async () => undefined })
    await deleteOneTag(browse, 'local', `${repo}/app`, 'old', old.digest)
  })

  afterAll(async () => {
    transfers?.service.dispose()
    await browse?.dispose()
    await closeSeedConnections()
    await cleanupByPrefix(h.docker, h.prefix)
    await h?.cleanup()
  })

  it('a dry run says what would go, and that the tagged index’s platforms are kept; nothing is deleted', async () => {
    const dry = await h.service.gcDryRun({ deleteUntagged: true })
    expect(dry.protectedManifests).toBe(2)
    expect(dry.freeableBytes).toBeGreaterThanOrEqual(old.blobs.reduce((n, b) => n + b.size, 0))
    expect(dry.eligibleBlobs).toBeGreaterThanOrEqual(old.blobs.length)
    for (const b of old.blobs) expect(await status(`http://${address}/v2/${repo}/app/blobs/${b.digest}`)).toBe(200)
  })

  it('is refused while Berth pushes to the registry', async () => {
    await buildImage(h.docker, { tag: `${h.prefix}-img:1`, layers: [{ path: '/a.bin', size: 4096 }] })
    const info = await h.docker.getContainer((await h.service.status()).containerId!).inspect()
    // Frozen registry: the push cannot finish while the test looks.
    await h.docker.getContainer(info.Id).pause()
    try {
      const push = transfers.service.push({ source: `${h.prefix}-img:1`, target: `${address}/${repo}/pushing:1` })
      const e = await h.service.garbageCollect().catch((x: unknown) => x)
      expect(e).toBeInstanceOf(BerthError)
      expect((e as BerthError).code).toBe('CONFLICT')
      expect((e as BerthError).message).toContain(`${repo}/pushing:1`)
      transfers.service.cancel(push.id)
      await h.docker.getContainer(info.Id).unpause()
      await transfers.service.wait(push.id).catch(() => undefined)
      expect(transfers.service.get(push.id).state).toBe('cancelled')
    } finally {
      await h.docker.getContainer(info.Id).unpause().catch(() => undefined)
    }
    // Nothing was stopped or collected.
    expect((await h.service.status()).state).toBe('running')
    for (const b of old.blobs) expect(await status(`http://${address}/v2/${repo}/app/blobs/${b.digest}`)).toBe(200)
  })

  it('frees the deleted tag’s blobs and keeps every platform of the tagged index pullable', async () => {
    const r = await h.service.garbageCollect({ deleteUntagged: true })
    expect(r.protectedManifests).toBe(2)
    expect(r.status.state).toBe('running')
    expect(r.freedBytes).toBeGreaterThan(0)
    for (const b of old.blobs) expect(await status(`http://${address}/v2/${repo}/app/blobs/${b.digest}`)).toBe(404)
    for (const p of index.platforms) expect(await status(`http://${address}/v2/${repo}/multi/manifests/${p.digest}`)).toBe(200)
    await enginePull(h.docker, `${address}/${repo}/multi:1.0`, 'linux/amd64')
    await enginePull(h.docker, `${address}/${repo}/multi:1.0`, 'linux/arm64/v8')
    await enginePull(h.docker, `${address}/${repo}/app:keep`, 'linux/amd64')
  })
})
