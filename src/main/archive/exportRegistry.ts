// Tags of a registry → one OCI image layout tar (`oci-archive`): oci-layout and index.json first
// (one descriptor per tag, ref.name `repository:tag`), then every manifest as raw bytes (so every
// digest and every platform of an index stays the registry's), then each blob once, streamed from
// the registry into the tar and checked against its digest on the way.
import { pipeline } from 'node:stream/promises'
import type { Writable } from 'node:stream'
import { pack as tarPack } from 'tar-stream'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { readImageGraph } from '../copy/graph'
import type { CopyProgress } from '../copy/progress'
import { openBlob } from '../registry/blobUpload'
import { mapLimit } from '../registry/concurrency'
import type { RawManifest } from '../registry/manifestPut'
import type { Transport } from '../registry/transport'
import { blobPath, indexFile, layoutFile, OCI_INDEX_FILE, OCI_LAYOUT_FILE } from './ociLayout'
import { addBuffer, addDirectory, addStream } from './tarWrite'

const MANIFEST_READS = 4

export interface ExportedImage {
  tag: string
  digest: string
}

export async function writeOciArchive(source: Transport, repository: string, tags: string[], out: Writable, progress: CopyProgress, signal: AbortSignal): Promise<ExportedImage[]> {
  progress.note(m('copyNote.reading', { count: tags.length }))
  const graphs = await mapLimit(tags, MANIFEST_READS, (tag) => readImageGraph(source, repository, tag, signal))
  const manifests = new Map<string, RawManifest>()
  const blobs = new Map<string, number>()
  for (const g of graphs) {
    for (const r of [...g.children, g.root]) manifests.set(r.digest, r)
    for (const b of g.blobs) {
      if (manifests.has(b.digest)) continue
      blobs.set(b.digest, b.size)
      progress.addBlob(b.digest, b.size)
    }
  }
  progress.note(undefined)

  // The output failing (disk full, download closed) stops the blob being read.
  const inner = new AbortController()
  const stop = (): void => inner.abort(signal.reason)
  signal.addEventListener('abort', stop, { once: true })
  const pack = tarPack()
  const written = pipeline(pack, out)
  let outError: unknown
  written.catch((e: unknown) => {
    outError ??= e
    inner.abort(e)
  })
  try {
    await addBuffer(pack, OCI_LAYOUT_FILE, layoutFile())
    const images = tags.map((tag, i) => ({ repository, tag, mediaType: graphs[i]!.root.mediaType, digest: graphs[i]!.root.digest, size: graphs[i]!.root.bytes.length }))
    await addBuffer(pack, OCI_INDEX_FILE, indexFile(images))
    await addDirectory(pack, 'blobs/')
    for (const algorithm of new Set([...manifests.keys(), ...blobs.keys()].map((d) => d.split(':')[0]!))) await addDirectory(pack, `blobs/${algorithm}/`)
    for (const r of manifests.values()) await addBuffer(pack, blobPath(r.digest), r.bytes)
    for (const [digest, size] of blobs) {
      progress.phase(digest, 'pushing', m('layer.writing'))
      const blob = await openBlob(source, repository, digest, inner.signal)
      try {
        await addStream(pack, blobPath(digest), blob.body, digest, size, (n) => progress.bytes(digest, n), inner.signal)
      } finally {
        blob.body.destroy()
      }
      progress.phase(digest, 'pushed', m('layer.written'))
    }
    pack.finalize()
    await written
  } catch (e) {
    pack.destroy()
    if (signal.aborted) throw signal.reason
    if (outError !== undefined) throw outputFailed(outError)
    throw e
  } finally {
    signal.removeEventListener('abort', stop)
  }
  return images(tags, graphs)
}

export const outputFailed = (e: unknown): BerthError =>
  new BerthError('INVALID_INPUT', m('errors.archive.writeStopped', { reason: (e as Error)?.message ?? String(e) }), m('hints.archive.checkSpace'))

const images = (tags: string[], graphs: { root: RawManifest }[]): ExportedImage[] => tags.map((tag, i) => ({ tag, digest: graphs[i]!.root.digest }))
