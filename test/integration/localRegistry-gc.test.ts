// Delete a tag, garbage-collect: the volume shrinks and the registry is back up with the rest.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEngine } from '../support/describeEngine'
import { buildImage } from '../support/images'
import { catalog, deleteTag, harness, push, tags, type Harness } from '../support/localRegistry'

const MB = 1024 * 1024

// Disk usage (before/after) is the engine's walk over every volume: slow on a busy shared engine.
describeEngine('local registry garbage collection (real engine)', { timeout: 600_000 }, () => {
  let h: Harness
  const images: string[] = []

  beforeAll(async () => {
    h = await harness('gc')
    // Two images that share nothing: deleting one frees its 3 MB layer.
    images.push(await buildImage(h.docker, { tag: `${h.prefix}-a:1`, layers: [{ path: '/a.bin', size: 3 * MB }] }))
    images.push(await buildImage(h.docker, { tag: `${h.prefix}-b:1`, layers: [{ path: '/b.bin', size: 1 * MB }] }))
  })

  afterAll(async () => {
    await h?.cleanup()
    for (const tag of ['a', 'b']) await h?.docker.getImage(`${h.prefix}-${tag}:1`).remove({ force: true }).catch(() => undefined)
  })

  it('collects in an empty registry without complaint', async () => {
    const status = await h.service.start()
    const result = await h.service.garbageCollect()
    expect(result.freedBytes).toBe(0)
    expect(result.status.state).toBe('running')
    expect(result.status.containerId).toBe(status.containerId)
  })

  it('frees the space of a deleted tag and starts the registry again', async () => {
    const status = await h.service.start()
    const address = status.address
    await push(h.docker, images[0], address, 'gc/app', 'old')
    await push(h.docker, images[1], address, 'gc/app', 'new')
    expect((await tags(address, 'gc/app')).sort()).toEqual(['new', 'old'])

    await deleteTag(address, 'gc/app', 'old')
    expect(await tags(address, 'gc/app')).toEqual(['new'])

    const result = await h.service.garbageCollect({ deleteUntagged: false })
    expect(result.sizeAfter).toBeLessThan(result.sizeBefore)
    expect(result.freedBytes).toBe(result.sizeBefore - result.sizeAfter)
    expect(result.freedBytes).toBeGreaterThan(3 * MB)
    expect(result.output.join('\n')).toMatch(/blob eligible for deletion|marking|blobs marked/i)
    expect(result.status.state).toBe('running')
    expect(h.events.some((e) => e.activity?.kind === 'collecting')).toBe(true)

    // Nothing else was lost, and no one-off container stays behind.
    expect(await catalog(address)).toEqual(['gc/app'])
    expect(await tags(address, 'gc/app')).toEqual(['new'])
    const leftovers = (await h.docker.listContainers({ all: true })).filter((c) => c.Names.some((n) => n.startsWith(`/${h.prefix}-gc`)))
    expect(leftovers).toEqual([])
  })

  it('with --delete-untagged, collecting leaves a stopped registry stopped', async () => {
    await h.service.stop()
    const result = await h.service.garbageCollect({ deleteUntagged: true })
    expect(result.status.state).toBe('stopped')
    expect(result.freedBytes).toBeGreaterThanOrEqual(0)
    const started = await h.service.start()
    expect(await tags(started.address, 'gc/app')).toEqual(['new'])
  })
})
