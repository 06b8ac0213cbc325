// A copy's progress as a TransferSnapshot, like push and pull: one row per blob (waiting →
// checking → copying → copied / already exists / mounted), bytes, speed and ETA. Same
// invariants as the daemon tracker: bytes only grow and never pass the total.
import { BerthError } from '@shared/contract/errors'
import type { LayerPhase, LayerProgress, TransferSnapshot } from '@shared/contract/transferTypes'
import { TransferLifecycle } from '../engine/progress/lifecycle'
import type { Clock } from '../engine/progress/rate'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'
import { streamedThrough } from './deadReads'

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
  private message?: Msg
  /** Bytes that really went over the wire (speed), as opposed to skipped or mounted ones. */
  private moved = 0

  constructor(o: CopyProgressOptions) {
    const kind = o.kind ?? 'copy'
    super(o.clock, undefined, () => new BerthError('CANCELLED', m('errors.transfers.cancelled', { kind: m(`kinds.${kind}`) }), m(kind === 'export' ? 'hints.transfers.exportWhenReady' : 'hints.transfers.copyResumes')))
    this.kind = kind
    this.id = o.id
    this.reference = o.reference
    this.source = o.source
    this.registry = o.registry
  }

  note(message: Msg | undefined): void {
    this.message = message
  }

  addBlob(digest: string, size: number): void {
    if (this.blobs.has(digest)) return
    const labelMsg = m('layer.waiting')
    this.blobs.set(digest, { id: shortId(digest), phase: 'waiting', label: inEnglish(labelMsg), labelMsg, current: 0, total: size })
  }

  phase(digest: string, phase: LayerPhase, label: Msg): void {
    const b = this.blobs.get(digest)
    if (!b) return
    b.phase = phase
    b.label = inEnglish(label)
    b.labelMsg = label
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
    // Every byte a copy, export or import moves is counted here, so this is where its reads are freed.
    streamedThrough(n)
  }

  finish(digest?: string, message?: Msg): void {
    if (this.isTerminal) return
    this.start()
    this.digest = digest
    if (message) this.message = message
    this.end('done')
  }

  snapshot(): TransferSnapshot {
    const snap = this.lifecycleSnapshot({ id: this.id, kind: this.kind, reference: this.reference, layers: [...this.blobs.values()].map((b) => ({ ...b })) })
    snap.source = this.source
    snap.registry = this.registry
    if (this.digest !== undefined) snap.digest = this.digest
    if (this.message !== undefined) {
      snap.message = inEnglish(this.message)
      snap.messageMsg = this.message
    }
    return snap
  }
}

/** The 12 hex characters people know from docker's layer lines. */
export const shortId = (digest: string): string => digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13)
