import { create } from 'zustand'
import type { EngineStatus } from '@shared/contract'
import { api } from '../../lib/api'

interface EngineState {
  status: EngineStatus | undefined
  retrying: boolean
  init(): () => void
  load(): Promise<void>
  retry(): Promise<void>
}

export const useEngine = create<EngineState>((set) => ({
  status: undefined,
  retrying: false,
  init() {
    return api.on('engine.status', (status) => set({ status }))
  },
  async load() {
    try {
      set({ status: await api.call('engine.status') })
    } catch {
      // Only the server being out of reach fails this; the reconnecting badge says so.
    }
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
