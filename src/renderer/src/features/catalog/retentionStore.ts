// Retention rules of the open registry: the saved list, a preview (nothing deleted), and Apply,
// which deletes exactly the previewed tags with progress and says what failed.
import { create } from 'zustand'
import { toBerthError, type BerthError, type RetentionApplyResult, type RetentionPreview, type RetentionRule } from '@shared/contract'
import { api } from '../../lib/api'
import { toastSuccess } from '../../app/toasts'
import { i18n } from '../../lib/i18n'

export interface RetentionState {
  registryId?: string
  rules: RetentionRule[]
  busy?: 'loading' | 'saving' | 'previewing' | 'applying'
  preview?: RetentionPreview
  progress?: { repository: string; done: number; total: number }
  result?: RetentionApplyResult
  error?: BerthError

  show(registryId: string): Promise<void>
  close(): void
  save(rule: RetentionRule): Promise<boolean>
  remove(ruleId: string): Promise<void>
  previewRule(rule: RetentionRule): Promise<void>
  /** Deletes the previewed tags. */
  apply(): Promise<void>
  /** A saved rule in one click: preview, then apply that preview. */
  run(rule: RetentionRule): Promise<void>
}

export const newRuleId = (): string => `rule-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`

export const useRetention = create<RetentionState>((set, get) => {
  async function step<T>(busy: RetentionState['busy'], fn: (registryId: string) => Promise<T>): Promise<T | undefined> {
    const { registryId } = get()
    if (!registryId) return undefined
    set({ busy, error: undefined })
    try {
      return await fn(registryId)
    } catch (e) {
      if (get().registryId === registryId) set({ error: toBerthError(e) })
      return undefined
    } finally {
      if (get().registryId === registryId) set({ busy: undefined })
    }
  }

  return {
    rules: [],

    async show(registryId) {
      set({ registryId, rules: [], preview: undefined, result: undefined, error: undefined, progress: undefined })
      const rules = await step('loading', (id) => api.call('retention.rules', { registryId: id }))
      if (rules) set({ rules })
    },

    close: () => set({ registryId: undefined, rules: [], preview: undefined, result: undefined, error: undefined, busy: undefined, progress: undefined }),

    async save(rule) {
      const rules = await step('saving', (registryId) => api.call('retention.saveRule', { registryId, rule }))
      if (rules) set({ rules })
      return Boolean(rules)
    },

    async remove(ruleId) {
      const rules = await step('saving', (registryId) => api.call('retention.removeRule', { registryId, ruleId }))
      if (rules) set({ rules })
    },

    async previewRule(rule) {
      set({ preview: undefined, result: undefined })
      const preview = await step('previewing', (registryId) => api.call('retention.preview', { registryId, rule }))
      if (preview) set({ preview })
    },

    async apply() {
      const { preview } = get()
      if (!preview) return
      const plan = preview.repositories.filter((r) => r.delete.length > 0).map((r) => ({ repository: r.repository, targets: r.delete.map((d) => ({ tag: d.tag, digest: d.digest })) }))
      const off = api.on('browse.deleteProgress', (p) => {
        if (p.registryId === get().registryId) set({ progress: { repository: p.repository, done: p.done, total: p.total } })
      })
      try {
        const result = await step('applying', (registryId) => api.call('retention.apply', { registryId, plan }))
        if (!result) return
        set({ result, preview: undefined, progress: undefined })
        toastSuccess(i18n.t('retention.deleted', { count: result.deleted.length }))
      } finally {
        off()
      }
    },

    async run(rule) {
      await get().previewRule(rule)
      if (get().preview) await get().apply()
    }
  }
})
