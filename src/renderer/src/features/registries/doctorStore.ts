import { create } from 'zustand'
import { toBerthError, type BerthError, type DoctorReport, type DoctorStep } from '@shared/contract'
import { api } from '../../lib/api'
import { toastError, toastSuccess } from '../../app/toasts'
import { i18n } from '../../lib/i18n'
import { reportText } from './doctorText'

interface DoctorState {
  /** The registry whose check is shown; undefined: the dialog is closed. */
  registryId: string | undefined
  runId: string | undefined
  /** Steps as they finish (events), replaced by the report's when the run ends. */
  steps: DoctorStep[]
  report: DoctorReport | undefined
  running: boolean
  error: BerthError | undefined
  open(registryId: string): void
  run(): Promise<void>
  close(): void
  copyReport(): Promise<void>
}

let stopListening: (() => void) | undefined

/** Check connection: one run at a time, shown live step by step. */
export const useDoctor = create<DoctorState>((set, get) => ({
  registryId: undefined,
  runId: undefined,
  steps: [],
  report: undefined,
  running: false,
  error: undefined,

  open(registryId) {
    set({ registryId })
    void get().run()
  },

  async run() {
    const registryId = get().registryId
    if (!registryId) return
    const runId = `run-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
    stopListening?.()
    stopListening = api.on('doctor.step', (e) => {
      if (e.runId === get().runId) set({ steps: [...get().steps, e.step] })
    })
    set({ runId, steps: [], report: undefined, running: true, error: undefined })
    try {
      const report = await api.call('registries.doctor', { id: registryId, runId })
      if (get().runId === runId) set({ report, steps: report.steps })
    } catch (e) {
      if (get().runId === runId) set({ error: toBerthError(e) })
    } finally {
      if (get().runId === runId) {
        set({ running: false })
        stopListening?.()
        stopListening = undefined
      }
    }
  },

  close() {
    stopListening?.()
    stopListening = undefined
    set({ registryId: undefined, runId: undefined, steps: [], report: undefined, running: false, error: undefined })
  },

  async copyReport() {
    const report = get().report
    if (!report) return
    try {
      await navigator.clipboard.writeText(reportText(i18n.t, report))
      toastSuccess(i18n.t('doctor.reportCopied'))
    } catch (e) {
      toastError(e)
    }
  }
}))
