// Where the space goes (one repository, or the whole registry with progress and cancel) and
// comparing two tags. Each view asks for its figures when opened; nothing is measured unasked.
import { create } from 'zustand'
import { toBerthError, type BerthError, type GcDryRunResult, type RegistrySpace, type RepositorySpace, type TagComparison } from '@shared/contract'
import { api } from '../../lib/api'

export type SpaceSort = 'size' | 'unique' | 'name'

export interface SpaceState {
  /** Which view is open. */
  open?: 'repository' | 'registry' | 'compare'
  sort: SpaceSort
  loading: boolean
  error?: BerthError
  repository?: RepositorySpace
  registry?: RegistrySpace
  progress?: { done: number; total: number }
  jobId?: string
  comparison?: TagComparison
  /**
   * Berth's own registry: the disk its volume really uses and what garbage collection would free
   * (a dry run, nothing deleted); `checking` until it answers.
   */
  disk?: { checking: boolean; dryRun?: GcDryRunResult; error?: BerthError }

  showRepository(registryId: string, repository: string): Promise<void>
  /** `managed`: Berth's own registry, which also gets its volume's figures. */
  showRegistry(registryId: string, managed?: boolean): Promise<void>
  cancel(): Promise<void>
  compare(registryId: string, repository: string, a: string, b: string): Promise<void>
  sortBy(sort: SpaceSort): void
  close(): void
}

let request = 0

export const useSpace = create<SpaceState>((set, get) => {
  /** Runs one measurement; a newer one (or closing) makes an older answer moot. */
  async function run<T>(open: SpaceState['open'], fn: () => Promise<T>, done: (r: T) => Partial<SpaceState>): Promise<void> {
    const id = ++request
    set({ open, loading: true, error: undefined, repository: undefined, registry: undefined, comparison: undefined, progress: undefined, ...(open === 'registry' ? {} : { disk: undefined, jobId: undefined }) })
    try {
      const r = await fn()
      if (id === request) set({ loading: false, ...done(r) })
    } catch (e) {
      if (id === request) set({ loading: false, error: toBerthError(e) })
    }
  }

  return {
    sort: 'size',
    loading: false,

    showRepository: (registryId, repository) => run('repository', () => api.call('space.repository', { registryId, repository }), (repository) => ({ repository })),

    async showRegistry(registryId, managed) {
      const jobId = `space-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
      set({ jobId, disk: managed ? { checking: true } : undefined })
      if (managed) {
        api.call('localRegistry.gcDryRun', {}).then(
          (dryRun) => get().jobId === jobId && set({ disk: { checking: false, dryRun } }),
          (e: unknown) => get().jobId === jobId && set({ disk: { checking: false, error: toBerthError(e) } })
        )
      }
      const off = api.on('space.progress', (p) => {
        if (p.jobId === get().jobId) set({ progress: { done: p.done, total: p.total } })
      })
      try {
        // The job id stays until the dialog closes: the dry run's answer may come after the measurement's.
        await run('registry', () => api.call('space.registry', { registryId, jobId }), (registry) => ({ registry }))
      } finally {
        off()
      }
    },

    async cancel() {
      const { jobId, loading, open } = get()
      if (jobId && loading && open === 'registry') await api.call('space.cancel', { jobId }).catch(() => undefined)
    },

    compare: (registryId, repository, a, b) => run('compare', () => api.call('space.compare', { registryId, repository, a, b }), (comparison) => ({ comparison })),

    sortBy: (sort) => set({ sort }),

    close() {
      void get().cancel()
      request++
      set({ open: undefined, loading: false, error: undefined, repository: undefined, registry: undefined, comparison: undefined, progress: undefined, jobId: undefined, disk: undefined })
    }
  }
})

/** Rows by the chosen key, biggest first (names: alphabetical). */
export function sortBySpace<T extends { size?: number; stored?: number; unique: number }>(rows: T[], sort: SpaceSort, name: (r: T) => string): T[] {
  const size = (r: T): number => r.size ?? r.stored ?? 0
  return [...rows].sort((a, b) => (sort === 'name' ? name(a).localeCompare(name(b)) : sort === 'unique' ? b.unique - a.unique : size(b) - size(a)) || name(a).localeCompare(name(b)))
}
