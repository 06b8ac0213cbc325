import type { Handlers, SyncResults } from '@shared/contract'
import type { Services } from '../services'

export function syncHandlers(s: Services): Pick<Handlers, keyof SyncResults> {
  return {
    'sync.list': async () => s.sync.list(),
    'sync.save': (input) => s.sync.save(input),
    'sync.remove': ({ id }) => s.sync.remove(id),
    'sync.plan': ({ id }) => s.sync.plan(id),
    'sync.run': ({ id }) => s.sync.run(id)
  }
}
