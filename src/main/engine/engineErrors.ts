import { BerthError, isBerthError } from '@shared/contract'

/** Maps a dockerode/modem failure to a BerthError that says what to do. */
export function engineError(e: unknown, what: string): BerthError {
  if (isBerthError(e)) return e
  const err = e as { statusCode?: number; code?: string; json?: { message?: string }; message?: string }
  const daemonMessage = err.json?.message ?? err.message ?? String(e)
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT' || err.code === 'ECONNRESET' || err.code === 'EPIPE') {
    return new BerthError('ENGINE_UNREACHABLE', `The Docker engine stopped answering while trying to ${what}.`, 'Start Docker again; Berth reconnects by itself.')
  }
  if (err.statusCode === 404) return new BerthError('NOT_FOUND', `Could not ${what}: ${daemonMessage}`, 'Refresh the list; it may have been removed elsewhere.')
  if (err.statusCode === 409) return new BerthError('CONFLICT', `Could not ${what}: ${daemonMessage}`)
  if (err.statusCode === 400) return new BerthError('INVALID_INPUT', `Could not ${what}: ${daemonMessage}`)
  return new BerthError('INTERNAL', `Could not ${what}: ${daemonMessage}`, 'Check the engine is healthy (`docker info`) and try again.')
}
