// One repository of the registry page: its tags, their rows' details (fetched lazily for the
// rows on screen, or all of them when sorting by date), and the selected tag's full details.
import { create } from 'zustand'
import { toBerthError, type BerthError, type RepositoryTags, type TagSummary } from '@shared/contract'
import type { TagDetails } from '@shared/contract/registryTypes'
import { compareTags } from '@shared/tagOrder'
import { api } from '../../lib/api'
import { errorText } from '../../lib/i18n'
import { BatchQueue } from './batchQueue'

export type TagSortKey = 'name' | 'created'
export interface TagSort {
  key: TagSortKey
  dir: 'asc' | 'desc'
}

export interface RepositoryState {
  registryId?: string
  repository?: string
  tags: string[]
  loading: boolean
  error?: BerthError
  summaries: Record<string, TagSummary>
  sort: TagSort
  filter: string
  selected?: string
  details?: TagDetails
  detailsError?: BerthError
  detailsLoading: boolean
  /** Tags ticked for a multi-tag action: delete, compare (two) and "Copy N tags to…" share it. */
  checked: string[]

  /** Shows a repository whose tags were just fetched (opened by name). */
  show(registryId: string, result: RepositoryTags): void
  open(registryId: string, repository: string, tag?: string): void
  refresh(): Promise<void>
  wantSummaries(tags: string[]): void
  sortBy(key: TagSortKey): void
  setFilter(text: string): void
  select(tag: string | undefined, platform?: string): Promise<void>
  toggleChecked(tag: string): void
  setChecked(tags: string[]): void
  uncheck(tags: string[]): void
}

let generation = 0
let detailsRequest = 0
let queue: BatchQueue | undefined

export const useRepository = create<RepositoryState>((set, get) => {
  const newQueue = (registryId: string, repository: string, gen: number): BatchQueue =>
    new BatchQueue(
      async (tags) => {
        let rows: TagSummary[]
        try {
          rows = await api.call('browse.tagSummaries', { registryId, repository, tags })
        } catch (e) {
          const error = errorText(toBerthError(e))
          rows = tags.map((tag) => ({ tag, digest: '', mediaType: '', isIndex: false, size: 0, platforms: [], error }))
        }
        if (gen !== generation) return
        set({ summaries: { ...get().summaries, ...Object.fromEntries(rows.map((r) => [r.tag, r])) } })
      },
      20,
      2
    )

  const reset = (registryId: string, repository: string): number => {
    generation++
    detailsRequest++
    queue = newQueue(registryId, repository, generation)
    set({ registryId, repository, tags: [], loading: false, error: undefined, summaries: {}, filter: '', selected: undefined, details: undefined, detailsError: undefined, detailsLoading: false, checked: [] })
    return generation
  }

  return {
    tags: [],
    loading: false,
    summaries: {},
    sort: { key: 'name', dir: 'asc' },
    filter: '',
    detailsLoading: false,
    checked: [],

    show(registryId, result) {
      reset(registryId, result.repository)
      set({ tags: result.tags })
      if (result.tag && result.tags.includes(result.tag)) void get().select(result.tag)
    },

    open(registryId, repository, tag) {
      const s = get()
      if (s.registryId === registryId && s.repository === repository && (s.tags.length > 0 || s.loading)) {
        if (tag && tag !== s.selected) void s.select(tag)
        return
      }
      reset(registryId, repository)
      void get()
        .refresh()
        .then(() => {
          if (tag && get().tags.includes(tag)) void get().select(tag)
        })
    },

    async refresh() {
      const { registryId, repository } = get()
      if (!registryId || !repository) return
      const gen = generation
      queue?.forget()
      set({ loading: true, error: undefined, summaries: {} })
      try {
        const { tags } = await api.call('browse.tags', { registryId, repository })
        if (gen !== generation) return
        const selected = get().selected
        set({ tags, loading: false, checked: get().checked.filter((t) => tags.includes(t)), ...(selected && !tags.includes(selected) ? { selected: undefined, details: undefined } : {}) })
      } catch (e) {
        if (gen === generation) set({ loading: false, error: toBerthError(e) })
      }
    },

    wantSummaries(tags) {
      queue?.want(tags)
    },

    sortBy(key) {
      const { sort } = get()
      // Dates read best newest first; names oldest version first.
      set({ sort: sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'created' ? 'desc' : 'asc' } })
    },

    setFilter: (filter) => set({ filter }),

    toggleChecked(tag) {
      const { checked } = get()
      set({ checked: checked.includes(tag) ? checked.filter((t) => t !== tag) : [...checked, tag] })
    },

    setChecked: (checked) => set({ checked }),

    uncheck(tags) {
      set({ checked: get().checked.filter((t) => !tags.includes(t)) })
    },

    async select(tag, platform) {
      const { registryId, repository } = get()
      set({ selected: tag, detailsError: undefined, ...(tag !== get().selected || !tag ? { details: undefined } : {}) })
      if (!tag || !registryId || !repository) return
      const request = ++detailsRequest
      set({ detailsLoading: true })
      try {
        const details = await api.call('browse.tag', { registryId, repository, tag, platform })
        if (request === detailsRequest) set({ details, detailsLoading: false })
      } catch (e) {
        if (request === detailsRequest) set({ detailsError: toBerthError(e), detailsLoading: false })
      }
    }
  }
})

/** Rows in the chosen order; when sorting by date, rows not described yet go last (by name). */
export function sortedTags(tags: string[], summaries: Record<string, TagSummary>, sort: TagSort, filter: string): string[] {
  const f = filter.trim().toLowerCase()
  const rows = f ? tags.filter((t) => t.toLowerCase().includes(f)) : [...tags]
  const dir = sort.dir === 'asc' ? 1 : -1
  if (sort.key === 'name') return rows.sort((a, b) => dir * compareTags(a, b))
  const created = (t: string): number => {
    const c = summaries[t]?.created
    return c ? Date.parse(c) : NaN
  }
  return rows.sort((a, b) => {
    const ca = created(a)
    const cb = created(b)
    if (Number.isNaN(ca) || Number.isNaN(cb)) return Number.isNaN(ca) === Number.isNaN(cb) ? compareTags(a, b) : Number.isNaN(ca) ? 1 : -1
    return dir * (ca - cb) || compareTags(a, b)
  })
}
