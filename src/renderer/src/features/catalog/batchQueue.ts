// Lazy, bounded fetching for virtualized lists: the list says which keys are on screen, the
// queue fetches the ones not asked for yet in small batches, a few batches at a time. Keys
// that scrolled away before their turn are dropped, so a fast scroll costs nothing.
export class BatchQueue {
  private waiting: string[] = []
  private readonly requested = new Set<string>()
  private running = 0

  constructor(
    private readonly fetchBatch: (keys: string[]) => Promise<void>,
    private readonly batchSize: number,
    private readonly maxInFlight: number
  ) {}

  /** Replaces what is waiting with these keys (those not fetched or in flight already). */
  want(keys: readonly string[]): void {
    this.waiting = keys.filter((k) => !this.requested.has(k))
    this.pump()
  }

  /** Allows fetching these keys again (after a refresh or a failed batch). */
  forget(keys?: readonly string[]): void {
    if (!keys) {
      this.requested.clear()
      this.waiting = []
      return
    }
    for (const k of keys) this.requested.delete(k)
  }

  get pending(): number {
    return this.waiting.length + this.running
  }

  private pump(): void {
    while (this.running < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.batchSize)
      for (const k of batch) this.requested.add(k)
      this.running++
      void this.fetchBatch(batch)
        .catch(() => undefined)
        .finally(() => {
          this.running--
          this.pump()
        })
    }
  }
}
