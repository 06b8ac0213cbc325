// Web mode: an export's archive goes to the browser as a download. The export waits (at most
// DOWNLOAD_WAIT_MS) for the browser's GET /api/transfers/export?id=…, then streams into that
// response; closing the download stops the export, and cancelling the export ends the download.
import type { ServerResponse } from 'node:http'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import type { ArchiveSink } from './sinks'

export const DOWNLOAD_WAIT_MS = 60_000

interface Waiting {
  fileName: string
  take(res: ServerResponse): void
}

export class ArchiveDownloads {
  private readonly waiting = new Map<string, Waiting>()

  /** The sink of export `id`, once the browser asks for it. */
  wait(id: string, fileName: string, signal: AbortSignal, timeoutMs = DOWNLOAD_WAIT_MS): Promise<ArchiveSink> {
    return new Promise<ArchiveSink>((resolve, reject) => {
      const stop = (e: unknown): void => {
        clearTimeout(timer)
        this.waiting.delete(id)
        reject(e)
      }
      const timer = setTimeout(
        () => stop(new BerthError('INTERNAL', m('errors.archive.downloadNotStarted'), m('hints.archive.allowDownloads'))),
        timeoutMs
      )
      signal.addEventListener('abort', () => stop(signal.reason), { once: true })
      this.waiting.set(id, {
        fileName,
        take: (res) => {
          clearTimeout(timer)
          this.waiting.delete(id)
          resolve(responseSink(res))
        }
      })
    })
  }

  /** GET route: hands the response to the waiting export; resolves when the download ended. */
  async attach(id: string, res: ServerResponse): Promise<void> {
    const w = this.waiting.get(id)
    if (!w) throw new BerthError('NOT_FOUND', m('errors.archive.notWaiting'), m('hints.archive.exportAgain'))
    res.writeHead(200, {
      'Content-Type': 'application/x-tar',
      'Content-Disposition': `attachment; filename="${w.fileName.replace(/["\\\r\n]/g, '_')}"`,
      'Cache-Control': 'no-store'
    })
    const ended = new Promise<void>((resolve) => res.once('close', () => resolve()))
    w.take(res)
    await ended
  }
}

function responseSink(res: ServerResponse): ArchiveSink {
  return {
    stream: res,
    commit: async () => undefined,
    // The browser marks the download failed instead of keeping a truncated file as complete.
    discard: async () => void res.destroy()
  }
}
