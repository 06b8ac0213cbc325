import { create } from 'zustand'
import type { EngineSelection, EngineStatus } from '@shared/contract'
import { api } from '../../lib/api'
import { toastError } from '../../app/toasts'

interface EngineState {
  status: EngineStatus | undefined
  retrying: boolean
  /** The picker's list, while it is open (undefined while loading). */
  selection: EngineSelection | undefined
  pickerOpen: boolean
  switching: string | undefined
  init(): () => void
  load(): Promise<void>
  retry(): Promise<void>
  openPicker(): Promise<void>
  closePicker(): void
  /** Switch to this endpoint (null: let Berth pick); images and the local registry follow. */
  use(endpoint: string | null): Promise<void>
}

export const useEngine = create<EngineState>((set, get) => ({
  status: undefined,
  retrying: false,
  selection: undefined,
  pickerOpen: false,
  switching: undefined,
  async openPicker() {
    set({ pickerOpen: true, selection: undefined })
    try {
      set({ selection: await api.call('engine.list') })
    } catch (e) {
      toastError(e)
      set({ pickerOpen: false })
    }
  },
  closePicker() {
    set({ pickerOpen: false })
  },
  async use(endpoint) {
    set({ switching: endpoint ?? 'automatic' })
    try {
      set({ status: await api.call('engine.use', { endpoint }), pickerOpen: false })
    } catch (e) {
      toastError(e)
    } finally {
      set({ switching: undefined })
    }
    if (get().pickerOpen) await get().openPicker()
  },
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
