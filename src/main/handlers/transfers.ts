import { BerthError, type Handlers, type TransferResults } from '@shared/contract'
import type { Services } from '../services'

export function transferHandlers(s: Services): Pick<Handlers, keyof TransferResults> {
  return {
    'transfers.list': async () => s.transfers.list(),
    'transfers.push': async ({ source, target }) => s.transfers.push({ source, target }),
    'transfers.preflight': ({ target }) => s.transfers.preflight(target),
    'transfers.pull': async ({ reference }) => s.transfers.pull({ reference }),
    'transfers.load': async ({ path }) => {
      // A browser client must not make the server read arbitrary local files: it uploads instead.
      if (s.options.webMode) throw new BerthError('INVALID_INPUT', 'In the web mode, archives are uploaded, not read by path.', 'Drop the file onto the window.')
      return s.transfers.load({ path })
    },
    'transfers.cancel': async ({ id }) => s.transfers.cancel(id),
    'transfers.retry': async ({ id }) => s.transfers.retry(id),
    'transfers.dismiss': async ({ id }) => ({ removed: s.transfers.dismiss(id) })
  }
}
