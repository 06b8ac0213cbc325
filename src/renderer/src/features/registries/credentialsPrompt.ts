import { create } from 'zustand'

export interface CredentialsRequest {
  /** host[:port] */
  registry: string
  /** Why we ask (the failed push's message). */
  reason?: string
  /** Retry this transfer once the credentials are saved. */
  retryId?: string
}

interface PromptState {
  request: CredentialsRequest | undefined
  ask(request: CredentialsRequest): void
  close(): void
}

/** One credentials dialog for the whole app, opened from a failed transfer, the push dialog or a registry. */
export const useCredentialsPrompt = create<PromptState>((set) => ({
  request: undefined,
  ask: (request) => set({ request }),
  close: () => set({ request: undefined })
}))
