// Berth's own registry with deletes off (a container from an older recipe): a delete is refused
// with DELETE_DISABLED and changes nothing; turning deletes on re-creates the container over the
// same volume, the images stay, and the tag can then be deleted.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BerthError } from '@shared/contract/errors'
import { BrowseService } from '../../src/main/browse'
import { containerOptions, setupOf } from '../../src/main/localRegistry/spec'
import { describeEngine } from '../support/describeEngine'
import { harness, type Harness } from '../support/localRegistry'
import { pushSingle } from '../support/pullableImages'
import { closeSeedConnections } from '../support/registries'
import { deleteOneTag } from '../support/browse'

describeEngine('local registry: turning deletes on', () => {
  let h: Harness
  let browse: BrowseService

  beforeAll(async () => {
    h = await harness('deletes')
  })

  afterAll(async () => {
    await browse?.dispose()
    await closeSeedConnections()
    await h?.cleanup()
  })

  it('refuses deletes while off, then turns them on keeping every image', async () => {
    const status = await h.service.start()
    // The container of an older recipe: same labels, volume and port, but no delete setting.
    const old = await h.docker.getContainer(status.containerId!).inspect()
    const opts = containerOptions({ image: status.image, ...h.names }, setupOf(old))
    await h.docker.getContainer(old.Id).remove({ force: true })
    const legacy = await h.docker.createContainer({ ...opts, Env: [] })
    await legacy.start()
    const address = status.address
    await expect.poll(async () => (await fetch(`http://${address}/v2/`).catch(() => undefined))?.status).toBe(200)

    const img = await pushSingle(address, 'keep/me', ['alpha', 'beta'], '2025-01-01T00:00:00Z')
    browse = new BrowseService({ registry: () => ({ id: 'local', name: 'local', address, scheme: 'http', managed: 'local' }), credentials: async () => undefined })
    const refused = await deleteOneTag(browse, 'local', 'keep/me', 'alpha', img.digest).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(BerthError)
    expect((refused as BerthError).code).toBe('DELETE_DISABLED')
    expect((await browse.tags('local', 'keep/me')).tags).toEqual(['alpha', 'beta'])

    const after = await h.service.enableDeletes()
    expect(after.state).toBe('running')
    const info = await h.docker.getContainer(after.containerId!).inspect()
    expect(info.Config.Env).toContain('REGISTRY_STORAGE_DELETE_ENABLED=true')
    expect((await browse.tags('local', 'keep/me')).tags).toEqual(['alpha', 'beta'])

    expect((await deleteOneTag(browse, 'local', 'keep/me', 'alpha', img.digest)).deleted).toEqual(['alpha'])
    expect((await browse.tags('local', 'keep/me')).tags).toEqual(['beta'])
    // Already on: nothing is re-created.
    expect((await h.service.enableDeletes()).containerId).toBe(after.containerId)
  })
})
