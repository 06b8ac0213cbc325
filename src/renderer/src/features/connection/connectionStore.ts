import { create } from 'zustand'
import { api, type ConnectionState } from '../../lib/api'

interface ConnectionStoreState {
  /** Whether the live feed from the backend is up (always 'live' in the desktop app). */
  state: ConnectionState
  init(): () => void
}

export const useConnection = create<ConnectionStoreState>((set) => ({
  state: 'connecting',
  init: () => api.onConnection((state) => set({ state }))
}))
