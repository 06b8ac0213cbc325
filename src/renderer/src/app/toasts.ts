import { create } from 'zustand'
import { toBerthError } from '@shared/contract'
import { errorHint, errorText } from '../lib/i18n'

export interface Toast {
  id: number
  kind: 'success' | 'error' | 'info'
  title: string
  hint?: string
}

interface ToastState {
  toasts: Toast[]
  show(t: Omit<Toast, 'id'>): void
  dismiss(id: number): void
}

let nextId = 1

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(t) {
    const id = nextId++
    set({ toasts: [...get().toasts, { ...t, id }] })
    // Errors stay until read; good news goes away by itself.
    if (t.kind !== 'error') setTimeout(() => get().dismiss(id), 5000)
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) })
  }
}))

export function toastSuccess(title: string): void {
  useToasts.getState().show({ kind: 'success', title })
}

export function toastError(e: unknown): void {
  const err = toBerthError(e)
  useToasts.getState().show({ kind: 'error', title: errorText(err), hint: errorHint(err) })
}
