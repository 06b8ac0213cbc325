// The registry page's catalog: repositories loaded page by page (lazily, as the list is
// scrolled or filtered), tag counts for the rows on screen, and which repository is open.
import { create } from 'zustand'
import { toBerthError, type BerthError, type CredentialInfo, type RegistryEntry } from '@shared/contract'
import { endpointKey } from '@shared/registryAddress'
import { api } from '../../lib/api'
import { errorText } from '../../lib/i18n'
import { BatchQueue } from './batchQueue'
import { useRepository } from './repositoryStore'

/** Small first page: on screen at once. Then registry:2's largest page. */
export const FIRST_PAGE_SIZE = 100
export const PAGE_SIZE = 1000

export interface CatalogState {
  registryId?: string
  /** host[:port] of the open registry (what sign-in saves credentials for). */
  address?: string
  /** The open registry is Berth's own (deletes can be turned on, garbage collection offered). */
  managed?: boolean
  /** The entry's address, scheme and TLS settings as last listed: a change means another registry. */
  endpoint?: string
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
  /** Leave out repositories known to have no tags (registry:2 keeps listing them). */
  hideEmpty: boolean

  /** Shows this registry (the entry comes from the registries store, by way of App). */
  open(registryId: string, entry: RegistryEntry | undefined): void
  reload(): void
  loadMore(): Promise<void>
  /** Loads page after page until the catalog is complete (or fails, or another registry opens). */
  loadAll(): Promise<void>
  setFilter(text: string): void
  wantCounts(repositories: string[]): void
  openRepository(repository: string | undefined, tag?: string): void
  /** Opens a repository by name (how registries without a catalog are browsed). */
  openByName(name: string): Promise<void>
  /** A repository's tag count changed (a tag was deleted). */
  setCount(repository: string, count: number): void
  /** Who Berth signs in to the open registry as, and how it would keep a new password. */
  credentialStatus(): Promise<CredentialInfo | undefined>
  /** Saves credentials for the open registry in main (the password never comes back). */
  signIn(username: string, password: string): Promise<void>
  setHideEmpty(hide: boolean): void
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
          const why = errorText(toBerthError(e))
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
    hideEmpty: false,

    open(registryId, entry) {
      const endpoint = entry && endpointKey(entry)
      const s = get()
      if (s.registryId === registryId) {
        // An edited entry (address, scheme, TLS) means another registry: list it again.
        const moved = endpoint !== undefined && s.endpoint !== undefined && endpoint !== s.endpoint
        set({ address: entry?.address ?? s.address, endpoint: endpoint ?? s.endpoint, managed: entry ? entry.managed === 'local' : s.managed })
        if (moved) get().reload()
        return
      }
      set({ registryId, address: entry?.address, managed: entry?.managed === 'local', endpoint, filter: '', repository: undefined, initialTag: undefined, opened: [] })
      get().reload()
    },

    reload() {
      const { registryId } = get()
      if (!registryId) return
      generation++
      seen = new Set()
      counts = countQueue(registryId, generation)
      set({ repos: [], next: undefined, done: false, loading: false, error: undefined, counts: {} })
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
        if (gen === generation) set({ loading: false, error: toBerthError(e) })
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

    setHideEmpty: (hideEmpty) => set({ hideEmpty }),

    wantCounts(repositories) {
      counts?.want(repositories)
    },

    openRepository(repository, tag) {
      if (!repository) return set({ repository: undefined, initialTag: undefined })
      const opened = get().opened.includes(repository) ? get().opened : [repository, ...get().opened].slice(0, 50)
      set({ repository, initialTag: tag, opened })
    },

    async openByName(name) {
      const { registryId } = get()
      if (!registryId) return
      const result = await api.call('browse.openRepository', { registryId, repository: name })
      useRepository.getState().show(registryId, result)
      get().openRepository(result.repository, result.tag)
    },

    setCount: (repository, count) => set({ counts: { ...get().counts, [repository]: count } }),

    async credentialStatus() {
      const { address } = get()
      return address ? api.call('credentials.status', { registry: address }).catch(() => undefined) : undefined
    },

    async signIn(username, password) {
      const { address } = get()
      if (address) await api.call('credentials.set', { registry: address, username, password })
    }
  }
})
