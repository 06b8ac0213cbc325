// The daemon can send thousands of progress lines a second; the UI needs at most ~20 frames.
// A throttle per transfer: the first update goes out at once (leading), the newest one waiting
// goes out at the end of the interval (trailing), and a final state goes out immediately.
import type { TransferSnapshot } from '@shared/contract/transferTypes'

export interface TimerLike {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: TimerLike = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

export interface ThrottleOptions {
  /** Minimum gap between emissions; 50 ms = 20 per second. */
  intervalMs?: number
  timers?: TimerLike
}

export class Throttle<T> {
  private readonly intervalMs: number
  private readonly timers: TimerLike
  private lastEmit = Number.NEGATIVE_INFINITY
  private pending: { value: T } | undefined
  private timer: unknown

  constructor(
    private readonly emit: (value: T) => void,
    options: ThrottleOptions = {}
  ) {
    this.intervalMs = options.intervalMs ?? 50
    this.timers = options.timers ?? realTimers
  }

  push(value: T): void {
    const now = this.timers.now()
    if (this.timer === undefined && now - this.lastEmit >= this.intervalMs) {
      this.send(value, now)
      return
    }
    this.pending = { value }
    if (this.timer === undefined) this.schedule(this.lastEmit + this.intervalMs - now)
  }

  /** Emits now, dropping anything pending (for a final state that must not wait). */
  pushNow(value: T): void {
    this.cancel()
    this.send(value, this.timers.now())
  }

  /** Emits what is pending, if anything. */
  flush(): void {
    const pending = this.pending
    this.cancel()
    if (pending) this.send(pending.value, this.timers.now())
  }

  /** Drops what is pending without emitting it. */
  cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer)
    this.timer = undefined
    this.pending = undefined
  }

  private schedule(delay: number): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined
      const pending = this.pending
      this.pending = undefined
      if (pending) this.send(pending.value, this.timers.now())
    }, Math.max(0, delay))
  }

  private send(value: T, now: number): void {
    this.pending = undefined
    this.lastEmit = now
    this.emit(value)
  }
}

const FINAL = new Set(['done', 'failed', 'cancelled'])

/**
 * One throttle per transfer id. Snapshots in a final state are emitted immediately (and the
 * transfer's throttle is forgotten), so "done" never waits behind a progress frame.
 */
export class SnapshotCoalescer {
  private readonly throttles = new Map<string, Throttle<TransferSnapshot>>()

  constructor(
    private readonly emit: (snapshot: TransferSnapshot) => void,
    private readonly options: ThrottleOptions = {}
  ) {}

  push(snapshot: TransferSnapshot): void {
    let throttle = this.throttles.get(snapshot.id)
    if (FINAL.has(snapshot.state)) {
      throttle?.cancel()
      this.throttles.delete(snapshot.id)
      this.emit(snapshot)
      return
    }
    if (!throttle) {
      throttle = new Throttle(this.emit, this.options)
      this.throttles.set(snapshot.id, throttle)
    }
    throttle.push(snapshot)
  }

  /** Stops every pending timer (shutdown). */
  dispose(): void {
    for (const t of this.throttles.values()) t.cancel()
    this.throttles.clear()
  }
}
