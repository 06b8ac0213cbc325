// Search across tags in the open registry: tag lists are read into main's index in the
// background (progress and cancel here), and queries run over that index.
import { create } from 'zustand'
import { toErrorData, type ApiErrorData, type TagIndexProgress, type TagSearchResult } from '@shared/contract'
import { api } from '../../lib/api'

export interface TagSearchState {
  registryId?: string
  query: string
  progress?: TagIndexProgress
  result?: TagSearchResult
  searching: boolean
  error?: ApiErrorData
  /** The panel opened for a registry: follow its indexing, and start it when lists are missing. */
  show(registryId: string): void
  hide(): void
  setQuery(query: string): void
  search(): Promise<void>
  startIndex(): Promise<void>
  cancelIndex(): Promise<void>
}

let off: (() => void) | undefined

/** Keeps the newest progress of the open registry: an event may overtake a call's answer. */
const newer = (current: TagIndexProgress | undefined, p: TagIndexProgress, registryId: string | undefined): boolean =>
  p.registryId === registryId && (!current || current.registryId !== p.registryId || p.rev > current.rev)

export const useTagSearch = create<TagSearchState>((set, get) => ({
  query: '',
  searching: false,

  show(registryId) {
    off?.()
    set({ registryId, progress: undefined, result: undefined, error: undefined })
    off = api.on('catalog.tagIndex', (p) => {
      if (!newer(get().progress, p, get().registryId)) return
      set({ progress: p })
      // Finished: the answer may have grown.
      if (!p.running && get().result) void get().search()
    })
    void api
      .call('catalog.tagIndexStatus', { registryId })
      .then((progress) => {
        if (!newer(get().progress, progress, get().registryId)) return
        set({ progress })
        if (!progress.running && !progress.cancelled && progress.done < progress.total) void get().startIndex()
      })
      .catch((e: unknown) => set({ error: toErrorData(e) }))
  },

  hide() {
    off?.()
    off = undefined
    set({ registryId: undefined })
  },

  setQuery: (query) => set({ query }),

  async search() {
    const { registryId, query } = get()
    if (!registryId || !query.trim()) return
    set({ searching: true, error: undefined })
    try {
      const result = await api.call('catalog.searchTags', { registryId, query })
      if (get().registryId === registryId) set({ result, searching: false })
    } catch (e) {
      set({ searching: false, error: toErrorData(e) })
    }
  },

  async startIndex() {
    const { registryId } = get()
    if (!registryId) return
    try {
      const progress = await api.call('catalog.indexTags', { registryId })
      if (newer(get().progress, progress, get().registryId)) set({ progress })
      set({ error: undefined })
    } catch (e) {
      set({ error: toErrorData(e) })
    }
  },

  async cancelIndex() {
    const { registryId } = get()
    if (!registryId) return
    const progress = await api.call('catalog.cancelTags', { registryId })
    if (newer(get().progress, progress, get().registryId)) set({ progress })
  }
}))
