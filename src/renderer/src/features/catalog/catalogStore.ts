// The registry page's catalog: repositories loaded page by page (lazily, as the list is
// scrolled or filtered), tag counts for the rows on screen, and which repository is open.
import { create } from 'zustand'
import type { BerthError, RegistryEntry } from '@shared/contract'
import { api } from '../../lib/api'
import { BatchQueue } from './batchQueue'
import { asBerthError } from './errors'

/** Small first page: on screen at once. Then registry:2's largest page. */
export const FIRST_PAGE_SIZE = 100
export const PAGE_SIZE = 1000

export interface CatalogState {
  registryId?: string
  entry?: RegistryEntry
  entryError?: BerthError
  repos: string[]
  next?: { n: number; last: string }
  /** Every page is loaded. */
  done: boolean
  loading: boolean
  /** The catalog could not be read (CATALOG_UNSUPPORTED, AUTH_REQUIRED, …). */
  error?: BerthError
  filter: string
  /** Tag count per repository, or the reason it could not be read. */
  counts: Record<string, number | string>
  /** The repository shown instead of the catalog. */
  repository?: string
  /** Preselect this tag when the repository opens (a pasted reference). */
  initialTag?: string
  /** Repositories opened by name here (the only list a registry without catalog has). */
  opened: string[]

  open(registryId: string): void
  reload(): void
  loadMore(): Promise<void>
  /** Loads page after page until the catalog is complete (or fails, or another registry opens). */
  loadAll(): Promise<void>
  setFilter(text: string): void
  wantCounts(repositories: string[]): void
  openRepository(repository: string | undefined, tag?: string): void
}

let generation = 0
let seen = new Set<string>()
let counts: BatchQueue | undefined

export const useCatalog = create<CatalogState>((set, get) => {
  const countQueue = (registryId: string, gen: number): BatchQueue =>
    new BatchQueue(
      async (repositories) => {
        try {
          const r = await api.call('browse.tagCounts', { registryId, repositories })
          if (gen !== generation) return
          set({ counts: { ...get().counts, ...r.counts, ...r.errors } })
        } catch (e) {
          if (gen !== generation) return
          const why = asBerthError(e).message
          set({ counts: { ...get().counts, ...Object.fromEntries(repositories.map((r) => [r, why])) } })
        }
      },
      25,
      2
    )

  return {
    repos: [],
    done: false,
    loading: false,
    filter: '',
    counts: {},
    opened: [],

    open(registryId) {
      if (get().registryId === registryId) return
      generation++
      seen = new Set()
      counts = countQueue(registryId, generation)
      set({ registryId, entry: undefined, entryError: undefined, repos: [], next: undefined, done: false, loading: false, error: undefined, filter: '', counts: {}, repository: undefined, initialTag: undefined, opened: [] })
      const gen = generation
      api.call('registries.get', { id: registryId }).then(
        (entry) => gen === generation && set({ entry }),
        (e: unknown) => gen === generation && set({ entryError: asBerthError(e) })
      )
      void get().loadMore()
    },

    reload() {
      const { registryId } = get()
      if (!registryId) return
      generation++
      seen = new Set()
      counts = countQueue(registryId, generation)
      set({ repos: [], next: undefined, done: false, loading: false, error: undefined, counts: {} })
      const gen = generation
      api.call('registries.get', { id: registryId }).then(
        (entry) => gen === generation && set({ entry, entryError: undefined }),
        (e: unknown) => gen === generation && set({ entryError: asBerthError(e) })
      )
      void get().loadMore()
    },

    async loadMore() {
      const s = get()
      if (!s.registryId || s.loading || s.done || s.error) return
      const gen = generation
      set({ loading: true })
      try {
        const page = await api.call('browse.catalogPage', { registryId: s.registryId, n: s.repos.length === 0 ? FIRST_PAGE_SIZE : PAGE_SIZE, last: s.next?.last })
        if (gen !== generation) return
        // Some registries repeat the boundary entry of a page.
        const fresh = page.repositories.filter((r) => !seen.has(r))
        for (const r of fresh) seen.add(r)
        set({ repos: fresh.length ? get().repos.concat(fresh) : get().repos, next: page.next, done: !page.next, loading: false })
      } catch (e) {
        if (gen === generation) set({ loading: false, error: asBerthError(e) })
      }
    },

    async loadAll() {
      const gen = generation
      while (gen === generation && !get().done && !get().error) {
        if (get().loading) await new Promise((r) => setTimeout(r, 30))
        else await get().loadMore()
      }
    },

    setFilter: (filter) => set({ filter }),

    wantCounts(repositories) {
      counts?.want(repositories)
    },

    openRepository(repository, tag) {
      if (!repository) return set({ repository: undefined, initialTag: undefined })
      const opened = get().opened.includes(repository) ? get().opened : [repository, ...get().opened].slice(0, 50)
      set({ repository, initialTag: tag, opened })
    }
  }
})
