// Failures before the daemon's progress stream starts: the engine answered the push/pull/load
// request itself with an error status (e.g. 404 "An image does not exist locally…", or a pull's
// 500 "…server gave HTTP response to HTTPS client"), or could not be reached at all.
import { BerthError, isBerthError } from '@shared/contract/errors'
import { m, type Msg } from '@shared/i18n/message'
import type { TransferKind } from '@shared/contract/transferTypes'
import { daemonMessage, engineError } from '../engine/engineErrors'
import { decodeDaemonError } from '../engine/progress'

interface ModemError {
  statusCode?: number
  name?: string
  code?: string
}

export function cancelledError(kind: TransferKind): BerthError {
  return new BerthError('CANCELLED', m('errors.transfers.cancelled', { kind: m(`kinds.${kind}`) }))
}

export function isAbort(e: unknown): boolean {
  const err = e as ModemError
  return err?.name === 'AbortError' || err?.code === 'ABORT_ERR'
}

export function startError(e: unknown, kind: TransferKind, registry: string | undefined, what: Msg): BerthError {
  if (isBerthError(e)) return e
  if (isAbort(e)) return cancelledError(kind)
  const err = (e ?? {}) as ModemError
  if (typeof err.statusCode === 'number' && err.statusCode >= 400) {
    const message = daemonMessage(err)
    if (err.statusCode === 404 && kind === 'push') {
      return new BerthError('NOT_FOUND', m('errors.transfers.pushSourceMissing', { reason: message }), m('hints.images.refreshRenamed'), { daemonMessage: message })
    }
    return decodeDaemonError(message, { kind, registry })
  }
  return engineError(e, what)
}
