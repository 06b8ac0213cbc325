// Air gap for local images, against the real engine: Export writes a docker save tar that the
// engine's load API reads back (same image ID), and importing that tar into a registry without
// the engine gives an image that pulls back with the same ID (config and layers kept byte for byte).
import { createReadStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { archiveTransfers } from '../support/archiveHelpers'
import { entry } from '../support/copyHelpers'
import { describeEngine } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'
import { closeSeedConnections, startRegistry, type TestRegistry } from '../support/registries'

describeEngine('export local images (docker save) and import them into a registry', () => {
  const docker = testDocker()
  const prefix = `berth-archive-${randomBytes(3).toString('hex')}`
  let reg: TestRegistry
  let dir: string
  let imageId: string
  let t: ReturnType<typeof archiveTransfers>

  const follow = (stream: NodeJS.ReadableStream): Promise<unknown[]> =>
    new Promise((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null, out: unknown[]) => (err ? reject(err) : resolve(out))))

  beforeAll(async () => {
    reg = await startRegistry()
    dir = mkdtempSync(join(tmpdir(), 'berth-archive-engine-'))
    imageId = await buildImage(docker, { tag: `${prefix}/app:1`, layers: [{ path: '/a.bin', size: 200_000 }, { path: '/b.txt', text: 'berth' }], cmd: ['/a.bin'] })
    t = archiveTransfers({ reg: entry('reg', reg.address) })
  })

  afterAll(async () => {
    t?.service.dispose()
    await reg?.stop()
    await closeSeedConnections()
    await cleanupByPrefix(docker, prefix)
    await cleanupByPrefix(docker, `${reg?.address}/${prefix}`)
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('writes a docker save tar that the engine loads back with the same image ID', async () => {
    const file = join(dir, 'app.tar')
    const first = await t.service.export({ from: { kind: 'engine', images: [`${prefix}/app:1`] }, path: file })
    expect(first).toMatchObject({ kind: 'export', reference: 'app.tar' })
    const done = await t.service.wait(first.id)
    expect(done.state).toBe('done')
    expect(done.bytesDone).toBeGreaterThan(200_000)

    await docker.getImage(`${prefix}/app:1`).remove({ force: true })
    await expect(docker.getImage(`${prefix}/app:1`).inspect()).rejects.toMatchObject({ statusCode: 404 })
    await follow(await docker.loadImage(createReadStream(file)))
    expect((await docker.getImage(`${prefix}/app:1`).inspect()).Id).toBe(imageId)
  })

  it('imports the docker save tar into a registry: the image pulls back with the same ID', async () => {
    const file = join(dir, 'app.tar')
    const done = await t.service.wait((await t.service.import({ path: file, registryId: 'reg' })).id)
    expect(done.state).toBe('done')
    expect(done.message).toContain(`${prefix}/app:1`)
    const res = await fetch(`http://${reg.address}/v2/${prefix}/app/manifests/1`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } })
    const manifest = (await res.json()) as { config: { digest: string }; layers: unknown[] }
    expect(manifest.config.digest).toBe(imageId)
    expect(manifest.layers).toHaveLength(2)

    const pulled = `${reg.address}/${prefix}/app:1`
    await follow(await docker.pull(pulled))
    expect((await docker.getImage(pulled).inspect()).Id).toBe(imageId)
  })
})
