// A copy's progress as a TransferSnapshot, like push and pull: one row per blob (waiting →
// checking → copying → copied / already exists / mounted), bytes, speed and ETA. Same
// invariants as the daemon tracker: bytes only grow and never pass the total.
import { BerthError, type ApiErrorData } from '@shared/contract/errors'
import type { LayerPhase, LayerProgress, TransferSnapshot, TransferState } from '@shared/contract/transferTypes'
import { RateMeter, etaSeconds, type Clock } from '../engine/progress/rate'
import { nextRev } from '../revision'

export interface CopyProgressOptions {
  id: string
  /** The target, e.g. 127.0.0.1:5000/team/app:1.0 (or "… (3 tags)"). */
  reference: string
  source: string
  /** The target registry's address. */
  registry: string
  clock?: Clock
}

const TERMINAL: TransferState[] = ['done', 'failed', 'cancelled']

export class CopyProgress {
  readonly kind = 'copy' as const
  readonly id: string
  readonly reference: string
  readonly registry: string
  private readonly source: string
  private readonly clock: Clock
  private readonly rate: RateMeter
  private readonly blobs = new Map<string, LayerProgress>()
  private state: TransferState = 'queued'
  private startedAt: number
  private endedAt?: number
  private digest?: string
  private error?: ApiErrorData
  private message?: string
  /** Bytes that really went over the wire (speed), as opposed to skipped or mounted ones. */
  private moved = 0

  constructor(o: CopyProgressOptions) {
    this.id = o.id
    this.reference = o.reference
    this.source = o.source
    this.registry = o.registry
    this.clock = o.clock ?? Date.now
    this.rate = new RateMeter({ clock: this.clock })
    this.startedAt = this.clock()
  }

  get isTerminal(): boolean {
    return TERMINAL.includes(this.state)
  }

  start(): void {
    if (this.state !== 'queued') return
    this.state = 'running'
    this.startedAt = this.clock()
    this.rate.record(0)
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

  fail(error: BerthError | ApiErrorData): void {
    if (this.isTerminal) return
    this.error = error instanceof BerthError ? error.toData() : error
    this.end('failed')
  }

  cancel(): void {
    if (this.isTerminal) return
    this.error = new BerthError('CANCELLED', 'The copy was cancelled.', 'Retry continues where it stopped: blobs already copied are skipped.').toData()
    this.end('cancelled')
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
      kind: 'copy',
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

  private end(state: TransferState): void {
    this.state = state
    this.endedAt = this.clock()
  }
}

/** The 12 hex characters people know from docker's layer lines. */
export const shortId = (digest: string): string => digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13)
