// The Docker Hub cache card's store: the cache's status (events and call answers, newest rev
// wins), and start / stop / remove. The upstream password goes to main and is never read back.
import { create } from 'zustand'
import { toBerthError, type ApiErrorData, type HubCacheStartInput, type HubCacheStatus } from '@shared/contract'
import { api } from '../../lib/api'
import { statusFollower } from './followStatus'

interface HubCacheState {
  status: HubCacheStatus | undefined
  busy: 'start' | 'stop' | 'remove' | undefined
  /** Why the last action failed (shown on the card, with its hint). */
  problem: ApiErrorData | undefined
  init(): () => void
  refresh(): Promise<void>
  start(input: HubCacheStartInput): Promise<boolean>
  stop(): Promise<void>
  remove(withData: boolean): Promise<void>
}

export const useHubCache = create<HubCacheState>((set, get) => {
  const { keep, init, refresh } = statusFollower('hubCache.status', () => api.call('hubCache.status', undefined), () => get().status, (status) => set({ status }))

  async function act(busy: NonNullable<HubCacheState['busy']>, fn: () => Promise<HubCacheStatus>): Promise<boolean> {
    set({ busy, problem: undefined })
    try {
      keep(await fn())
      return true
    } catch (e) {
      set({ problem: toBerthError(e).toData() })
      return false
    } finally {
      set({ busy: undefined })
    }
  }

  return {
    status: undefined,
    busy: undefined,
    problem: undefined,

    init,
    refresh,

    start: (input) => act('start', () => api.call('hubCache.start', input)),
    stop: async () => void (await act('stop', () => api.call('hubCache.stop', undefined))),
    remove: async (withData) => void (await act('remove', () => api.call('hubCache.remove', { withData })))
  }
})
