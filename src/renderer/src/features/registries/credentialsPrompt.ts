import { create } from 'zustand'
import type { CredentialsRequest } from '../../app/intents'

interface PromptState {
  request: (CredentialsRequest & { id: number }) | undefined
  /** Opens the dialog; resolves when it closes, true when credentials were saved. */
  ask(request: CredentialsRequest): Promise<boolean>
  close(saved: boolean): void
}

let asked = 0
let settle: ((saved: boolean) => void) | undefined

/** One credentials dialog for the whole app; the askCredentials intent opens it. */
export const useCredentialsPrompt = create<PromptState>((set) => ({
  request: undefined,
  ask(request) {
    settle?.(false)
    set({ request: { ...request, id: ++asked } })
    return new Promise((resolve) => (settle = resolve))
  },
  close(saved) {
    settle?.(saved)
    settle = undefined
    set({ request: undefined })
  }
}))
