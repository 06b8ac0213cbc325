// Work that must not overlap (a settings file rewritten, a container recreated) runs one call
// at a time, in the order asked. A call's failure is its caller's: the next call still runs.
// Hand-written: a few lines, where a queue library would add a dependency for the same thing.
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve()

  /** `afterFailure` runs (in turn) when a call failed, e.g. to say what the failed call left behind. */
  constructor(private readonly afterFailure?: () => Promise<unknown>) {}

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn)
    this.tail = result.catch(() => this.afterFailure?.().catch(() => undefined))
    return result
  }
}
