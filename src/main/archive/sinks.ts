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
import { m } from '@shared/i18n/message'

export interface ArchiveSink {
  stream: Writable
  /** Called after the stream finished: the archive is complete. */
  commit(): Promise<void>
  /** Called on failure or cancel: nothing half-written stays. */
  discard(): Promise<void>
}

/** Checks a path before anything is written: absolute, a .tar name, in an existing folder, not a folder itself. */
export async function checkOutputPath(path: string): Promise<string> {
  if (!isAbsolute(path)) throw pathError(path, 'notAbsolute', 'chooseAgain')
  if (!/\.tar$/i.test(basename(path))) throw pathError(path, 'notTar', 'nameTar')
  const dir = await stat(dirname(path)).catch(() => undefined)
  if (!dir?.isDirectory()) throw pathError(path, 'noFolder', 'existingFolder')
  const existing = await stat(path).catch(() => undefined)
  if (existing && !existing.isFile()) throw pathError(path, 'notFile', 'notAFolder')
  return path
}

export async function fileSink(path: string): Promise<ArchiveSink> {
  await checkOutputPath(path)
  const partial = `${path}.${randomBytes(4).toString('hex')}.partial`
  const stream = createWriteStream(partial, { flags: 'wx', mode: 0o644 })
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', (e: NodeJS.ErrnoException) => reject(pathError(path, 'cannotWrite', 'writableFolder', e.code ?? e.message)))
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

type PathProblem = 'notAbsolute' | 'notTar' | 'noFolder' | 'notFile' | 'cannotWrite'
type PathHint = 'chooseAgain' | 'nameTar' | 'existingFolder' | 'notAFolder' | 'writableFolder'

const pathError = (path: string, problem: PathProblem, hint: PathHint, reason = ''): BerthError =>
  new BerthError('INVALID_INPUT', m(`errors.archive.path.${problem}`, { path: path.slice(0, 300), reason }), m(`hints.archive.path.${hint}`), { path: path.slice(0, 300) })
