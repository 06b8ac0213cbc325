import { create } from 'zustand'
import { errorCode, LOAD_UPLOAD_ROUTE, type PushPreflight } from '@shared/contract'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { i18n, msgOr } from '../../lib/i18n'
import { useNav } from '../../app/navigation'
import { toastError, toastSuccess } from '../../app/toasts'
import { api } from '../../lib/api'
import { shortDigest } from '../../lib/format'

interface TransfersState {
  /** Every transfer main knows of, by id; main is the source of truth, the store only mirrors it. */
  byId: Record<string, TransferSnapshot>
  /** Layer lists the user opened. */
  expanded: Record<string, boolean>
  init(): () => void
  load(): Promise<void>
  /** Keeps a snapshot a call answered (an event may have brought a newer one already). */
  put(t: TransferSnapshot): void
  pull(reference: string): Promise<TransferSnapshot | undefined>
  push(source: string, target: string): Promise<TransferSnapshot | undefined>
  cancel(id: string): Promise<void>
  retry(id: string): Promise<void>
  dismiss(id?: string): Promise<void>
  toggleLayers(id: string): void
  /** What the engine and Berth know about a push target before anything starts. */
  preflight(target: string): Promise<PushPreflight>
  /** Loads `docker save` tars: Electron hands main their paths, the web mode uploads them. */
  loadFiles(files: File[]): Promise<void>
}

export const useTransfers = create<TransfersState>((set, get) => {
  const put = (t: TransferSnapshot): void => {
    const prev = get().byId[t.id]
    // Events can overtake a call's answer: main's rev says which snapshot is newer.
    if (prev && t.rev <= prev.rev) return
    set({ byId: { ...get().byId, [t.id]: t } })
    if (prev && prev.state !== t.state) announce(t)
  }
  return {
    byId: {},
    expanded: {},
    put,

    init() {
      const offUpdate = api.on('transfers.update', put)
      const offRemoved = api.on('transfers.removed', ({ ids }) => {
        const byId = { ...get().byId }
        for (const id of ids) delete byId[id]
        set({ byId })
      })
      return () => {
        offUpdate()
        offRemoved()
      }
    },

    async load() {
      try {
        const list = await api.call('transfers.list')
        const known = get().byId
        set({ byId: Object.fromEntries(list.map((t) => [t.id, known[t.id] && known[t.id]!.rev > t.rev ? known[t.id]! : t])) })
      } catch (e) {
        if (errorCode(e) !== 'ENGINE_UNREACHABLE') toastError(e)
      }
    },

    async pull(reference) {
      return started(api.call('transfers.pull', { reference }), put)
    },

    async push(source, target) {
      return started(api.call('transfers.push', { source, target }), put)
    },

    async cancel(id) {
      try {
        put(await api.call('transfers.cancel', { id }))
      } catch (e) {
        toastError(e)
      }
    },

    async retry(id) {
      try {
        put(await api.call('transfers.retry', { id }))
      } catch (e) {
        toastError(e)
      }
    },

    async dismiss(id) {
      try {
        await api.call('transfers.dismiss', id ? { id } : {})
      } catch (e) {
        toastError(e)
      }
    },

    toggleLayers(id) {
      set({ expanded: { ...get().expanded, [id]: !get().expanded[id] } })
    },

    preflight: (target) => api.call('transfers.preflight', { target }),

    async loadFiles(files) {
      useNav.getState().go({ kind: 'transfers' })
      for (const file of files) {
        try {
          const path = api.isDesktop ? api.pathForFile(file) : undefined
          if (path) put(await api.call('transfers.load', { path }))
          // Resolves once the whole file went up; progress arrives as transfer events meanwhile.
          else put(await api.upload<TransferSnapshot>(LOAD_UPLOAD_ROUTE, file, { name: file.name }))
        } catch (e) {
          toastError(e)
        }
      }
    }
  }
})

async function started(call: Promise<TransferSnapshot>, put: (t: TransferSnapshot) => void): Promise<TransferSnapshot | undefined> {
  try {
    const t = await call
    put(t)
    return t
  } catch (e) {
    toastError(e)
    return undefined
  }
}

function announce(t: TransferSnapshot): void {
  if (t.state === 'done') {
    if (t.kind === 'push') toastSuccess(t.digest ? i18n.t('toast.pushedDigest', { reference: t.reference, digest: shortDigest(t.digest) }) : i18n.t('toast.pushed', { reference: t.reference }))
    else if (t.kind === 'pull') toastSuccess(i18n.t('toast.pulled', { reference: t.reference }))
    else if (t.kind === 'load') toastSuccess(i18n.t('toast.loadedFrom', { count: t.images?.length ?? 0, reference: t.reference }))
    else if (t.message) toastSuccess(msgOr(t.messageMsg, t.message))
  }
}

/** Still going: queued or running. */
export const isActive = (t: TransferSnapshot): boolean => t.state === 'running' || t.state === 'queued'

/** How many transfers are still going (the nav's badge). */
export const runningCount = (byId: Record<string, TransferSnapshot>): number => Object.values(byId).filter(isActive).length

/** Running first (newest first), then finished (newest first). */
export function sortTransfers(all: TransferSnapshot[]): TransferSnapshot[] {
  return [...all].sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || b.startedAt - a.startedAt)
}

export function percent(t: TransferSnapshot): number {
  if (t.state === 'done') return 100
  if (t.bytesTotal <= 0) return 0
  return Math.min(100, Math.floor((t.bytesDone / t.bytesTotal) * 100))
}
