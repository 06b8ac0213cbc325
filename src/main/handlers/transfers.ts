import type { Handlers, TransferResults } from '@shared/contract'
import { m } from '@shared/i18n/message'
import type { Services } from '../services'
import { refuseServerPath } from './serverPaths'

export function transferHandlers(s: Services): Pick<Handlers, keyof TransferResults> {
  return {
    'transfers.list': async () => s.transfers.list(),
    'transfers.push': async ({ source, target }) => s.transfers.push({ source, target }),
    'transfers.preflight': ({ target }) => s.transfers.preflight(target),
    'transfers.pull': async ({ reference }) => s.transfers.pull({ reference }),
    'transfers.load': async ({ path }) => {
      refuseServerPath(s, m('what.web.archive'), m('hints.transfers.dropFile'))
      return s.transfers.load({ path })
    },
    'transfers.cancel': async ({ id }) => s.transfers.cancel(id),
    'transfers.retry': async ({ id }) => s.transfers.retry(id),
    'transfers.dismiss': async ({ id }) => ({ removed: s.transfers.dismiss(id) })
  }
}
