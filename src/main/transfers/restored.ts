// A transfer read back from the history file: it shows its last snapshot until retried, and
// keeps what Retry needs (its spec) without anything that cannot be saved (an uploaded stream).
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { nextRev } from '../revision'
import type { StoredTransfer } from './history'
import type { Run, Spec } from './run'

/** A transfer read back from disk: it only shows its last snapshot until retried. */
export class RestoredTracker {
  readonly isTerminal = true
  readonly reference: string
  readonly registry?: string

  constructor(private readonly last: TransferSnapshot) {
    this.reference = last.reference
    this.registry = last.registry
  }

  start(): void {}
  fail(): void {}
  cancel(): void {}
  snapshot(): TransferSnapshot {
    // A fresh revision: the one saved belongs to the previous run of Berth.
    return { ...structuredClone(this.last), rev: nextRev() }
  }
}

/** The run a saved transfer becomes: finished for good unless retried. */
export function restoredRun(t: StoredTransfer): Run {
  const snapshot = t.snapshot
  const spec = (t.spec ?? { kind: 'load', name: snapshot.reference }) as Spec
  const done = snapshot.state === 'done' ? Promise.resolve(snapshot) : Promise.reject(snapshot.error ? BerthError.fromData(snapshot.error) : new BerthError('CANCELLED', m('errors.transfers.unfinished')))
  done.catch(() => undefined)
  return { id: snapshot.id, spec, tracker: new RestoredTracker(snapshot), abort: new AbortController(), done, saved: snapshot.state }
}

/** What Retry needs after a restart: everything but an uploaded stream (which is gone). */
export function storableSpec(spec: Spec): Record<string, unknown> | undefined {
  if (spec.kind !== 'load') return { ...spec }
  return spec.path ? { kind: 'load', name: spec.name, path: spec.path } : undefined
}
