// Loading `docker save` archives through TransferService: from a path, from a stream (what the
// web mode's upload route hands it), and a broken archive.
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadFromUpload } from '../../src/main/transfers/upload'
import { describeEngine } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'
import { assertMonotonic, recordingTransfers, type RecordingService } from '../support/pushHelpers'

const prefix = `berth-it-load-${process.pid}`
const docker = testDocker()
const tag = `${prefix}/app:1`

describeEngine('load archives', () => {
  let t: RecordingService
  let dir: string
  let tarPath: string
  let imageId: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-it-load-'))
    imageId = await buildImage(docker, { tag, layers: [{ path: '/a.bin', size: 3_000_000 }, { path: '/b.bin', size: 1_000_000 }] })
    tarPath = join(dir, 'app.tar')
    await pipeline((await docker.getImage(tag).get()) as NodeJS.ReadableStream, createWriteStream(tarPath))
    t = recordingTransfers(docker)
  })

  afterAll(async () => {
    t?.service.dispose()
    await cleanupByPrefix(docker, prefix)
    rmSync(dir, { recursive: true, force: true })
  })

  it('loads a file by path with byte progress and lists the images it held', async () => {
    await docker.getImage(imageId).remove({ force: true })
    const run = t.service.load({ path: tarPath })
    expect(run.reference).toBe('app.tar')
    const done = await t.service.wait(run.id)
    expect(done.state).toBe('done')
    expect(done.images).toContain(tag)
    expect(done.bytesTotal).toBe(statSync(tarPath).size)
    expect(done.bytesDone).toBe(done.bytesTotal)
    assertMonotonic(t.updates(run.id))
    expect((await docker.getImage(tag).inspect()).Id).toBe(imageId)
    expect(t.events.some((e) => e.event === 'images.changed' && (e.payload as { reason: string }).reason === 'load')).toBe(true)
  })

  it('loads an upload stream without buffering it (as the web mode does)', async () => {
    await docker.getImage(imageId).remove({ force: true })
    const { createReadStream } = await import('node:fs')
    const body = createReadStream(tarPath, { highWaterMark: 64 * 1024 }) as unknown as IncomingMessage
    Object.assign(body, { headers: { 'content-length': String(statSync(tarPath).size) } })
    const answered = await loadFromUpload(t.service, body, new URL('http://x/api/transfers/load?name=..%2F..%2Fsaved.tar'))
    expect(answered.reference).toBe('saved.tar')
    const done = await t.service.wait(answered.id)
    expect(done.images).toContain(tag)
    expect(done.bytesDone).toBe(statSync(tarPath).size)
    expect((await docker.getImage(tag).inspect()).Id).toBe(imageId)
  })

  it('says so when the file is not an image archive', async () => {
    const junk = join(dir, 'junk.tar')
    writeFileSync(junk, Buffer.alloc(4096, 7))
    const run = t.service.load({ path: junk })
    const err = await t.service.wait(run.id).catch((e: Error) => e)
    expect(err).toMatchObject({ code: 'INVALID_INPUT' })
    expect(t.service.get(run.id).error?.hint).toMatch(/docker save/)

    const fromStream = t.service.load({ stream: Readable.from([Buffer.from('not a tar at all')]), name: 'x.tar' })
    await expect(t.service.wait(fromStream.id)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('reports a missing file', async () => {
    const run = t.service.load({ path: join(dir, 'nope.tar') })
    await expect(t.service.wait(run.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
