import type { Handlers, LocalRegistryResults } from '@shared/contract'
import { m } from '@shared/i18n/message'
import type { Services } from '../services'
import { refuseServerPath } from './serverPaths'

export function localRegistryHandlers(s: Services): Pick<Handlers, keyof LocalRegistryResults> {
  const r = s.localRegistry
  return {
    'localRegistry.status': () => r.status(),
    'localRegistry.start': (args) => r.start(args ?? {}),
    'localRegistry.stop': () => r.stop(),
    'localRegistry.restart': () => r.restart(),
    'localRegistry.setPort': ({ port }) => r.setPort(port),
    'localRegistry.setShared': ({ shared, confirmOpen }) => r.setShared(shared, confirmOpen),
    'localRegistry.setAuth': (change) => r.setAuth(change),
    'localRegistry.removeContainer': () => r.removeContainer(),
    'localRegistry.removeAll': ({ confirmVolume }) => r.removeAll(confirmVolume),
    'localRegistry.garbageCollect': (args) => r.garbageCollect(args ?? {}),
    'localRegistry.enableDeletes': () => r.enableDeletes(),
    'localRegistry.gcDryRun': (args) => r.gcDryRun(args ?? {}),
    'localRegistry.emptyRepositories': () => r.emptyRepositories(),
    'localRegistry.removeEmptyRepositories': ({ repositories }) => r.removeEmptyRepositories(repositories),
    'localRegistry.loadImage': async ({ path }) => {
      refuseServerPath(s, m('what.web.registryImage'), m('hints.web.chooseTar'))
      return r.loadImageFromPath(path)
    }
  }
}
