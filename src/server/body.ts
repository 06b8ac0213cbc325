import type { IncomingMessage } from 'node:http'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

/** A request Berth answers with a 4xx and one log line, never a thrown error. */
/** A 4xx the server answers itself; `msg` is rendered in the request's language (message: English, for the log). */
export class RequestProblem extends Error {
  readonly msg: Msg
  constructor(
    readonly status: number,
    msg: Msg
  ) {
    super(inEnglish(msg))
    this.msg = msg
  }
}

/** Reads a whole (small) body; a body over `limit` bytes is a 413, not a reset connection. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) return reject(tooLarge(limit))
    const chunks: Buffer[] = []
    let size = 0
    const onData = (c: Buffer): void => {
      size += c.length
      if (size <= limit) return void chunks.push(c)
      req.off('data', onData)
      reject(tooLarge(limit))
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', (e) => reject(new RequestProblem(400, m('server.bodyUnreadable', { reason: e.message }))))
  })
}

function tooLarge(limit: number): RequestProblem {
  return new RequestProblem(413, m('server.bodyTooLarge', { mib: limit / 1024 / 1024 }))
}
