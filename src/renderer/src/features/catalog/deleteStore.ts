// The delete flow of the registry page: which tags, which other tags share the image (one tag),
// the delete itself with progress (several tags), and what came of it.
import { create } from 'zustand'
import { toBerthError, type BerthError, type DeleteMode, type DeleteTagsResult, type DeleteTarget, type GcDryRunResult } from '@shared/contract'
import { intents } from '../../app/intents'
import { api } from '../../lib/api'
import { toastSuccess } from '../../app/toasts'
import { useCatalog } from './catalogStore'
import { useRepository } from './repositoryStore'
import { i18n } from '../../lib/i18n'

export type DeleteStep = 'checking' | 'confirm' | 'deleting' | 'done' | 'failed'

export interface DeleteState {
  registryId?: string
  repository?: string
  targets: DeleteTarget[]
  step?: DeleteStep
  /** One tag: every tag of the repository on its image (itself included). */
  shared?: string[]
  progress?: { done: number; total: number; tag: string }
  result?: DeleteTagsResult
  error?: BerthError
  /** Berth's registry is checking what GC would free / collecting garbage / re-creating itself with deletes on. */
  working?: 'gc-preview' | 'gc' | 'enabling'
  /** Berth's own registry: what collecting now would free (the dry run every collection starts with). */
  gcPreview?: GcDryRunResult

  /** Opens the confirmation for these tags (one tag: looks up the tags sharing its image). */
  ask(registryId: string, repository: string, targets: DeleteTarget[]): Promise<void>
  /** Asks to delete the ticked tags of the open repository (those whose digest is known). */
  askChecked(): void
  /** `tag`: only the names go; `image`: the image and every tag on it. */
  confirm(mode: DeleteMode): Promise<void>
  close(): void
  /** Berth's own registry: the dry run first, saying what collecting would free. */
  previewGarbage(): Promise<void>
  /** Berth's own registry, after the dry run: frees the deleted images' space, then closes. */
  collectGarbage(): Promise<void>
  /** Berth's own registry with deletes off: turns them on, then asks again. */
  enableDeletes(): Promise<void>
}

let request = 0

export const useDeletes = create<DeleteState>((set, get) => ({
  targets: [],

  async ask(registryId, repository, targets) {
    const id = ++request
    set({ registryId, repository, targets, step: targets.length === 1 ? 'checking' : 'confirm', shared: undefined, progress: undefined, result: undefined, error: undefined, gcPreview: undefined })
    if (targets.length !== 1) return
    try {
      const r = await api.call('browse.sharedTags', { registryId, repository, digest: targets[0]!.digest })
      if (id === request) set({ step: 'confirm', shared: r.tags })
    } catch (e) {
      if (id === request) set({ step: 'failed', error: toBerthError(e) })
    }
  },

  askChecked() {
    const { registryId, repository, checked, summaries } = useRepository.getState()
    const targets = checked.flatMap((tag) => (summaries[tag]?.digest ? [{ tag, digest: summaries[tag].digest }] : []))
    if (registryId && repository && targets.length > 0) void get().ask(registryId, repository, targets)
  },

  async confirm(mode) {
    const { registryId, repository, targets } = get()
    if (!registryId || !repository || targets.length === 0) return
    const id = ++request
    set({ step: 'deleting', progress: { done: 0, total: targets.length, tag: targets[0]!.tag } })
    const off = api.on('browse.deleteProgress', (p) => {
      if (id === request && p.registryId === registryId && p.repository === repository) set({ progress: { done: p.done, total: p.total, tag: p.tag } })
    })
    try {
      const result = await api.call('browse.deleteTags', { registryId, repository, targets, mode })
      if (id !== request) return
      set({ result, step: result.failed.length > 0 || result.managed ? 'done' : undefined })
      if (result.deleted.length > 0) toastSuccess(result.deleted.length === 1 ? i18n.t('deleteTags.deletedOne', { reference: `${repository}:${result.deleted[0]}` }) : i18n.t('deleteTags.deletedMany', { count: result.deleted.length, repository }))
      await afterDelete(repository, result.deleted)
    } catch (e) {
      if (id === request) set({ step: 'failed', error: toBerthError(e) })
    } finally {
      off()
    }
  },

  close() {
    request++
    set({ step: undefined, targets: [], shared: undefined, progress: undefined, result: undefined, error: undefined, working: undefined, gcPreview: undefined })
  },

  async previewGarbage() {
    const id = request
    set({ working: 'gc-preview', gcPreview: undefined })
    const gcPreview = await intents.previewGarbage()
    if (id === request) set({ working: undefined, gcPreview })
  },

  async collectGarbage() {
    set({ working: 'gc' })
    await intents.collectGarbage()
    get().close()
  },

  async enableDeletes() {
    const { registryId, repository, targets } = get()
    set({ working: 'enabling' })
    const ok = await intents.enableLocalDeletes()
    set({ working: undefined })
    if (ok && registryId && repository) await get().ask(registryId, repository, targets)
  }
}))


/** The tag list and the catalog's tag count follow what was deleted. */
async function afterDelete(repository: string, deleted: string[]): Promise<void> {
  const repo = useRepository.getState()
  if (repo.repository !== repository) return
  if (repo.selected && deleted.includes(repo.selected)) void repo.select(undefined)
  repo.uncheck(deleted)
  await repo.refresh()
  useCatalog.getState().setCount(repository, useRepository.getState().tags.length)
}
