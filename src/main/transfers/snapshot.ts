// What a transfer looks like to the UI: its tracker's snapshot, corrected by what only the
// service knows (the bytes of an archive Berth sends itself, a push's expected layer sizes, a
// better-worded error, the engine it ran on); and the tracker a new run starts with.
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { m } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'
import type { CopyRunner } from '../copy'
import { ProgressTracker, etaSeconds, type Clock } from '../engine/progress'
import { withExpectedSizes } from './expectedLayers'
import type { Run, Spec } from './run'

export function transferSnapshot(run: Run): TransferSnapshot {
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

/** A copy tracks its own blobs; push, pull and load follow the engine's events. */
export function newTracker(spec: Spec, id: string, copier: () => CopyRunner, clock?: Clock): Run['tracker'] {
  if (spec.kind === 'copy') return copier().progress(spec, id, clock)
  return new ProgressTracker({
    id,
    kind: spec.kind,
    reference: spec.kind === 'push' ? spec.target : spec.kind === 'pull' ? spec.reference : spec.name,
    registry: spec.kind === 'load' ? undefined : spec.registry,
    clock
  })
}
