// "Remove empty repositories" on Berth's own registry, against real registry:2 containers: the
// list names only repositories without a tag and without a manifest; removing takes exactly
// those off /v2/_catalog while every other repository (a nested one, an untagged manifest, a
// tagged image) stays and still pulls; a repository pushed to since the list is left alone; it
// is refused while Berth pushes to the registry; and an image without a shell is recognised
// before anything is stopped, with the commands to do it by hand.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { containerOptions } from '../../src/main/localRegistry/spec'
import { describeEngine } from '../support/describeEngine'
import { enginePull, rejection } from '../support/expectations'
import { buildImage, cleanupByPrefix } from '../support/images'
import { catalog, deleteTag, harness, tags, type Harness } from '../support/localRegistry'
import { pushPlatformImage, pushSingle } from '../support/pullableImages'
import { closeSeedConnections } from '../support/registries'

describeEngine('local registry: removing empty repositories (real engine)', { timeout: 600_000 }, () => {
  let h: Harness
  let address = ''
  let p = ''
  /** What the guard sees as Berth's running pushes (the transfer service's list in the app). */
  let pushes: { reference: string; registry: string }[] = []

  beforeAll(async () => {
    h = await harness('empty', { activePushes: () => pushes })
    address = (await h.service.start()).address
    p = h.prefix
    // `a` loses its only tag; `a/sub` lives inside a's folder; `untagged` has a manifest but no tag.
    await pushSingle(address, `${p}/a`, ['1'], '2025-01-01T00:00:00Z')
    await pushSingle(address, `${p}/a/sub`, ['1'], '2025-01-01T00:00:00Z')
    await pushSingle(address, `${p}/b`, ['1'], '2025-01-01T00:00:00Z')
    await pushSingle(address, `${p}/later`, ['1'], '2025-01-01T00:00:00Z')
    await pushPlatformImage(address, `${p}/untagged`, { os: 'linux', architecture: 'amd64' }, '2025-01-01T00:00:00Z')
    await deleteTag(address, `${p}/a`, '1')
    await deleteTag(address, `${p}/later`, '1')
  })

  afterAll(async () => {
    await closeSeedConnections()
    await cleanupByPrefix(h.docker, p)
    await h?.cleanup()
  })

  it('lists only the repositories with no tag and no manifest, changing nothing', async () => {
    const before = await catalog(address)
    const r = await h.service.emptyRepositories()
    expect(r).toEqual({ canRemove: true, repositories: [`${p}/a`, `${p}/later`], uploading: [] })
    expect(await catalog(address)).toEqual(before)
    expect((await h.service.status()).state).toBe('running')
  })

  it('is refused while Berth pushes to the registry, and nothing is stopped or removed', async () => {
    pushes = [{ reference: `${address}/${p}/pushing:1`, registry: address }]
    try {
      const e = await rejection(h.service.removeEmptyRepositories([`${p}/a`]))
      expect(e.code).toBe('CONFLICT')
      expect(e.message).toContain(`${p}/pushing:1`)
    } finally {
      pushes = []
    }
    expect((await h.service.status()).state).toBe('running')
    expect(await catalog(address)).toContain(`${p}/a`)
  })

  it('removes exactly those folders; the rest stays listed and pullable; one pushed to since is kept', async () => {
    // Pushed to after the list was read: no longer empty, so it must survive.
    await pushSingle(address, `${p}/later`, ['2'], '2025-02-01T00:00:00Z')
    const r = await h.service.removeEmptyRepositories([`${p}/a`, `${p}/later`, `${p}/b`])
    expect(r.removed).toEqual([`${p}/a`])
    expect(r.kept).toEqual([`${p}/later`, `${p}/b`])
    expect(r.status.state).toBe('running')
    const names = await catalog(address)
    expect(names).not.toContain(`${p}/a`)
    expect(names).toEqual(expect.arrayContaining([`${p}/a/sub`, `${p}/b`, `${p}/later`, `${p}/untagged`]))
    expect(await tags(address, `${p}/later`)).toEqual(['2'])
    for (const ref of [`${p}/a/sub:1`, `${p}/b:1`, `${p}/later:2`]) await enginePull(h.docker, `${address}/${ref}`, 'linux/amd64')
    expect((await h.service.emptyRepositories()).repositories).toEqual([])
  })

})

// A registry image without /bin/sh (a FROM scratch build): Berth says so with the commands to do
// it by hand, and refuses to remove before stopping anything.
describeEngine('local registry: removing empty repositories with an image that has no shell', { timeout: 300_000 }, () => {
  let h: Harness

  beforeAll(async () => {
    h = await harness('noshell')
    const image = `${h.prefix}-noshell:1`
    await buildImage(h.docker, { tag: image, layers: [{ path: '/registry', size: 16 }], cmd: ['/registry'] })
    // Berth's registry container on that image, as Berth creates it (never started: it cannot run).
    await h.docker.createContainer(containerOptions({ ...h.names, image }, { port: h.port, shared: false }))
  })

  afterAll(async () => {
    await cleanupByPrefix(h.docker, h.prefix)
    await h?.cleanup()
  })

  it('says the image has no shell and how to do it by hand; removing is refused and nothing runs', async () => {
    const r = await h.service.emptyRepositories()
    expect(r).toMatchObject({ canRemove: false, repositories: [], manual: { image: `${h.prefix}-noshell:1`, containerName: h.names.containerName, volumeName: h.names.volumeName } })
    expect(r.manual!.commands).toContain(`docker stop ${h.names.containerName}`)
    expect(r.manual!.commands).toContain(`-v ${h.names.volumeName}:/var/lib/registry`)
    const e = await rejection(h.service.removeEmptyRepositories(['team/gone']))
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toMatch(/has no shell/)
    expect(e.details).toMatchObject({ manual: { containerName: h.names.containerName } })
    // Only Berth's (never started) registry container: no helper left behind.
    const all = await h.docker.listContainers({ all: true })
    expect(all.filter((c) => c.Names.some((n) => n.startsWith(`/${h.prefix}`))).map((c) => c.Names[0])).toEqual([`/${h.names.containerName}`])
    expect((await h.docker.getContainer(h.names.containerName).inspect()).State.Running).toBe(false)
  })
})
