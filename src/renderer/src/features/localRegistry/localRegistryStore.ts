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
      const status = await act(
        'start',
        () => api.call('localRegistry.start', options ?? {}),
        (e) => set({ problem: asData(e) })
      )
      keep(status)
      if (status) toastSuccess(i18n.t('toast.localRunning', { address: status.address }))
      return Boolean(status)
    },

    async stop() {
      keep(await act('stop', () => api.call('localRegistry.stop')))
    },

    async restart() {
      keep(await act('restart', () => api.call('localRegistry.restart'), (e) => set({ problem: asData(e) })))
    },

    async setPort(port) {
      const status = await act('port', () => api.call('localRegistry.setPort', { port }), (e) => set({ problem: asData(e) }))
      keep(status)
      if (status) set({ problem: undefined })
      return Boolean(status)
    },

    async setShared(shared, confirmOpen) {
      const status = await act('share', () => api.call('localRegistry.setShared', { shared, confirmOpen }), (e) => set({ problem: asData(e) }))
      keep(status)
      if (status) toastSuccess(shared ? i18n.t('toast.shared') : i18n.t('toast.notShared'))
    },

    async enableAuth(username, password) {
      const status = await act('auth', () => api.call('localRegistry.setAuth', { enabled: true, username, password }))
      keep(status)
      if (status) toastSuccess(i18n.t('toast.authOn', { user: username }))
      return Boolean(status)
    },

    async disableAuth(confirmOpen) {
      const status = await act('auth', () => api.call('localRegistry.setAuth', { enabled: false, confirmOpen }))
      keep(status)
      if (status) toastSuccess(i18n.t('toast.authOff'))
    },

    async removeContainer() {
      const status = await act('remove', () => api.call('localRegistry.removeContainer'))
      keep(status)
      if (status) toastSuccess(i18n.t('toast.containerRemoved'))
    },

    async removeAll(volumeName) {
      const status = await act('remove-all', () => api.call('localRegistry.removeAll', { confirmVolume: volumeName }))
      keep(status)
      if (status) toastSuccess(i18n.t('toast.allRemoved'))
      return Boolean(status)
    },

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

    async enableDeletes() {
      const status = await act('deletes', () => api.call('localRegistry.enableDeletes'))
      keep(status)
      if (status) toastSuccess(i18n.t('local.deletesOn'))
      return Boolean(status)
    },

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
        (e) => set({ problem: asData(e) })
      )
      if (!loaded) return
      toastSuccess(i18n.t('toast.loaded', { what: loaded.loaded.join(', ') || loaded.image }))
      await get().start()
    },

    dismissProblem: () => set({ problem: undefined })
  }
})
