// Reading an archive file entry by entry with tar-stream. A file, not a stream: import reads it
// twice (first what it holds, then the blobs that must go up), so nothing is buffered but small
// JSON. A gzip-compressed archive (.tar.gz) is read through gunzip.
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { extract } from 'tar-stream'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { entryName } from './ociLayout'
import { streamStopped } from './streamStopped'

export interface TarEntry {
  name: string
  type: string
  size: number
  /** Symbolic and hard links: the entry they point to, resolved against the entry's folder. */
  link?: string
  body: Readable
}

/** Calls `onEntry` for each entry in order; an entry the callback does not read is skipped. */
export async function readTar(file: string, signal: AbortSignal, onEntry: (e: TarEntry) => Promise<void>): Promise<void> {
  const gz = await isGzip(file)
  const input = createReadStream(file)
  const ex = extract()
  const fail = (e: unknown): void => void ex.destroy(e as Error)
  input.on('error', fail)
  const source = gz ? input.pipe(createGunzip()).on('error', fail) : input
  source.pipe(ex as unknown as NodeJS.WritableStream)
  const abort = (): void => {
    input.destroy()
    ex.destroy(signal.reason as Error)
  }
  signal.addEventListener('abort', abort, { once: true })
  try {
    for await (const entry of ex as unknown as AsyncIterable<Readable & { header: { name: string; type?: string | null; size?: number; linkname?: string | null } }>) {
      const h = entry.header
      const name = entryName(h.name)
      const link = h.linkname ? resolveLink(name, h.linkname, h.type === 'link') : undefined
      await onEntry({ name, type: h.type ?? 'file', size: h.size ?? 0, ...(link ? { link } : {}), body: entry as unknown as Readable })
      entry.resume()
    }
  } catch (e) {
    throw streamStopped(e, signal, (e) => new BerthError('INVALID_INPUT', m('errors.archive.readStopped', { reason: (e as Error).message }), m('hints.archive.damaged')))
  } finally {
    signal.removeEventListener('abort', abort)
    input.destroy()
  }
}

/** Reads an entry's body whole (small JSON only). */
export async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of body as AsyncIterable<Buffer>) chunks.push(c)
  return Buffer.concat(chunks)
}

function resolveLink(name: string, target: string, hard: boolean): string {
  // Hard links name a path from the archive's root; symbolic ones are relative to their folder.
  const base = hard || target.startsWith('/') ? [] : name.split('/').slice(0, -1)
  for (const part of entryName(target.replace(/^\/+/, '')).split('/')) {
    if (part === '..') base.pop()
    else if (part !== '.' && part !== '') base.push(part)
  }
  return base.join('/')
}

async function isGzip(file: string): Promise<boolean> {
  let fh
  try {
    fh = await open(file, 'r')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new BerthError(code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT', m('errors.transfers.cannotRead', { path: file.slice(0, 300), reason: code ?? (e as Error).message }), m('hints.transfers.fileReadable'))
  }
  try {
    const st = await fh.stat()
    if (!st.isFile()) throw new BerthError('INVALID_INPUT', m('errors.transfers.notAFile', { path: file.slice(0, 300) }), m('hints.archive.dropArchive'))
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0)
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
  } finally {
    await fh.close()
  }
}
