// Web mode: a dropped archive arrives as the body of POST /api/transfers/load and is streamed
// straight into the engine's load API, never held in memory.
import type { IncomingMessage } from 'node:http'
import { finished } from 'node:stream/promises'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { TransferService } from './service'

export async function loadFromUpload(transfers: TransferService, req: IncomingMessage, url: URL): Promise<TransferSnapshot> {
  const name = cleanName(url.searchParams.get('name'))
  const length = Number(req.headers['content-length'])
  const first = transfers.load({ stream: req, name, size: Number.isFinite(length) ? length : undefined })
  // Answer once the body is read (or the load ended early): answering sooner would make Node
  // discard the rest of the upload.
  await Promise.race([finished(req).catch(() => undefined), transfers.wait(first.id).catch(() => undefined)])
  return transfers.get(first.id)
}

/** An uploaded file's name, as the browser sent it, made one short printable line. */
export function cleanName(name: string | null): string {
  // Only shown to the user; keep it one short line.
  const base = [...((name ?? '').split(/[\\/]/).pop() ?? '')]
    .filter((c) => c >= ' ')
    .join('')
    .trim()
  return base ? base.slice(0, 200) : 'archive.tar'
}
