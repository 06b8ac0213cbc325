// Every transfer Berth remembers, by id: the running ones and the last finished ones (older
// finished ones are forgotten, and the UI told, so a long session does not grow without end).
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import type { Run } from './run'

export class RunningTransfers {
  private readonly runs = new Map<string, Run>()

  constructor(
    private readonly keepFinished: number,
    /** Told which ids were forgotten (dismissed, or too old). */
    private readonly onRemoved: (ids: string[]) => void
  ) {}

  get(id: string): Run {
    const run = this.runs.get(id)
    if (!run) throw new BerthError('NOT_FOUND', m('errors.transfers.noSuch'), m('hints.transfers.dismissed'))
    return run
  }

  /** False for a retried transfer's old run: it must not speak over the new one. */
  isCurrent(run: Run): boolean {
    return this.runs.get(run.id) === run
  }

  /** Adds a run; a retry replaces the old run of its id (and moves to the end). */
  add(run: Run): void {
    this.runs.delete(run.id)
    this.runs.set(run.id, run)
    this.forgetOld()
  }

  all(): Run[] {
    return [...this.runs.values()]
  }

  /** Forgets one finished transfer, or all finished ones. */
  dismiss(id?: string): string[] {
    const targets = id === undefined ? this.all() : [this.get(id)]
    if (id !== undefined && !targets[0]!.tracker.isTerminal) {
      throw new BerthError('CONFLICT', m('errors.transfers.stillRunning'), m('hints.transfers.cancelFirst'))
    }
    const removed = targets.filter((r) => r.tracker.isTerminal).map((r) => r.id)
    for (const r of removed) this.runs.delete(r)
    if (removed.length) this.onRemoved(removed)
    return removed
  }

  abortAll(): void {
    for (const run of this.runs.values()) if (!run.tracker.isTerminal) run.abort.abort()
  }

  private forgetOld(): void {
    const finished = this.all().filter((r) => r.tracker.isTerminal)
    const excess = finished.length - this.keepFinished
    if (excess <= 0) return
    // Interrupted ones never ended: they were running when Berth quit, so they count as newest.
    const ended = (r: Run): number => r.tracker.snapshot().endedAt ?? Infinity
    const oldest = finished.sort((a, b) => ended(a) - ended(b)).slice(0, excess)
    for (const r of oldest) this.runs.delete(r.id)
    this.onRemoved(oldest.map((r) => r.id))
  }
}
