// What a transfer shows and what is saved of it: the tracker a new run starts with, its snapshot
// with the load's upload meter, the push's expected layer sizes and a better-worded error laid
// over it; and the part of a spec that Retry needs after a restart.
import { BerthError } from '@shared/contract/errors'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { ArchiveRunner } from '../archive'
import type { CopyRunner } from '../copy'
import { ProgressTracker, etaSeconds, type Clock } from '../engine/progress'
import { withExpectedSizes } from './expectedLayers'
import { RestoredTracker, type StoredTransfer } from './history'
import { m } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'
import type { Run, Spec } from './run'

/** A copy tracks its own blobs, an export or import its own parts; push, pull and load follow the engine's events. */
export function newTracker(spec: Spec, id: string, runners: { copier: () => CopyRunner; archive: () => ArchiveRunner }, clock?: Clock): Run['tracker'] {
  if (spec.kind === 'copy') return runners.copier().progress(spec, id, clock)
  if (spec.kind === 'export' || spec.kind === 'import') return runners.archive().progress(spec, id, clock)
  return new ProgressTracker({
    id,
    kind: spec.kind,
    reference: spec.kind === 'push' ? spec.target : spec.kind === 'pull' ? spec.reference : spec.name,
    registry: spec.kind === 'load' ? undefined : spec.registry,
    clock
  })
}

export function snapshotOf(run: Run): TransferSnapshot {
  const s = run.tracker.snapshot()
  const u = run.upload
  if (u) {
    // A load's bar is the archive going into the engine; its layers are listed as the engine reports them.
    const total = Math.max(u.total, u.done)
    s.bytesTotal = total
    s.bytesDone = s.state === 'done' ? total : u.done
    s.speed = s.state === 'running' ? u.speed() : 0
    s.etaSeconds = s.state === 'running' ? (u.finished ? null : etaSeconds(u.done, total, s.speed)) : s.state === 'done' ? 0 : null
    if (s.state === 'running' && !s.message) {
      s.messageMsg = u.finished ? m('transferNote.loadingLayers') : m('transferNote.sending')
      s.message = inEnglish(s.messageMsg)
    }
    delete s.indeterminate // the archive's bytes are Berth's own count
  }
  if (run.expected && run.high) {
    withExpectedSizes(s, run.expected, run.high)
    if (s.state === 'running') s.etaSeconds = etaSeconds(s.bytesDone, s.bytesTotal, s.speed)
  }
  if (run.errorOverride) s.error = run.errorOverride
  if (run.engine) s.engine = run.engine
  return s
}

/** What Retry needs after a restart: everything but an uploaded stream (which is gone). */
export function storableSpec(spec: Spec): Record<string, unknown> | undefined {
  if (spec.kind === 'export' && !spec.path) return undefined
  if (spec.kind !== 'load') return { ...spec }
  return spec.path ? { kind: 'load', name: spec.name, path: spec.path } : undefined
}

/** A transfer read back from the history file: it shows its last snapshot until retried. */
export function restoredRun(t: StoredTransfer): Run {
  const snapshot = t.snapshot
  const spec = (t.spec ?? { kind: 'load', name: snapshot.reference }) as Spec
  const done = snapshot.state === 'done' ? Promise.resolve(snapshot) : Promise.reject(snapshot.error ? BerthError.fromData(snapshot.error) : new BerthError('CANCELLED', m('errors.transfers.unfinished')))
  done.catch(() => undefined)
  return { id: snapshot.id, spec, tracker: new RestoredTracker(snapshot), abort: new AbortController(), done, saved: snapshot.state }
}
