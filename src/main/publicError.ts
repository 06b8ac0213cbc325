import { randomBytes } from 'node:crypto'
import { BerthError, toErrorData, type ApiErrorData } from '@shared/contract'
import { clip } from '@shared/engineInput'
import { m } from '@shared/i18n/message'

const MESSAGE_LIMIT = 1000

/**
 * What a failure may tell the client. Berth's own errors are written for people and go out
 * (cut to a bounded length); anything else is a bug: the client gets "something went wrong"
 * and a code, the stack goes to the log under that code.
 */
export function publicError(e: unknown, where: string): ApiErrorData {
  if (!(e instanceof BerthError)) {
    const incident = randomBytes(4).toString('hex')
    console.error(`[berth] ${clip(where)} failed (error ${incident}):`, e)
    return new BerthError('INTERNAL', m('errors.incident', { incident }), m('hints.incident'), { incident }).toData()
  }
  const data = toErrorData(e)
  if (data.code === 'INTERNAL') console.error(`[berth] ${clip(where)} failed:`, e)
  return { ...data, message: clip(data.message, MESSAGE_LIMIT), ...(data.hint ? { hint: clip(data.hint, MESSAGE_LIMIT) } : {}) }
}
