// The "Copy to…" dialog: which tags (or a whole repository) are to be copied, and starting the
// copy. The copy itself runs in main as a transfer; its progress shows on the transfers page.
import { create } from 'zustand'
import { toErrorData, type ApiErrorData, type CopyInput, type TransferSnapshot } from '@shared/contract'
import type { CopyRequest } from '../../app/intents'
import { api } from '../../lib/api'

export type { CopyRequest }

interface CopyState {
  request?: CopyRequest
  busy: boolean
  error?: ApiErrorData
  open(request: CopyRequest): void
  close(): void
  /** Starts the copy; the transfer's first snapshot, or undefined (the error is shown in the dialog). */
  start(input: CopyInput): Promise<TransferSnapshot | undefined>
}

export const useCopy = create<CopyState>((set, get) => ({
  busy: false,
  open: (request) => set({ request, error: undefined, busy: false }),
  close: () => set({ request: undefined, error: undefined, busy: false }),
  async start(input) {
    if (get().busy) return undefined
    set({ busy: true, error: undefined })
    try {
      const first = await api.call('transfers.copy', input)
      set({ request: undefined, busy: false })
      return first
    } catch (e) {
      set({ busy: false, error: toErrorData(e) })
      return undefined
    }
  }
}))
