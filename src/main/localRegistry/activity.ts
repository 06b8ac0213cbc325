// What the registry is busy with (pulling, starting, collecting…): shown on its status while a
// step runs, so the UI can say why a button is disabled and link a pull to its transfer.
import type { LocalRegistryActivity, LocalRegistryActivityKind } from '@shared/contract/localRegistry'
import type { Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

export class ActivityTracker {
  private activity: LocalRegistryActivity | undefined

  /** `onChange` announces the new activity (or its end). */
  constructor(private readonly onChange: () => void) {}

  /** A copy: a status must not share the object that changes later. */
  current(): LocalRegistryActivity | undefined {
    return this.activity ? { ...this.activity } : undefined
  }

  async run<T>(kind: LocalRegistryActivityKind, message: Msg, fn: () => Promise<T>): Promise<T> {
    const previous = this.activity
    this.activity = { kind, message: inEnglish(message), messageMsg: message }
    this.onChange()
    try {
      return await fn()
    } finally {
      this.activity = previous
      this.onChange()
    }
  }

  /** The running step's pull showed up in the transfers panel. */
  setTransfer(transferId: string): void {
    if (!this.activity) return
    this.activity = { ...this.activity, transferId }
    this.onChange()
  }
}
