import { create } from 'zustand'
import type { EngineStatus } from '@shared/contract'
import { api } from '../../lib/api'

interface EngineState {
  status: EngineStatus | undefined
  retrying: boolean
  init(): () => void
  retry(): Promise<void>
}

export const useEngine = create<EngineState>((set) => ({
  status: undefined,
  retrying: false,
  init() {
    const off = api.on('engine.status', (status) => set({ status }))
    void api.call('engine.status').then((status) => set({ status }))
    return off
  },
  async retry() {
    set({ retrying: true })
    try {
      set({ status: await api.call('engine.reconnect') })
    } finally {
      set({ retrying: false })
    }
  }
}))
