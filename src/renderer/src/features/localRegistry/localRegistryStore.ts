import { create } from 'zustand'
import { toBerthError, LOCAL_REGISTRY_UPLOAD_ROUTE, type ApiErrorData, type GarbageCollectResult, type GcDryRunResult, type LoadRegistryImageResult, type LocalRegistryStatus } from '@shared/contract'
import { api } from '../../lib/api'
import { statusFollower } from './followStatus'
import { formatBytes } from '../../lib/format'
import { toastError, toastSuccess } from '../../app/toasts'
import { i18n } from '../../lib/i18n'

export type LocalRegistryAction = 'start' | 'stop' | 'restart' | 'port' | 'share' | 'auth' | 'remove' | 'remove-all' | 'gc' | 'gc-preview' | 'load' | 'deletes'

interface LocalRegistryState {
  status: LocalRegistryStatus | undefined
  /** The action the user started and Berth is still doing. */
  busy: LocalRegistryAction | undefined
  /** Why the last start failed, shown on the page with its ways out (other port, mirror, tar). */
  problem: ApiErrorData | undefined
  lastGc: GarbageCollectResult | undefined
  /** The dry run shown before collecting (what it would free), and with which option. */
  gcPreview: (GcDryRunResult & { deleteUntagged: boolean }) | undefined
  init(): () => void
  refresh(): Promise<void>
  start(options?: { port?: number; mirror?: string }): Promise<boolean>
  stop(): Promise<void>
  restart(): Promise<void>
  setPort(port: number): Promise<boolean>
  /** `confirmOpen`: the user agreed to share without basic auth (open to the whole network). */
  setShared(shared: boolean, confirmOpen?: boolean): Promise<void>
  enableAuth(username: string, password: string): Promise<boolean>
  disableAuth(confirmOpen?: boolean): Promise<void>
  removeContainer(): Promise<void>
  removeAll(volumeName: string): Promise<boolean>
  garbageCollect(deleteUntagged: boolean): Promise<void>
  /** The dry run: what collecting would free; nothing is deleted. */
  previewGc(deleteUntagged: boolean): Promise<void>
  /** The same dry run for another feature (the delete dialog): its answer, not shown on the card. */
  dryRunGc(deleteUntagged: boolean): Promise<GcDryRunResult | undefined>
  dismissGcPreview(): void
  /** Re-creates the container with deletes on (data kept); true when it worked. */
  enableDeletes(): Promise<boolean>
  /** Loads a registry image tar (path in Electron, upload in the web mode), then starts. */
  loadImageAndStart(file: File): Promise<void>
  dismissProblem(): void
}

const asData = (e: unknown): ApiErrorData => toBerthError(e).toData()

export const useLocalRegistry = create<LocalRegistryState>((set, get) => {
  /** Runs one user action; the status arrives by event, the result replaces it when newer. */
  async function act<T>(action: LocalRegistryAction, fn: () => Promise<T>, onError: (e: unknown) => void = toastError): Promise<T | undefined> {
    set({ busy: action })
    try {
      return await fn()
    } catch (e) {
      onError(e)
      return undefined
    } finally {
      set({ busy: undefined })
      void get().refresh()
    }
  }

  /** Events and call answers cross: main's rev says which status is newer. */
  const { keep, init, refresh } = statusFollower('localRegistry.status', () => api.call('localRegistry.status'), () => get().status, (status) => set({ status }))

  /** An action that answers with the new status: kept, and `done` toasted when it worked. */
  async function change(action: LocalRegistryAction, fn: () => Promise<LocalRegistryStatus>, done?: (status: LocalRegistryStatus) => string, onError?: (e: unknown) => void): Promise<boolean> {
    const status = await act(action, fn, onError)
    keep(status)
    if (status && done) toastSuccess(done(status))
    return Boolean(status)
  }

  const showProblem = (e: unknown): void => set({ problem: asData(e) })

  return {
    status: undefined,
    busy: undefined,
    problem: undefined,
    lastGc: undefined,
    gcPreview: undefined,

    init,
    refresh,

    async start(options) {
      set({ problem: undefined })
      return change('start', () => api.call('localRegistry.start', options ?? {}), (s) => i18n.t('toast.localRunning', { address: s.address }), showProblem)
    },

    async stop() {
      await change('stop', () => api.call('localRegistry.stop'))
    },

    async restart() {
      await change('restart', () => api.call('localRegistry.restart'), undefined, showProblem)
    },

    async setPort(port) {
      const ok = await change('port', () => api.call('localRegistry.setPort', { port }), undefined, showProblem)
      if (ok) set({ problem: undefined })
      return ok
    },

    async setShared(shared, confirmOpen) {
      await change('share', () => api.call('localRegistry.setShared', { shared, confirmOpen }), () => (shared ? i18n.t('toast.shared') : i18n.t('toast.notShared')), showProblem)
    },

    enableAuth: (username, password) => change('auth', () => api.call('localRegistry.setAuth', { enabled: true, username, password }), () => i18n.t('toast.authOn', { user: username })),

    async disableAuth(confirmOpen) {
      await change('auth', () => api.call('localRegistry.setAuth', { enabled: false, confirmOpen }), () => i18n.t('toast.authOff'))
    },

    async removeContainer() {
      await change('remove', () => api.call('localRegistry.removeContainer'), () => i18n.t('toast.containerRemoved'))
    },

    removeAll: (volumeName) => change('remove-all', () => api.call('localRegistry.removeAll', { confirmVolume: volumeName }), () => i18n.t('toast.allRemoved')),

    async previewGc(deleteUntagged) {
      set({ gcPreview: undefined })
      const preview = await get().dryRunGc(deleteUntagged)
      if (preview) set({ gcPreview: { ...preview, deleteUntagged } })
    },

    dryRunGc: (deleteUntagged) => act('gc-preview', () => api.call('localRegistry.gcDryRun', { deleteUntagged })),

    dismissGcPreview: () => set({ gcPreview: undefined }),

    async garbageCollect(deleteUntagged) {
      set({ gcPreview: undefined })
      const result = await act('gc', () => api.call('localRegistry.garbageCollect', { deleteUntagged }))
      if (!result) return
      set({ lastGc: result })
      keep(result.status)
      toastSuccess(i18n.t('toast.gcFreed', { size: formatBytes(result.freedBytes) }))
    },

    enableDeletes: () => change('deletes', () => api.call('localRegistry.enableDeletes'), () => i18n.t('local.deletesOn')),

    async loadImageAndStart(file) {
      set({ problem: undefined })
      const loaded = await act<LoadRegistryImageResult>(
        'load',
        () => {
          const path = api.isDesktop ? api.pathForFile(file) : undefined
          return path
            ? api.call('localRegistry.loadImage', { path })
            : api.upload<LoadRegistryImageResult>(LOCAL_REGISTRY_UPLOAD_ROUTE, file, { name: file.name })
        },
        showProblem
      )
      if (!loaded) return
      toastSuccess(i18n.t('toast.loaded', { what: loaded.loaded.join(', ') || loaded.image }))
      await get().start()
    },

    dismissProblem: () => set({ problem: undefined })
  }
})
