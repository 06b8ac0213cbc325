// Local images → a `docker save` tar, written by the engine (GET /images/get): what `docker load`
// reads back, whatever the engine's own format. Progress is the archive's bytes against the
// images' sizes (the tar is their uncompressed layers, so the estimate is close).
import type Docker from 'dockerode'
import { pipeline } from 'node:stream/promises'
import { Transform, type Readable, type Writable } from 'node:stream'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import type { CopyProgress } from '../copy/progress'
import { outputFailed } from './exportRegistry'
import { streamStopped } from './streamStopped'

const ROW = 'sha256:000000000000archive'

export async function writeDockerSave(docker: Docker, images: string[], out: Writable, progress: CopyProgress, signal: AbortSignal): Promise<void> {
  let total = 0
  for (const name of images) {
    const info = await docker
      .getImage(name)
      .inspect()
      .catch((e: { statusCode?: number }) => {
        if (e?.statusCode === 404) throw new BerthError('NOT_FOUND', m('errors.archive.noSuchImage', { name }), m('hints.images.refreshRenamed'))
        throw e
      })
    total += (info as { Size?: number }).Size ?? 0
  }
  progress.addBlob(ROW, total)
  progress.phase(ROW, 'pushing', m('layer.saving'))
  signal.throwIfAborted()
  // dockerode puts every option in the query string: the signal stops the stream through pipeline.
  const body = (await (docker as unknown as { getImages(o: { names: string[] }): Promise<unknown> }).getImages({ names: images })) as Readable
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      progress.bytes(ROW, chunk.length)
      cb(null, chunk)
    }
  })
  try {
    await pipeline(body, counter, out, { signal })
  } catch (e) {
    throw streamStopped(e, signal, outputFailed)
  }
  progress.phase(ROW, 'pushed', m('layer.saved'))
}
