// Sync sets in the renderer: the saved list (kept current by main's event), the set being
// edited, and the last plan per set. Plans and runs happen in main.
import { create } from 'zustand'
import { toErrorData, type ApiErrorData, type SyncPlan, type SyncSet, type SyncSetInput, type TransferSnapshot } from '@shared/contract'
import { api } from '../../lib/api'

interface SyncState {
  sets: SyncSet[]
  /** The set in the editor: an existing one, or a new one (id undefined). */
  editing?: Partial<SyncSet>
  plans: Record<string, SyncPlan>
  planning: Record<string, boolean>
  error?: ApiErrorData
  init(): () => void
  load(): Promise<void>
  edit(set: Partial<SyncSet> | undefined): void
  save(input: SyncSetInput): Promise<boolean>
  remove(id: string): Promise<void>
  plan(id: string): Promise<void>
  /** Starts a run; its first snapshot, or undefined (the error is shown on the page). */
  run(id: string): Promise<TransferSnapshot | undefined>
}

export const useSync = create<SyncState>((set, get) => ({
  sets: [],
  plans: {},
  planning: {},

  init() {
    const off = api.on('sync.changed', (sets) => set({ sets }))
    void get().load()
    return off
  },

  async load() {
    try {
      set({ sets: await api.call('sync.list') })
    } catch (e) {
      set({ error: toErrorData(e) })
    }
  },

  edit: (editing) => set({ editing, error: undefined }),

  async save(input) {
    try {
      const saved = await api.call('sync.save', input)
      set({ sets: [...get().sets.filter((s) => s.id !== saved.id), saved], editing: undefined, error: undefined })
      return true
    } catch (e) {
      set({ error: toErrorData(e) })
      return false
    }
  },

  async remove(id) {
    try {
      await api.call('sync.remove', { id })
      set({ sets: get().sets.filter((s) => s.id !== id), error: undefined })
    } catch (e) {
      set({ error: toErrorData(e) })
    }
  },

  async plan(id) {
    set({ planning: { ...get().planning, [id]: true }, error: undefined })
    try {
      const plan = await api.call('sync.plan', { id })
      set({ plans: { ...get().plans, [id]: plan } })
    } catch (e) {
      set({ error: toErrorData(e) })
    } finally {
      set({ planning: { ...get().planning, [id]: false } })
    }
  },

  async run(id) {
    try {
      const first = await api.call('sync.run', { id })
      // The plan is stale once a run starts.
      const { [id]: _stale, ...plans } = get().plans
      set({ plans, error: undefined })
      return first
    } catch (e) {
      set({ error: toErrorData(e) })
      return undefined
    }
  }
}))
