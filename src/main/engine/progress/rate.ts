// Speed and ETA for a transfer. A sliding window (not an average since the start) so the
// number reacts when a registry slows down, and measured up to "now" so a stall shows as
// a falling speed instead of the last good value frozen on screen.

export type Clock = () => number

export interface RateMeterOptions {
  /** Milliseconds of history the speed is measured over. */
  windowMs?: number
  /** Below this much elapsed time there is not enough signal for a speed. */
  minSpanMs?: number
  clock?: Clock
}

interface Sample {
  t: number
  bytes: number
}

export class RateMeter {
  private readonly windowMs: number
  private readonly minSpanMs: number
  private readonly clock: Clock
  private samples: Sample[] = []

  constructor(options: RateMeterOptions = {}) {
    this.windowMs = options.windowMs ?? 3000
    this.minSpanMs = options.minSpanMs ?? 200
    this.clock = options.clock ?? Date.now
  }

  /** Records the cumulative byte count (it must not decrease; a lower value is ignored). */
  record(bytes: number): void {
    const t = this.clock()
    const last = this.samples.at(-1)
    if (last && bytes < last.bytes) return
    if (last && last.t === t) last.bytes = bytes
    else this.samples.push({ t, bytes })
    this.prune(t)
  }

  /** Bytes per second over the window ending now; 0 until there is enough history. */
  speed(): number {
    const now = this.clock()
    this.prune(now)
    const first = this.samples[0]
    const last = this.samples.at(-1)
    if (!first || !last) return 0
    const span = now - first.t
    if (span < this.minSpanMs) return 0
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / span)
  }

  /** Keeps one sample at or before the window start as the anchor the rate is measured from. */
  private prune(now: number): void {
    const start = now - this.windowMs
    while (this.samples.length > 1 && this.samples[1].t <= start) this.samples.shift()
  }
}

/** Seconds left at the given speed; null when it cannot be estimated. */
export function etaSeconds(done: number, total: number, bytesPerSecond: number): number | null {
  if (total <= 0) return null
  const left = total - done
  if (left <= 0) return 0
  if (!(bytesPerSecond > 0)) return null
  return Math.ceil(left / bytesPerSecond)
}
