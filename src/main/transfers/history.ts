// Transfers outlive a restart: the last 500 finished ones (push, pull, load, copy), and those
// running at quit, which come back "interrupted" with Retry. One JSON file in the data
// directory, rewritten atomically (temp file + rename) a moment after something changed.
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { BerthError } from '@shared/contract/errors'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { writeFileAtomic } from '../credentials/store'
import { readOwnJsonFile } from '../ownJsonFile'
import { nextRev } from '../revision'
import { m } from '@shared/i18n/message'

/** Finished transfers kept (and shown) across restarts. */
export const KEEP_TRANSFERS = 500

export interface StoredTransfer {
  snapshot: TransferSnapshot
  /** What Retry needs to start it again (no secrets: registries by address or id, files by path). */
  spec?: Record<string, unknown>
}

interface FileShape {
  version: 1
  transfers: StoredTransfer[]
}

const interrupted = (): BerthError =>
  new BerthError('CANCELLED', m('errors.transfers.interrupted'), m('hints.transfers.interrupted'))

/** Reads the saved transfers; those that were running become 'interrupted'. Damaged files are ignored. */
export function readHistory(file: string): StoredTransfer[] {
  const parsed = readOwnJsonFile(file) as Partial<FileShape> | undefined
  if (!Array.isArray(parsed?.transfers)) return []
  return parsed.transfers.filter(isStored).map((t) => {
    if (t.snapshot.state !== 'queued' && t.snapshot.state !== 'running') return t
    return { ...t, snapshot: { ...t.snapshot, state: 'interrupted', speed: 0, etaSeconds: null, error: interrupted().toData() } }
  })
}

export class HistoryWriter {
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly file: string,
    private readonly entries: () => StoredTransfer[],
    private readonly delayMs = 250
  ) {}

  /** Writes soon; many changes in a burst become one write. */
  schedule(): void {
    if (this.closed || this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      const text = this.serialize()
      this.writing = this.writing.then(() => writeFileAtomic(this.file, text, 0o644)).catch((e: unknown) => console.warn(`[berth] could not save transfers: ${(e as Error).message}`))
    }, this.delayMs)
    this.timer.unref?.()
  }

  /** Waits for the pending write (tests, shutdown). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = undefined
      const text = this.serialize()
      this.writing = this.writing.then(() => writeFileAtomic(this.file, text, 0o644))
    }
    await this.writing
  }

  /**
   * The final write at quit, synchronous because the process is about to exit; running transfers
   * are saved as running so the next start marks them interrupted. Nothing is written afterwards.
   */
  closeSync(): void {
    if (this.closed) return
    this.closed = true
    clearTimeout(this.timer)
    const tmp = `${this.file}.${process.pid}.closing.tmp`
    try {
      mkdirSync(dirname(this.file), { recursive: true })
      writeFileSync(tmp, this.serialize(), { mode: 0o644 })
      renameSync(tmp, this.file)
    } catch (e) {
      console.warn(`[berth] could not save transfers: ${(e as Error).message}`)
      try {
        unlinkSync(tmp)
      } catch {
        /* not there */
      }
    }
  }

  private serialize(): string {
    const data: FileShape = { version: 1, transfers: this.entries() }
    return JSON.stringify(data)
  }
}

function isStored(v: unknown): v is StoredTransfer {
  const s = (v as StoredTransfer | undefined)?.snapshot
  return !!s && typeof s.id === 'string' && typeof s.kind === 'string' && typeof s.state === 'string' && typeof s.startedAt === 'number' && Array.isArray(s.layers)
}

/** A transfer read back from disk: it only shows its last snapshot until retried. */
export class RestoredTracker {
  readonly isTerminal = true
  readonly reference: string
  readonly registry?: string

  constructor(private readonly last: TransferSnapshot) {
    this.reference = last.reference
    this.registry = last.registry
  }

  start(): void {}
  fail(): void {}
  cancel(): void {}
  snapshot(): TransferSnapshot {
    // A fresh revision: the one saved belongs to the previous run of Berth.
    return { ...structuredClone(this.last), rev: nextRev() }
  }
}
