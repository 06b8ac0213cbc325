// Air gap in the UI: Export… (a save dialog in Electron, the browser's download in the web mode)
// and what to do with archives dropped on the window: load them into the engine, or push them
// into a registry without the engine. The work runs in main as transfers.
import { create } from 'zustand'
import { ARCHIVE_DOWNLOAD_ROUTE, ARCHIVE_IMPORT_ROUTE, archiveFileName, toErrorData, type ApiErrorData, type ExportSource, type TransferSnapshot } from '@shared/contract'
import { useNav } from '../../app/navigation'
import { toastError } from '../../app/toasts'
import { api } from '../../lib/api'
import { i18n } from '../../lib/i18n'
import { useTransfers } from './transfersStore'

interface ArchiveState {
  /** Files dropped on the window, waiting for the user's choice. */
  dropped?: File[]
  busy: boolean
  error?: ApiErrorData
  exportArchive(from: ExportSource): Promise<void>
  offer(files: File[]): void
  close(): void
  loadIntoEngine(): Promise<void>
  importInto(registryId: string, repository?: string): Promise<void>
}

export const useArchive = create<ArchiveState>((set, get) => ({
  busy: false,

  async exportArchive(from) {
    try {
      let first: TransferSnapshot
      if (api.isDesktop) {
        const { path } = await api.call('archive.choosePath', { defaultName: archiveFileName(from), filterName: i18n.t('archiveDrop.filterName') })
        if (!path) return
        first = await api.call('transfers.export', { from, path })
      } else {
        // The server keeps nothing: the archive streams into the browser's download as it is written.
        first = await api.call('transfers.export', { from })
        api.download(ARCHIVE_DOWNLOAD_ROUTE, { id: first.id })
      }
      useTransfers.getState().put(first)
      useNav.getState().go({ kind: 'transfers' })
    } catch (e) {
      toastError(e)
    }
  },

  offer: (files) => set({ dropped: files, busy: false, error: undefined }),
  close: () => set({ dropped: undefined, busy: false, error: undefined }),

  async loadIntoEngine() {
    const files = get().dropped ?? []
    set({ dropped: undefined })
    await useTransfers.getState().loadFiles(files)
  },

  async importInto(registryId, repository) {
    const files = get().dropped ?? []
    if (get().busy || !files.length) return
    set({ busy: true, error: undefined })
    try {
      for (const file of files) {
        const path = api.isDesktop ? api.pathForFile(file) : undefined
        const query = { registryId, ...(repository ? { repository } : {}) }
        // Web mode: resolves once the whole file went up; the import's progress follows as events.
        const first = path ? await api.call('transfers.import', { path, ...query }) : await api.upload<TransferSnapshot>(ARCHIVE_IMPORT_ROUTE, file, { name: file.name, ...query })
        useTransfers.getState().put(first)
      }
      set({ dropped: undefined, busy: false })
      useNav.getState().go({ kind: 'transfers' })
    } catch (e) {
      set({ busy: false, error: toErrorData(e) })
    }
  }
}))
