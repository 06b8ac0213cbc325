// Entries into a tar-stream pack, one after another: small ones from memory, blobs from a stream
// (hashed as they pass, checked against their digest, paced by the pack's backpressure, so a blob
// is never held whole in memory).
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import type { Readable, Writable } from 'node:stream'
import type { Pack } from 'tar-stream'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'

/** A fixed time for every entry: the same content gives the same archive. */
const MTIME = new Date(0)

export function addBuffer(pack: Pack, name: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => pack.entry({ name, size: data.length, mode: 0o644, mtime: MTIME }, data, (e) => (e ? reject(e) : resolve())))
}

export function addDirectory(pack: Pack, name: string): Promise<void> {
  return new Promise((resolve, reject) => pack.entry({ name, type: 'directory', mode: 0o755, mtime: MTIME }, (e) => (e ? reject(e) : resolve())))
}

/**
 * Streams `body` into a new entry of exactly `size` bytes whose content must hash to `digest`.
 * `onBytes` counts progress; `signal` stops it (also when the archive's output failed).
 */
export async function addStream(pack: Pack, name: string, body: Readable, digest: string, size: number, onBytes: (n: number) => void, signal: AbortSignal): Promise<void> {
  const [algorithm] = digest.split(':') as [string]
  const hash = createHash(algorithm)
  let written = 0
  let entry!: Writable
  const closed = new Promise<void>((resolve, reject) => {
    entry = pack.entry({ name, size, mode: 0o644, mtime: MTIME }, (e) => (e ? reject(e) : resolve())) as unknown as Writable
  })
  closed.catch(() => undefined)
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (signal.aborted) throw signal.reason
    written += chunk.length
    if (written > size) throw sizeMismatch(digest, size, written)
    hash.update(chunk)
    onBytes(chunk.length)
    if (!entry.write(chunk)) await drained(entry, signal)
  }
  if (written !== size) throw sizeMismatch(digest, size, written)
  const actual = `${algorithm}:${hash.digest('hex')}`
  if (actual !== digest) {
    throw new BerthError('REGISTRY_ERROR', m('errors.archive.blobMismatch', { digest: digest.slice(0, 19), actual: actual.slice(0, 19) }), m('hints.archive.storageAltered'), { expected: digest, actual })
  }
  entry.end()
  await closed
}

async function drained(entry: Writable, signal: AbortSignal): Promise<void> {
  await once(entry, 'drain', { signal })
}

const sizeMismatch = (digest: string, size: number, got: number): BerthError =>
  new BerthError(
    'REGISTRY_ERROR',
    got > size ? m('errors.archive.blobTooBig', { digest: digest.slice(0, 19), size }) : m('errors.archive.blobTooSmall', { digest: digest.slice(0, 19), size, got }),
    m('hints.archive.otherContent'),
    { digest, size, got }
  )
