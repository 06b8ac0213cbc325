// Where an export goes. Electron: a file the user chose in the save dialog, written beside it
// under a temporary name and renamed at the end (a failed or cancelled export leaves no
// half-written archive, and an existing file stays untouched until the new one is complete).
// Web mode: the browser's download of GET /api/transfers/export?id=… (the server keeps nothing).
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, isAbsolute } from 'node:path'
import type { Writable } from 'node:stream'
import { BerthError } from '@shared/contract/errors'

export interface ArchiveSink {
  stream: Writable
  /** Called after the stream finished: the archive is complete. */
  commit(): Promise<void>
  /** Called on failure or cancel: nothing half-written stays. */
  discard(): Promise<void>
}

/** Checks a path before anything is written: absolute, a .tar name, in an existing folder, not a folder itself. */
export async function checkOutputPath(path: string): Promise<string> {
  if (!isAbsolute(path)) throw pathError(path, 'is not an absolute path', 'Choose the file with Export… again.')
  if (!/\.tar$/i.test(basename(path))) throw pathError(path, 'does not end in .tar', 'Name the archive NAME.tar: skopeo and docker load read it by that name.')
  const dir = await stat(dirname(path)).catch(() => undefined)
  if (!dir?.isDirectory()) throw pathError(path, 'is in a folder that does not exist', 'Choose an existing folder.')
  const existing = await stat(path).catch(() => undefined)
  if (existing && !existing.isFile()) throw pathError(path, 'is a folder or a special file', 'Choose a file name that is not taken by a folder.')
  return path
}

export async function fileSink(path: string): Promise<ArchiveSink> {
  await checkOutputPath(path)
  const partial = `${path}.${randomBytes(4).toString('hex')}.partial`
  const stream = createWriteStream(partial, { flags: 'wx', mode: 0o644 })
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', (e: NodeJS.ErrnoException) => reject(pathError(path, `cannot be written (${e.code ?? e.message})`, 'Choose a folder you may write to.')))
  })
  return {
    stream,
    commit: () => rename(partial, path),
    discard: async () => {
      stream.destroy()
      await unlink(partial).catch(() => undefined)
    }
  }
}

const pathError = (path: string, what: string, hint: string): BerthError => new BerthError('INVALID_INPUT', `${path.slice(0, 300)} ${what}.`, hint, { path: path.slice(0, 300) })
