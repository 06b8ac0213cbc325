/** One event as kept for replay: its stream id, when it happened, and what went out. */
export interface Buffered {
  seq: number
  at: number
  event: string
  payload: unknown
}

export interface ReplayLimits {
  /** Most events kept. */
  maxEvents: number
  /** Oldest event kept, in milliseconds. */
  maxAgeMs: number
}

export const defaultReplayLimits: ReplayLimits = { maxEvents: 1000, maxAgeMs: 60_000 }

/**
 * The last events sent, bounded by count and age, so a client that lost its stream for a
 * moment gets exactly what it missed. Sequence numbers start at 1 and only grow.
 */
export class ReplayBuffer {
  private readonly entries: Buffered[] = []
  private last = 0

  constructor(
    private readonly limits: ReplayLimits = defaultReplayLimits,
    private readonly now: () => number = Date.now
  ) {}

  /** The sequence number of the newest event (0 before the first). */
  get latest(): number {
    return this.last
  }

  push(event: string, payload: unknown): Buffered {
    const entry = { seq: ++this.last, at: this.now(), event, payload }
    this.entries.push(entry)
    if (this.entries.length > this.limits.maxEvents) this.entries.splice(0, this.entries.length - this.limits.maxEvents)
    this.dropExpired()
    return entry
  }

  /**
   * Every event after `seq`, oldest first; or 'gap' when some of them are no longer kept
   * (or `seq` is from the future, i.e. not from this buffer).
   */
  since(seq: number): Buffered[] | 'gap' {
    this.dropExpired()
    if (!Number.isSafeInteger(seq) || seq < 0 || seq > this.last) return 'gap'
    if (seq === this.last) return []
    const first = this.entries[0]
    if (!first || first.seq > seq + 1) return 'gap'
    return this.entries.slice(seq + 1 - first.seq)
  }

  private dropExpired(): void {
    const cutoff = this.now() - this.limits.maxAgeMs
    let n = 0
    while (n < this.entries.length && this.entries[n].at < cutoff) n++
    if (n) this.entries.splice(0, n)
  }
}
