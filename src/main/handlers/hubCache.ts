import type { Handlers, HubCacheResults } from '@shared/contract'
import type { Services } from '../services'

export function hubCacheHandlers(s: Services): Pick<Handlers, keyof HubCacheResults> {
  return {
    'hubCache.status': () => s.hubCache.status(),
    'hubCache.start': (args) => s.hubCache.start(args ?? {}),
    'hubCache.stop': () => s.hubCache.stop(),
    'hubCache.remove': ({ withData }) => s.hubCache.remove(withData)
  }
}
