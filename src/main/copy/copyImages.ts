// A copy run: read every tag's manifests, copy the blobs a few at a time, then PUT the
// manifests (platform manifests before their index, the tag last). Within one repository of one
// registry nothing but the tag's manifest moves: a retag without pulling.
import { COPY_BLOB_CONCURRENCY } from '@shared/contract/copy'
import { mapLimit } from '../registry/concurrency'
import { putRawManifest } from '../registry/manifestPut'
import { copyBlob, type CopyEnds } from './blobCopy'
import { readImageGraph, type ImageGraph } from './graph'
import type { CopyProgress } from './progress'
import { m } from '@shared/i18n/message'

export interface CopyItem {
  sourceRepository: string
  /** Tag (or digest) at the source. */
  sourceReference: string
  targetRepository: string
  targetTag: string
  /** Only these platforms of a multi-arch index (a sync set's filter). */
  platforms?: readonly string[]
}

export interface CopyRunOptions {
  /** Blobs in flight at once (default COPY_BLOB_CONCURRENCY). */
  concurrency?: number
}

export interface CopiedImage extends CopyItem {
  digest: string
}

const MANIFEST_WRITES = 4

export async function copyImages(ends: CopyEnds, items: CopyItem[], progress: CopyProgress, signal: AbortSignal, opts: CopyRunOptions = {}): Promise<CopiedImage[]> {
  progress.start()
  progress.note(m('copyNote.reading', { count: items.length }))
  const graphs = await mapLimit(items, MANIFEST_WRITES, (item) => readImageGraph(ends.source, item.sourceRepository, item.sourceReference, signal, item.platforms))

  const jobs = new Map<string, { digest: string; size: number; sourceRepository: string; targetRepository: string }>()
  items.forEach((item, i) => {
    if (isRetag(ends, item)) return
    for (const b of graphs[i]!.blobs) {
      const key = `${item.targetRepository}@${b.digest}`
      if (!jobs.has(key)) jobs.set(key, { ...b, sourceRepository: item.sourceRepository, targetRepository: item.targetRepository })
      progress.addBlob(b.digest, b.size)
    }
  })
  if (jobs.size) progress.note(undefined)
  await mapLimit([...jobs.values()], opts.concurrency ?? COPY_BLOB_CONCURRENCY, (job) => copyBlob(ends, job, progress, signal))

  progress.note(m('copyNote.writing', { count: items.length }))
  return mapLimit(items, MANIFEST_WRITES, (item, i) => putImage(ends, item, graphs[i]!, signal))
}

async function putImage(ends: CopyEnds, item: CopyItem, g: ImageGraph, signal: AbortSignal): Promise<CopiedImage> {
  if (!isRetag(ends, item)) {
    for (const child of g.children) await putRawManifest(ends.target, item.targetRepository, child.digest, child, signal)
  }
  const digest = await putRawManifest(ends.target, item.targetRepository, item.targetTag, g.root, signal)
  return { ...item, digest }
}

/** Same registry, same repository: the blobs and platform manifests are already there. */
const isRetag = (ends: CopyEnds, item: CopyItem): boolean => ends.sameRegistry && item.sourceRepository === item.targetRepository
