import { create } from 'zustand'
import { errorCode, toBerthError, type ImageDetails, type ImageSummary } from '@shared/contract'
import { api } from '../../lib/api'
import { toastError, toastSuccess } from '../../app/toasts'
import { errorText, i18n } from '../../lib/i18n'
import { formatBytes } from '../../lib/format'
import type { ImageRow, RowFilter, Sort, SortKey } from './imageRows'
import { emptySelection, nextSelection, type ClickModifiers, type Selection } from './selection'

interface ImagesState {
  images: ImageSummary[]
  loaded: boolean
  filter: RowFilter
  sort: Sort
  selectedId: string | undefined
  /** Kept here, not in the page, so the selection survives switching pages. */
  selection: Selection
  details: ImageDetails | undefined
  detailsError: string | undefined
  load(): Promise<void>
  init(): () => void
  setText(text: string): void
  toggle(key: 'showDangling' | 'onlyInUse'): void
  sortBy(key: SortKey): void
  select(id: string | undefined): Promise<void>
  /** A click on a row (with its modifiers) among the rows currently visible. */
  selectRow(row: ImageRow, visible: ImageRow[], mods?: ClickModifiers): void
  tag(source: string, target: string): Promise<boolean>
  remove(id: string, force?: boolean): Promise<void>
  untag(reference: string, allowDelete?: boolean): Promise<void>
  prune(): Promise<void>
}

export const useImages = create<ImagesState>((set, get) => ({
  images: [],
  loaded: false,
  filter: { text: '', showDangling: true, onlyInUse: false },
  sort: { key: 'created', dir: 'desc' },
  selectedId: undefined,
  selection: emptySelection,
  details: undefined,
  detailsError: undefined,

  async load() {
    try {
      const images = await api.call('images.list')
      set({ images, loaded: true })
      const { selectedId } = get()
      if (selectedId) {
        if (images.some((i) => i.id === selectedId)) void get().select(selectedId)
        else set({ selectedId: undefined, details: undefined, selection: emptySelection })
      }
    } catch (e) {
      // The engine-down screen speaks for itself; anything else deserves a toast.
      if (errorCode(e) !== 'ENGINE_UNREACHABLE') toastError(e)
    }
  },

  init() {
    const offChanged = api.on('images.changed', () => void get().load())
    const offEngine = api.on('engine.status', (s) => s.state === 'connected' && void get().load())
    return () => {
      offChanged()
      offEngine()
    }
  },

  setText: (text) => set({ filter: { ...get().filter, text } }),
  toggle: (key) => set({ filter: { ...get().filter, [key]: !get().filter[key] } }),
  sortBy(key) {
    const { sort } = get()
    set({ sort: { key, dir: sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc' } })
  },

  selectRow(row, visible, mods) {
    set({ selection: nextSelection(get().selection, row, visible, mods) })
    void get().select(row.id)
  },

  async select(id) {
    set({ selectedId: id, detailsError: undefined, ...(id !== get().selectedId ? { details: undefined } : {}) })
    if (!id) return
    try {
      const details = await api.call('images.inspect', { id })
      if (get().selectedId === id) set({ details })
    } catch (e) {
      if (get().selectedId === id) set({ detailsError: errorText(toBerthError(e)) })
    }
  },

  async tag(source, target) {
    try {
      const { reference } = await api.call('images.tag', { source, target })
      toastSuccess(i18n.t('toast.tagged', { reference }))
      await get().load()
      return true
    } catch (e) {
      toastError(e)
      return false
    }
  },

  async remove(id, force) {
    const r = await api.call('images.remove', { id, force })
    toastSuccess(i18n.t('toast.removedImage', { tags: i18n.t('toast.nTags', { count: r.untagged.length }), layers: i18n.t('toast.nLayers', { count: r.deleted.length }) }))
    set({ selectedId: undefined, details: undefined, selection: emptySelection })
    await get().load()
  },

  async untag(reference, allowDelete) {
    await api.call('images.untag', { reference, allowDelete })
    toastSuccess(i18n.t('toast.removedTag', { reference }))
    await get().load()
  },

  async prune() {
    try {
      const r = await api.call('images.prune')
      toastSuccess(i18n.t('toast.pruned', { count: r.deleted, size: formatBytes(r.spaceReclaimed) }))
      await get().load()
    } catch (e) {
      toastError(e)
    }
  }
}))
