// A copy's progress as a TransferSnapshot, like push and pull: one row per blob (waiting →
// checking → copying → copied / already exists / mounted), bytes, speed and ETA. Same
// invariants as the daemon tracker: bytes only grow and never pass the total.
import { BerthError } from '@shared/contract/errors'
import type { LayerPhase, LayerProgress, TransferSnapshot } from '@shared/contract/transferTypes'
import { TransferLifecycle } from '../engine/progress/lifecycle'
import { etaSeconds, type Clock } from '../engine/progress/rate'
import { nextRev } from '../revision'

export interface CopyProgressOptions {
  id: string
  /** The target, e.g. 127.0.0.1:5000/team/app:1.0 (or "… (3 tags)"). */
  reference: string
  source: string
  /** The target registry's address. */
  registry: string
  clock?: Clock
  /** Exports and imports report the same way (default 'copy'). */
  kind?: 'copy' | 'export' | 'import'
}

export class CopyProgress extends TransferLifecycle {
  readonly kind: 'copy' | 'export' | 'import'
  readonly id: string
  readonly reference: string
  readonly registry: string
  private readonly source: string
  private readonly blobs = new Map<string, LayerProgress>()
  private digest?: string
  private message?: string
  /** Bytes that really went over the wire (speed), as opposed to skipped or mounted ones. */
  private moved = 0

  constructor(o: CopyProgressOptions) {
    super(o.clock, undefined, () => new BerthError('CANCELLED', `The ${o.kind ?? 'copy'} was cancelled.`, o.kind === 'export' ? 'Export again when you are ready.' : 'Retry continues where it stopped: blobs already copied are skipped.'))
    this.kind = o.kind ?? 'copy'
    this.id = o.id
    this.reference = o.reference
    this.source = o.source
    this.registry = o.registry
  }

  note(message: string | undefined): void {
    this.message = message
  }

  addBlob(digest: string, size: number): void {
    if (this.blobs.has(digest)) return
    this.blobs.set(digest, { id: shortId(digest), phase: 'waiting', label: 'Waiting', current: 0, total: size })
  }

  phase(digest: string, phase: LayerPhase, label: string): void {
    const b = this.blobs.get(digest)
    if (!b) return
    b.phase = phase
    b.label = label
    if (phase === 'pushed' || phase === 'exists' || phase === 'mounted') b.current = b.total
  }

  /** `n` more bytes of this blob went to the target. */
  bytes(digest: string, n: number): void {
    const b = this.blobs.get(digest)
    if (!b) return
    b.total = Math.max(b.total, b.current + n)
    b.current += n
    this.moved += n
    this.rate.record(this.moved)
  }

  finish(digest?: string, message?: string): void {
    if (this.isTerminal) return
    this.start()
    this.digest = digest
    if (message) this.message = message
    this.end('done')
  }

  snapshot(): TransferSnapshot {
    let done = 0
    let total = 0
    for (const b of this.blobs.values()) {
      done += b.current
      total += b.total
    }
    const running = this.state === 'running'
    const speed = running ? this.rate.speed() : 0
    const snap: TransferSnapshot = {
      id: this.id,
      rev: nextRev(),
      kind: this.kind,
      reference: this.reference,
      source: this.source,
      registry: this.registry,
      state: this.state,
      startedAt: this.startedAt,
      bytesDone: done,
      bytesTotal: total,
      speed,
      etaSeconds: running ? etaSeconds(done, total, speed) : this.state === 'done' ? 0 : null,
      layers: [...this.blobs.values()].map((b) => ({ ...b }))
    }
    if (this.endedAt !== undefined) snap.endedAt = this.endedAt
    if (this.digest !== undefined) snap.digest = this.digest
    if (this.error !== undefined) snap.error = this.error
    if (this.message !== undefined) snap.message = this.message
    return snap
  }
}

/** The 12 hex characters people know from docker's layer lines. */
export const shortId = (digest: string): string => digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13)
