// Load: a `docker save` tar (a file in Electron, an upload in the web mode) streamed into the
// engine's load API. The engine reads the whole tar before it reports anything, so the bar is
// the archive's bytes going in (the upload meter).
import { createReadStream } from 'node:fs'
import { m } from '@shared/i18n/message'
import { stat } from 'node:fs/promises'
import { BerthError } from '@shared/contract/errors'
import { followDaemonStream, type ProgressTracker } from '../engine/progress'
import type { Runner } from './run'

export const runLoad: Runner<'load'> = async (run, spec, ctx) => {
  const meter = run.upload!
  let source: NodeJS.ReadableStream
  if (spec.path) {
    meter.total = await fileSize(spec.path)
    source = createReadStream(spec.path)
  } else {
    source = spec.stream!
  }
  const tracker = run.tracker as ProgressTracker
  tracker.start()
  ctx.update()
  const counter = meter.counter(ctx.update)
  let sourceError: Error | undefined
  source.on('error', (e: Error) => {
    sourceError = e
    counter.destroy(e)
  })
  source.pipe(counter)
  try {
    const stream = await ctx.docker.loadImage(counter, { quiet: false, abortSignal: run.abort.signal })
    await followDaemonStream(stream, tracker, { signal: run.abort.signal, onUpdate: ctx.update })
  } catch (e) {
    if (sourceError && !run.abort.signal.aborted) {
      throw new BerthError('INVALID_INPUT', m('errors.transfers.readStopped', { name: spec.name, reason: sourceError.message }), spec.path ? m('hints.transfers.checkFile') : m('hints.transfers.dropAgain'))
    }
    throw e
  } finally {
    source.unpipe(counter)
    // A file is closed; an upload is drained so the web server can still answer the request.
    if (spec.path) (source as NodeJS.ReadableStream & { destroy(): void }).destroy()
    else source.resume()
  }
  ctx.emit('images.changed', { reason: 'load' })
}

async function fileSize(path: string): Promise<number> {
  try {
    const st = await stat(path)
    if (!st.isFile()) throw new BerthError('INVALID_INPUT', m('errors.transfers.notAFile', { path }), m('hints.transfers.dropTar'))
    return st.size
  } catch (e) {
    if (e instanceof BerthError) throw e
    throw new BerthError('NOT_FOUND', m('errors.transfers.cannotRead', { path, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }), m('hints.transfers.fileReadable'))
  }
}
