// "Remove empty repositories" for Berth's own registry: the list first (the registry keeps
// running), one confirmation, then the removal with the registry stopped for a moment.
import { create } from 'zustand'
import { toBerthError, type BerthError, type EmptyRepositoriesResult, type RemoveEmptyRepositoriesResult } from '@shared/contract'
import { api } from '../../lib/api'
import { toastSuccess } from '../../app/toasts'
import { i18n } from '../../lib/i18n'

export type EmptyReposStep = 'checking' | 'confirm' | 'removing' | 'done' | 'failed'

export interface EmptyReposState {
  step?: EmptyReposStep
  check?: EmptyRepositoriesResult
  result?: RemoveEmptyRepositoriesResult
  error?: BerthError
  /** Looks for empty repositories and asks; resolves when the dialog closes, with how many went. */
  open(): Promise<number>
  remove(): Promise<void>
  close(): void
}

let closed: ((removed: number) => void) | undefined
let request = 0

export const useEmptyRepos = create<EmptyReposState>((set, get) => ({
  open() {
    const id = ++request
    closed?.(0)
    set({ step: 'checking', check: undefined, result: undefined, error: undefined })
    const done = new Promise<number>((resolve) => (closed = resolve))
    api.call('localRegistry.emptyRepositories').then(
      (check) => id === request && set({ step: 'confirm', check }),
      (e: unknown) => id === request && set({ step: 'failed', error: toBerthError(e) })
    )
    return done
  },

  async remove() {
    const repositories = get().check?.repositories ?? []
    if (repositories.length === 0) return
    const id = ++request
    set({ step: 'removing' })
    try {
      const result = await api.call('localRegistry.removeEmptyRepositories', { repositories })
      if (id !== request) return
      set({ step: 'done', result })
      if (result.removed.length > 0) toastSuccess(i18n.t('emptyRepos.removedToast', { count: result.removed.length }))
    } catch (e) {
      if (id === request) set({ step: 'failed', error: toBerthError(e) })
    }
  },

  close() {
    request++
    const removed = get().result?.removed.length ?? 0
    set({ step: undefined, check: undefined, result: undefined, error: undefined })
    closed?.(removed)
    closed = undefined
  }
}))
