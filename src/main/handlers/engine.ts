import type { EngineResults, Handlers } from '@shared/contract'
import type { Services } from '../services'

export function engineHandlers(s: Services): Pick<Handlers, keyof EngineResults> {
  return {
    'engine.status': async () => {
      const current = s.engine.current()
      // Before the first probe finished there is nothing to report yet: wait for it.
      return current.checkedAt === 0 ? s.engine.check() : current
    },
    'engine.reconnect': () => s.engine.check(),
    'engine.list': async () => ({ choices: await s.engine.list(), ...(s.engine.choice ? { chosen: s.engine.choice } : {}) }),
    'engine.use': ({ endpoint }) => s.useEngine(endpoint ?? undefined)
  }
}
