// An archive into a registry without the engine, the copy engine's way: HEAD skips a blob the
// registry has, a blob needed in several repositories goes up once and is mounted into the others,
// layers stream from the archive file (one pass over it), manifests go up as their exact bytes
// (children before their index), and every tag is read back afterwards to check its digest.
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import type { CopyProgress } from '../copy/progress'
import { finishBlobUpload, headBlob, startBlobUpload } from '../registry/blobUpload'
import { mapLimit } from '../registry/concurrency'
import { headManifest } from '../registry/manifests'
import { putRawManifest } from '../registry/manifestPut'
import type { Transport } from '../registry/transport'
import type { ImportPlan } from './plan'
import { readTar } from './tarRead'
import type { TagDetails } from '@shared/contract/registryTypes'

const CHECKS = 4

/** A tag the import pushed, with the digest it now points at. */
export type ImportedImage = Pick<TagDetails, 'repository' | 'tag' | 'digest'>

export async function pushArchive(target: Transport, file: string, plan: ImportPlan, progress: CopyProgress, signal: AbortSignal): Promise<ImportedImage[]> {
  // Which repositories need which blob.
  const wanted = new Map<string, Set<string>>()
  for (const img of plan.images) {
    for (const b of img.blobs) {
      wanted.set(b.digest, (wanted.get(b.digest) ?? new Set()).add(img.repository))
      progress.addBlob(b.digest, b.size)
    }
  }
  progress.note(m('archiveNote.checking'))
  const pairs = [...wanted].flatMap(([digest, repos]) => [...repos].map((repository) => ({ digest, repository })))
  const present = await mapLimit(pairs, CHECKS, async (p) => (await headBlob(target, p.repository, p.digest, signal)) !== undefined)
  const missing = new Map<string, string[]>()
  pairs.forEach((p, i) => {
    if (!present[i]) missing.set(p.digest, [...(missing.get(p.digest) ?? []), p.repository])
  })
  for (const digest of wanted.keys()) if (!missing.has(digest)) progress.phase(digest, 'exists', m('layer.exists'))
  progress.note(undefined)

  const upload = async (digest: string, body: Readable, size: number): Promise<void> => {
    const [first, ...others] = missing.get(digest)!
    progress.phase(digest, 'pushing', m('layer.pushing'))
    const session = await startBlobUpload(target, first!, { signal })
    if (session.mounted) return
    await finishBlobUpload(target, first!, session.location, digest, size, body, signal)
    for (const repository of others) await startBlobUpload(target, repository, { digest, mountFrom: first, signal })
    progress.phase(digest, 'pushed', m('layer.pushed'))
  }

  // Small JSON from memory first, then one pass over the archive for the rest.
  const fromFile = new Map<string, string>()
  for (const digest of missing.keys()) {
    const src = plan.sources.get(digest)!
    if ('bytes' in src) await upload(digest, Readable.from([src.bytes]), src.size)
    else fromFile.set(src.entry, digest)
  }
  if (fromFile.size) {
    await readTar(file, signal, async (e) => {
      const digest = fromFile.get(e.name)
      if (!digest || e.type !== 'file') return
      fromFile.delete(e.name)
      await upload(digest, Readable.from(counted(e.body, digest, progress)), e.size)
    })
    if (fromFile.size) throw new BerthError('INVALID_INPUT', m('errors.archive.changedWhileRead', { entry: [...fromFile.keys()][0]! }), m('hints.archive.leaveFile'))
  }

  progress.note(m('copyNote.writing', { count: plan.images.length }))
  const done = new Set<string>()
  for (const img of plan.images) {
    for (const child of img.children) {
      const key = `${img.repository}@${child.digest}`
      if (done.has(key)) continue
      await putRawManifest(target, img.repository, child.digest, child, signal)
      done.add(key)
    }
    await putRawManifest(target, img.repository, img.tag, img.root, signal)
  }

  progress.note(m('archiveNote.verifying'))
  return mapLimit(plan.images, CHECKS, async (img) => {
    const { digest } = await headManifest(target, img.repository, img.tag)
    if (digest !== img.root.digest) {
      throw new BerthError(
        'REGISTRY_ERROR',
        m('errors.archive.digestDiffers', { registry: target.address, reference: `${img.repository}:${img.tag}`, actual: digest.slice(0, 19), expected: img.root.digest.slice(0, 19) }),
        m('hints.archive.pushedMeanwhile'),
        { expected: img.root.digest, actual: digest }
      )
    }
    return { repository: img.repository, tag: img.tag, digest }
  })
}

/** The entry's bytes, counted for progress and checked against the digest before the last chunk goes. */
async function* counted(body: AsyncIterable<Buffer> | NodeJS.ReadableStream, digest: string, progress: CopyProgress): AsyncGenerator<Buffer> {
  const [algorithm] = digest.split(':') as [string]
  const hash = createHash(algorithm)
  for await (const chunk of body as AsyncIterable<Buffer>) {
    hash.update(chunk)
    progress.bytes(digest, chunk.length)
    yield chunk
  }
  const actual = `${algorithm}:${hash.digest('hex')}`
  if (actual !== digest) throw new BerthError('INVALID_INPUT', m('errors.archive.blobDamaged', { digest: digest.slice(0, 19), actual: actual.slice(0, 19) }), m('hints.archive.exportAgain'), { expected: digest, actual })
}
