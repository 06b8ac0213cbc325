// The registry page's catalog: the stored list at once (marked with its age), then a whole walk
// of the registry in the background that replaces it and says what changed; tag counts for the
// rows on screen, and which repository is open.
import { create } from 'zustand'
import { toBerthError, type BerthError, type CatalogQuirk, type CatalogRefresh, type CredentialInfo, type IncompleteWalk, type RegistryEntry } from '@shared/contract'
import { endpointKey } from '@shared/registryAddress'
import { api } from '../../lib/api'
import { errorText } from '../../lib/i18n'
import { BatchQueue } from './batchQueue'
import { useRepository } from './repositoryStore'

/** With nothing stored, a small first page is on screen at once while the whole walk runs. */
export const FIRST_PAGE_SIZE = 100

export interface CatalogState {
  registryId?: string
  /** host[:port] of the open registry (what sign-in saves credentials for). */
  address?: string
  /** The open registry is Berth's own (deletes can be turned on, garbage collection offered). */
  managed?: boolean
  /** The entry's address, scheme and TLS settings as last listed: a change means another registry. */
  endpoint?: string
  repos: string[]
  /** The list is the whole catalog as of `listedAt` (a complete walk, fresh or stored). */
  done: boolean
  /** A walk of the registry is running. */
  loading: boolean
  /** When the list shown was walked (ms since epoch); from the index until the walk answers. */
  listedAt?: number
  /** The list came from the index and the walk has not answered yet. */
  fromIndex: boolean
  /** The list is short, and why (an error midway, a cap, a timeout…). */
  incomplete?: IncompleteWalk
  /** The walk failed while a stored list is shown: what happened. */
  refreshError?: BerthError
  /** The walk stopped early while a complete stored list is shown: the stored list stays, and why. */
  refreshIncomplete?: IncompleteWalk
  /** How the registry pages, when it is unusual (ignores `n`, no Link, not in name order). */
  quirks: CatalogQuirk[]
  /** What the last walk changed against the stored list. */
  changes?: { added: string[]; removed: string[] }
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
  /** Shows the stored list, then walks the registry again. */
  reload(): void
  /** Stops a running walk (the user left the page). */
  leave(): void
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

  /** The index answers without the network: shown at once. With nothing stored, a first page. */
  const showStored = async (registryId: string, gen: number): Promise<void> => {
    const stored = await api.call('catalog.stored', { registryId }).catch(() => null)
    if (gen !== generation) return
    if (stored) {
      set({ repos: stored.repositories, done: stored.complete, incomplete: stored.incomplete, listedAt: Date.parse(stored.walkedAt), fromIndex: true })
      return
    }
    try {
      const page = await api.call('browse.catalogPage', { registryId, n: FIRST_PAGE_SIZE })
      if (gen === generation && get().repos.length === 0) set({ repos: page.repositories, done: !page.next })
    } catch (e) {
      // No catalog, or sign-in needed: the problem panel says so; no walk follows.
      if (gen === generation) set({ error: toBerthError(e), loading: false })
    }
  }

  /** `started`: the walk, asked for together with the stored list (a refresh of a whole list). */
  const refresh = async (registryId: string, gen: number, started?: Promise<CatalogRefresh>): Promise<void> => {
    if (gen !== generation || get().error) return void started?.catch(() => undefined)
    try {
      const walk: CatalogRefresh = await (started ?? api.call('catalog.refresh', { registryId }))
      if (gen !== generation) return
      // A short walk never replaces a complete stored list (the index keeps it too): it says why.
      if (!walk.complete && get().fromIndex && get().done) return set({ loading: false, refreshIncomplete: walk.incomplete, quirks: walk.quirks })
      set({ repos: walk.repositories, done: walk.complete, incomplete: walk.incomplete, listedAt: Date.parse(walk.walkedAt), fromIndex: false, loading: false, changes: walk.changes, refreshError: undefined, quirks: walk.quirks })
    } catch (e) {
      if (gen !== generation) return
      // A stored list stays on screen, marked with its age and why it could not be refreshed.
      if (get().fromIndex) set({ loading: false, refreshError: toBerthError(e) })
      else set({ loading: false, error: toBerthError(e) })
    }
  }

  return {
    repos: [],
    fromIndex: false,
    done: false,
    loading: false,
    filter: '',
    counts: {},
    opened: [],
    quirks: [],
    hideEmpty: false,

    open(registryId, entry) {
      const endpoint = entry && endpointKey(entry)
      const s = get()
      if (s.registryId === registryId) {
        // An edited entry (address, scheme, TLS) means another registry: list it again.
        const moved = endpoint !== undefined && s.endpoint !== undefined && endpoint !== s.endpoint
        set({ address: entry?.address ?? s.address, endpoint: endpoint ?? s.endpoint, managed: entry ? entry.managed === 'local' : s.managed })
        if (moved) {
          set({ done: false })
          get().reload()
        }
        return
      }
      // Another registry: the walk of the one left is no longer wanted.
      if (s.registryId && s.loading) void api.call('catalog.cancel', { registryId: s.registryId }).catch(() => undefined)
      set({ registryId, address: entry?.address, managed: entry?.managed === 'local', endpoint, done: false, filter: '', repository: undefined, initialTag: undefined, opened: [] })
      get().reload()
    },

    reload() {
      const { registryId } = get()
      if (!registryId) return
      const gen = ++generation
      counts = countQueue(registryId, generation)
      // The list on screen is this registry's whole catalog, so the index holds it: the walk starts
      // now, beside the stored list's read, instead of after it (Refresh on a registry shown whole).
      // Otherwise the stored read decides first (nothing stored: a first page, no catalog: no walk).
      const { done, error } = get()
      const started = done && !error ? api.call('catalog.refresh', { registryId }) : undefined
      set({ repos: [], done: false, loading: true, error: undefined, counts: {}, listedAt: undefined, fromIndex: false, incomplete: undefined, refreshError: undefined, refreshIncomplete: undefined, quirks: [], changes: undefined })
      void showStored(registryId, gen).then(() => refresh(registryId, gen, started))
    },

    leave() {
      const { registryId, loading } = get()
      generation++
      if (registryId && loading) void api.call('catalog.cancel', { registryId }).catch(() => undefined)
      set({ registryId: undefined, loading: false })
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
