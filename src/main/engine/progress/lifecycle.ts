// The life of one transfer, whatever moves its bytes (the daemon's stream or Berth's copy):
// queued → running → done | failed | cancelled, with the times and the error the snapshot shows.
import { BerthError, type ApiErrorData } from '@shared/contract/errors'
import type { LayerProgress, TransferKind, TransferSnapshot, TransferState } from '@shared/contract/transferTypes'
import { nextRev } from '../../revision'
import { RateMeter, etaSeconds, type Clock } from './rate'

const TERMINAL: TransferState[] = ['done', 'failed', 'cancelled']

export abstract class TransferLifecycle {
  protected readonly clock: Clock
  protected readonly rate: RateMeter
  protected state: TransferState = 'queued'
  protected startedAt: number
  protected endedAt?: number
  protected error?: ApiErrorData

  constructor(
    clock: Clock | undefined,
    rateWindowMs: number | undefined,
    /** What Cancel says: "The push was cancelled." and its hint. */
    private readonly cancelled: () => BerthError
  ) {
    this.clock = clock ?? Date.now
    this.rate = new RateMeter({ clock: this.clock, windowMs: rateWindowMs })
    this.startedAt = this.clock()
  }

  get isTerminal(): boolean {
    return TERMINAL.includes(this.state)
  }

  /** queued → running; the clock for speed and duration starts here. */
  start(): void {
    if (this.state !== 'queued') return
    this.state = 'running'
    this.startedAt = this.clock()
    this.rate.record(0)
  }

  fail(error: BerthError | ApiErrorData): void {
    if (this.isTerminal) return
    this.error = error instanceof BerthError ? error.toData() : error
    this.end('failed')
  }

  cancel(): void {
    if (this.isTerminal) return
    this.error = this.cancelled().toData()
    this.end('cancelled')
  }

  protected end(state: TransferState): void {
    this.state = state
    this.endedAt = this.clock()
  }

  /** What every transfer's snapshot says: state, times, bytes with speed and ETA, the error. */
  protected lifecycleSnapshot(what: { id: string; kind: TransferKind; reference: string; layers: LayerProgress[] }): TransferSnapshot {
    let done = 0
    let total = 0
    for (const layer of what.layers) {
      done += layer.current
      total += layer.total
    }
    const running = this.state === 'running'
    const speed = running ? this.rate.speed() : 0
    const snap: TransferSnapshot = {
      ...what,
      rev: nextRev(),
      state: this.state,
      startedAt: this.startedAt,
      bytesDone: done,
      bytesTotal: total,
      speed,
      etaSeconds: running ? etaSeconds(done, total, speed) : this.state === 'done' ? 0 : null
    }
    if (this.endedAt !== undefined) snap.endedAt = this.endedAt
    if (this.error !== undefined) snap.error = this.error
    return snap
  }
}
