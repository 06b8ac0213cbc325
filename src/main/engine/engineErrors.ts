// The one decoder of a failed dockerode call: the HTTP status, the daemon's own words, and a
// BerthError that says what to do. (Errors inside a 200 progress stream: progress/errors.ts.)
import { BerthError, isBerthError } from '@shared/contract'
import { clip, ECHO_LIMIT } from '@shared/engineInput'
import { m, type Msg } from '@shared/i18n/message'

interface ModemError {
  statusCode?: number
  code?: string
  json?: unknown
  message?: string
}

/**
 * The daemon's message: json.message when it answered; else docker-modem's
 * "(HTTP code 500) server error - <message> "; else whatever the error says.
 */
export function daemonMessage(e: unknown): string {
  const err = (e ?? {}) as ModemError
  const json = err.json as { message?: unknown } | null | undefined
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message
  const text = (err.message ?? String(e)).trim()
  const m = /^\(HTTP code \d+\)[^-]*- (.*)$/s.exec(text)
  return (m ? m[1]! : text).trim()
}

export function statusCodeOf(e: unknown): number | undefined {
  return ((e ?? {}) as ModemError).statusCode
}

/** Maps a dockerode/modem failure to a BerthError that says what to do. */
export function engineError(e: unknown, what: Msg): BerthError {
  if (isBerthError(e)) return e
  const err = (e ?? {}) as ModemError
  const message = clip(daemonMessage(e), 2 * ECHO_LIMIT)
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT' || err.code === 'ECONNRESET' || err.code === 'EPIPE') {
    return new BerthError('ENGINE_UNREACHABLE', m('errors.engine.stoppedWhile', { what }), m('hints.engine.startAgain'))
  }
  if (err.statusCode !== undefined && err.statusCode >= 300 && err.statusCode < 400) {
    // Never followed (engine/client.ts): a redirect means the path was not what Berth meant to ask.
    return new BerthError('INVALID_INPUT', m('errors.engine.redirect', { what, status: err.statusCode }), m('hints.engine.checkNameOrId'))
  }
  const failed = m('errors.engine.couldNot', { what, reason: message })
  if (err.statusCode === 404) return new BerthError('NOT_FOUND', failed, m('hints.refreshRemoved'))
  if (err.statusCode === 409) return new BerthError('CONFLICT', failed)
  if (err.statusCode === 400) return new BerthError('INVALID_INPUT', failed)
  return new BerthError('INTERNAL', failed, m('hints.engine.checkHealthy'))
}
