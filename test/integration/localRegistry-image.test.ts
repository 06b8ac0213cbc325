// The registry image is missing and Docker Hub is out of reach (this machine has no internet:
// the real "Hub unreachable" path). Both ways out are real: a tar made by `docker save`, and a
// registry mirror (a plain registry container on loopback that holds the image).
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BerthError } from '../../src/shared/contract/errors'
import type { TransferSnapshot } from '../../src/shared/contract/transferTypes'
import { transfersPuller } from '../../src/main/localRegistry'
import { TransferService } from '../../src/main/transfers'
import type { ImageUnavailableDetails } from '../../src/shared/contract/localRegistry'
import { describeEngine } from '../support/describeEngine'
import { startRegistry, type TestRegistry } from '../support/registries'
import { catalog, harness, push, type Harness } from '../support/localRegistry'

describeEngine('local registry image missing, Hub unreachable (real engine)', () => {
  let tarHarness: Harness
  let mirrorHarness: Harness
  let mirror: TestRegistry
  let tarImage: string
  let mirrorImage: string
  let transfers: TransferService
  const updates: TransferSnapshot[] = []

  beforeAll(async () => {
    // Pulls go through the transfers service, as in the app (progress in the transfers panel).
    const { testDocker } = await import('../support/engine')
    const docker = testDocker()
    transfers = new TransferService({ docker: () => docker, emit: (event, payload) => event === 'transfers.update' && updates.push(payload as TransferSnapshot) })
    tarHarness = await harness('tar', { puller: transfersPuller(transfers) })
    mirrorHarness = await harness('mirror', { puller: transfersPuller(transfers) })
    // Names that exist nowhere: neither on this engine nor (reachably) on Docker Hub.
    tarImage = `${tarHarness.prefix}/registry:2`
    mirrorImage = `${mirrorHarness.prefix}/registry:2`
    tarHarness.service.configure({ image: tarImage })
    mirrorHarness.service.configure({ image: mirrorImage })
    mirror = await startRegistry()
  })

  afterAll(async () => {
    for (const h of [tarHarness, mirrorHarness]) await h?.cleanup()
    for (const ref of [tarImage, mirrorImage]) if (ref) await tarHarness.docker.getImage(ref).remove({ noprune: true }).catch(() => undefined)
    await mirror?.stop()
    transfers?.dispose()
  })

  it('says Docker Hub is unreachable, offers mirror and tar, and leaves nothing behind', async () => {
    const h = tarHarness
    const err = (await h.service.start().catch((e: unknown) => e)) as BerthError
    expect(err).toBeInstanceOf(BerthError)
    expect(err.code).toBe('HUB_UNREACHABLE')
    expect(err.message).toContain(tarImage)
    expect(err.message).toMatch(/Docker Hub/)
    expect(err.hint).toMatch(/mirror/)
    expect(err.hint).toMatch(/tar/)
    const details = err.details as unknown as ImageUnavailableDetails & { daemonMessage?: string }
    expect(details.localRegistryImage).toBe(tarImage)
    expect(details.mirrors).toEqual([]) // this engine has no registry-mirrors configured
    expect(details.daemonMessage).toBeTruthy()
    expect(await h.containers()).toHaveLength(0)
    await expect(h.docker.getVolume(h.names.volumeName).inspect()).rejects.toMatchObject({ statusCode: 404 })
    // The failed pull is in the transfers panel, with the same decoded error.
    const pull = updates.filter((u) => u.kind === 'pull' && u.reference.includes(tarImage)).at(-1)
    expect(pull?.state).toBe('failed')
    expect(pull?.error?.code).toBe('HUB_UNREACHABLE')
  })

  it('loads the registry image from a docker save tar, then starts', async () => {
    const h = tarHarness
    const tarPath = join(h.dataDir, 'registry.tar')
    // The tar holds the registry image under the wanted name; the engine then forgets that name.
    const [repo, tag] = [tarImage.slice(0, tarImage.lastIndexOf(':')), tarImage.slice(tarImage.lastIndexOf(':') + 1)]
    await h.docker.getImage('registry:2').tag({ repo, tag })
    await pipeline(await h.docker.getImage(tarImage).get(), createWriteStream(tarPath))
    await h.docker.getImage(tarImage).remove({ noprune: true })
    await expect(h.docker.getImage(tarImage).inspect()).rejects.toMatchObject({ statusCode: 404 })

    const loaded = await h.service.loadImageFromPath(tarPath)
    expect(loaded.loaded).toContain(tarImage)
    expect(loaded.image).toBe(tarImage)
    await rm(tarPath)

    const status = await h.service.start()
    expect(status.state).toBe('running')
    expect(status.image).toBe(tarImage)
    expect(await catalog(status.address)).toEqual([])
  })

  it('refuses a file that is not an image archive with a clear error', async () => {
    const err = (await tarHarness.service.loadImageFromPath('/etc/hostname').catch((e: unknown) => e)) as BerthError
    expect(err).toBeInstanceOf(BerthError)
    expect(err.code).toBe('INVALID_INPUT')
    const missing = (await tarHarness.service.loadImageFromPath('/nonexistent/registry.tar').catch((e: unknown) => e)) as BerthError
    expect(missing.code).toBe('NOT_FOUND')
  })

  it('pulls the image through a registry mirror, then starts', async () => {
    const h = mirrorHarness
    // The mirror holds the image under its Hub path; this engine does not have it by that name.
    const path = mirrorImage.slice(0, mirrorImage.lastIndexOf(':'))
    await push(h.docker, 'registry:2', mirror.address, path, '2')
    await expect(h.docker.getImage(mirrorImage).inspect()).rejects.toMatchObject({ statusCode: 404 })

    const first = (await h.service.start().catch((e: unknown) => e)) as BerthError
    expect(first.code).toBe('HUB_UNREACHABLE')

    const status = await h.service.start({ mirror: `http://${mirror.address}/` })
    expect(status.state).toBe('running')
    expect((await h.docker.getImage(mirrorImage).inspect()).Id).toBe((await h.docker.getImage('registry:2').inspect()).Id)
    // Only the usual name stays; the mirror's name was just the way in.
    await expect(h.docker.getImage(`${mirror.address}/${path}:2`).inspect()).rejects.toMatchObject({ statusCode: 404 })
    const pulling = h.events.find((e) => e.activity?.kind === 'pulling' && e.activity.message.includes(mirror.address) && e.activity.transferId)
    expect(pulling).toBeTruthy()
    const pull = updates.filter((u) => u.id === pulling!.activity!.transferId).at(-1)
    expect(pull?.state).toBe('done')
    expect(pull?.reference).toContain(mirror.address)
    expect(await h.containers()).toHaveLength(1)
  })

  it('explains a mirror that does not answer, still offering the tar', async () => {
    const h = mirrorHarness
    await h.service.removeContainer()
    await h.docker.getImage(mirrorImage).remove({ noprune: true })
    const err = (await h.service.start({ mirror: '127.0.0.1:1' }).catch((e: unknown) => e)) as BerthError
    expect(err).toBeInstanceOf(BerthError)
    expect(err.code).toBe('REGISTRY_UNREACHABLE')
    expect(err.message).toContain('127.0.0.1:1')
    expect((err.details as unknown as ImageUnavailableDetails).mirror).toBe('127.0.0.1:1')
    expect(err.hint).toMatch(/tar/)
    expect(await h.containers()).toHaveLength(0)
  })
})
