// Podman 4.3 fails a whole image list with 500 when another client removes an image during the
// walk; the engine client asks again. Against a fake engine that answers like Podman did.
import { afterEach, describe, expect, it } from 'vitest'
import type Docker from 'dockerode'
import { createEngineClient } from '../../src/main/engine/client'
import { isListRace, LIST_RACE_ATTEMPTS } from '../../src/main/engine/listRace'
import { startFakeEngine, type FakeEngine } from '../support/fakeEngine'

// Podman 4.3's own words (CI log), for an image another test file removed at that moment.
const PODMAN_RACE = {
  message:
    'retrieving label for image "dfe744e0": you may need to remove the image to resolve the error: fallback error checking whether image is a manifest list: reading image "dfe744e0": locating image with ID "dfe744e0": image not known'
}
const IMAGE = { Id: 'sha256:aa', RepoTags: ['demo/web:1.0'], Created: 1, Size: 1, Labels: {}, ParentId: '', RepoDigests: [], SharedSize: 0, VirtualSize: 1, Containers: 0 }

let engine: FakeEngine | undefined
afterEach(async () => {
  await engine?.close()
  engine = undefined
})

/** A fake engine whose image list answers `failures` (in order), then the list. */
async function engineFailingWith(failures: { status: number; body: unknown }[]): Promise<{ docker: Docker; lists: () => number }> {
  engine = await startFakeEngine((method, path) => (method === 'GET' && path === '/images/json' ? (failures.shift() ?? { status: 200, body: [IMAGE] }) : undefined))
  const fake = engine
  return { docker: createEngineClient({ socketPath: fake.socketPath }), lists: () => fake.requests.filter((r) => r.includes('/images/json')).length }
}

describe('image lists over a Podman store race', () => {
  it('knows the race from the engine answer, and nothing else as one', () => {
    expect(isListRace({ statusCode: 500, json: PODMAN_RACE })).toBe(true)
    expect(isListRace({ statusCode: 500, json: { message: 'failed to get state of container abc: no such container' } })).toBe(true)
    expect(isListRace({ statusCode: 404, json: { message: 'image not known' } })).toBe(false)
    expect(isListRace({ statusCode: 500, json: { message: 'disk on fire' } })).toBe(false)
    expect(isListRace(new Error('connect ENOENT'))).toBe(false)
  })

  it('asks again when an image vanished mid-list, and returns the next list', async () => {
    const { docker, lists } = await engineFailingWith([
      { status: 500, body: PODMAN_RACE },
      { status: 500, body: PODMAN_RACE }
    ])
    expect((await docker.listImages()).map((i) => i.Id)).toEqual(['sha256:aa'])
    expect(lists()).toBe(3)
  })

  it('keeps the callback form working', async () => {
    const { docker, lists } = await engineFailingWith([{ status: 500, body: PODMAN_RACE }])
    const images = await new Promise<Docker.ImageInfo[] | undefined>((resolve, reject) => docker.listImages({ all: false }, (err, list) => (err ? reject(err) : resolve(list))))
    expect(images?.map((i) => i.Id)).toEqual(['sha256:aa'])
    expect(lists()).toBe(2)
  })

  it('passes any other failure on at once', async () => {
    const { docker, lists } = await engineFailingWith([{ status: 500, body: { message: 'disk on fire' } }])
    await expect(docker.listImages()).rejects.toMatchObject({ statusCode: 500 })
    expect(lists()).toBe(1)
  })

  it('gives up after a few tries when the race does not end', async () => {
    const { docker, lists } = await engineFailingWith(Array.from({ length: LIST_RACE_ATTEMPTS + 2 }, () => ({ status: 500, body: PODMAN_RACE })))
    await expect(docker.listImages()).rejects.toMatchObject({ statusCode: 500, message: expect.stringMatching(/image not known/) })
    expect(lists()).toBe(LIST_RACE_ATTEMPTS)
  })
})
