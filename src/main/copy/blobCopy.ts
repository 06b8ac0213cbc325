// One blob from the source repository to the target: skipped when the target has it, mounted
// when both are in the same registry, otherwise streamed from the GET straight into the PUT
// (never held whole in memory; backpressure paces the download to the upload).
import { Transform, type TransformCallback } from 'node:stream'
import { BerthError } from '@shared/contract/errors'
import { finishBlobUpload, headBlob, openBlob, startBlobUpload } from '../registry/blobUpload'
import { networkError } from '../registry/errors'
import type { Transport } from '../registry/transport'
import type { CopyProgress } from './progress'
import { m } from '@shared/i18n/message'

export interface CopyEnds {
  source: Transport
  target: Transport
  /** Source and target are the same registry: blobs can be mounted across repositories. */
  sameRegistry: boolean
}

export interface BlobJob {
  digest: string
  size: number
  sourceRepository: string
  targetRepository: string
}

export async function copyBlob(ends: CopyEnds, job: BlobJob, progress: CopyProgress, signal: AbortSignal): Promise<void> {
  const { digest, sourceRepository: from, targetRepository: to } = job
  progress.phase(digest, 'preparing', m('copyLayer.checking'))
  if ((await headBlob(ends.target, to, digest, signal)) !== undefined) {
    progress.phase(digest, 'exists', m('layer.exists'))
    return
  }
  const upload = await startBlobUpload(ends.target, to, ends.sameRegistry ? { digest, mountFrom: from, signal } : { signal })
  if (upload.mounted) {
    progress.phase(digest, 'mounted', m('layer.mounted', { from }))
    return
  }
  const blob = await openBlob(ends.source, from, digest, signal)
  const size = blob.size || job.size
  let sourceError: unknown
  let sent = 0
  blob.body.once('error', (e) => (sourceError ??= e))
  const counter = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      sent += chunk.length
      progress.bytes(digest, chunk.length)
      cb(null, chunk)
    }
  })
  blob.body.pipe(counter)
  blob.body.once('error', (e) => counter.destroy(e))
  progress.phase(digest, 'pushing', m('copyLayer.copying'))
  try {
    await finishBlobUpload(ends.target, to, upload.location, digest, size, counter, signal)
  } catch (e) {
    if (signal.aborted) throw e
    if (sourceError !== undefined) throw sourceStopped(ends.source, from, digest, sent, size, sourceError)
    throw e
  } finally {
    blob.body.destroy()
  }
  progress.phase(digest, 'pushed', m('copyLayer.copied'))
}

function sourceStopped(source: Transport, repository: string, digest: string, sent: number, size: number, cause: unknown): BerthError {
  const net = networkError(cause, { host: source.address, address: source.address, isRegistry: true, scheme: source.origin.protocol.replace(':', '') })
  return new BerthError(
    net.code === 'INTERNAL' ? 'REGISTRY_UNREACHABLE' : net.code,
    m('errors.copy.sourceStopped', { address: source.address, digest: digest.slice(0, 19), repository, sent, size, reason: net.msg ?? net.message }),
    m('hints.copy.sourceStopped'),
    { ...net.details, source: source.address, digest }
  )
}

