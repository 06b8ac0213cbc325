import type { CopyResults, Handlers } from '@shared/contract'
import type { Services } from '../services'

export function copyHandlers(s: Services): Pick<Handlers, keyof CopyResults> {
  return {
    'transfers.copy': (input) => s.transfers.copy(input)
  }
}
