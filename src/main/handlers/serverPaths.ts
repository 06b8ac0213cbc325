import { BerthError } from '@shared/contract'
import type { Msg } from '@shared/i18n/message'
import { m } from '@shared/i18n/message'
import type { Services } from '../services'

/**
 * In the web mode the client is a browser, maybe on another machine: a path it sends would make
 * the server read its own files. Calls that take one are refused there; the UI uploads instead.
 */
export function refuseServerPath(s: Services, what: Msg, hint: Msg): void {
  if (s.options.webMode) {
    throw new BerthError('INVALID_INPUT', m('errors.web.noServerPath', { what }), hint)
  }
}
