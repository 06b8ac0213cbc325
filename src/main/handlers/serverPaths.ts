import { BerthError } from '@shared/contract'
import type { Services } from '../services'

/**
 * In the web mode the client is a browser, maybe on another machine: a path it sends would make
 * the server read its own files. Calls that take one are refused there; the UI uploads instead.
 */
export function refuseServerPath(s: Services, what: string, hint: string): void {
  if (s.options.webMode) {
    throw new BerthError('INVALID_INPUT', `In the web mode Berth does not read ${what} from a path on the server: upload the file instead.`, hint)
  }
}
