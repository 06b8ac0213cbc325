// Folds the daemon's push/pull/load events into one TransferSnapshot. The invariants the UI
// relies on: a layer's bytes and size only grow, current never exceeds total, so the
// transfer's bytesDone is non-decreasing and never above bytesTotal (no bar past 100 %).
import { BerthError } from '@shared/contract/errors'
import { familiarReference } from '@shared/reference'
import type { TransferKind, TransferSnapshot } from '@shared/contract/transferTypes'
import { DIGEST_LINE, LOADED_IMAGE, eventError, isFinalStatus, type DaemonEvent } from './daemonEvent'
import { decodeDaemonError } from './errors'
import { applyLayerEvent, completeLayer, type Layer } from './layerProgress'
import { TransferLifecycle } from './lifecycle'
import type { Clock } from './rate'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

export interface ProgressTrackerOptions extends Pick<TransferSnapshot, 'id' | 'kind' | 'reference' | 'registry'> {
  clock?: Clock
  /** Speed window; see RateMeter. */
  rateWindowMs?: number
}

// Status lines that carry an id but are not about a layer (pull's id is the tag here).
const NOT_A_LAYER = [/^Pulling from /, /^Digest: /, /^Status: /, /^The push refers to/, DIGEST_LINE, /^Pulling repository/]

export class ProgressTracker extends TransferLifecycle {
  readonly id: string
  readonly kind: TransferKind
  readonly reference: string
  readonly registry?: string
  private readonly layers = new Map<string, Layer>()
  private digest?: string
  private size?: number
  private images: string[] = []
  private message?: string
  /** `message` as a catalog message when Berth wrote it (the daemon's "Status:" line has none). */
  private messageMsg?: Msg
  private sawFinal = false
  private sawAux = false
  /** The engine sent byte counts (Podman's compat API sends none: progress is then indeterminate). */
  private sawBytes = false
  /** The message is the "no final status line" warning, which a confirmed result withdraws. */
  private unconfirmed = false

  constructor(options: ProgressTrackerOptions) {
    super(options.clock, options.rateWindowMs, () => new BerthError('CANCELLED', m('errors.transfers.cancelled', { kind: m(`kinds.${options.kind}`) })))
    this.id = options.id
    this.kind = options.kind
    this.reference = options.reference
    this.registry = options.registry
  }

  /** True once the daemon sent the line that only comes at a successful end. */
  get sawFinalStatus(): boolean {
    return this.sawFinal
  }

  /** True when the daemon sent the classic store's authoritative aux {Digest, Size}. */
  get sawAuxDigest(): boolean {
    return this.sawAux
  }

  /**
   * After the stream: what Berth checked itself (the registry's HEAD after a push, the image's
   * RepoDigests after a pull) wins over the stream's lines, and withdraws the "unconfirmed"
   * warning. `notLayers`: ids the engine reported like layers that are not (Podman's config blob
   * and its final "Download complete" carry the image id).
   */
  confirm(result: { digest?: string; size?: number; notLayers?: string[] }): void {
    if (result.digest) this.digest = result.digest
    if (result.size !== undefined) this.size = result.size
    for (const id of result.notLayers ?? []) this.layers.delete(id)
    if (this.unconfirmed && result.digest) {
      this.message = undefined
      this.messageMsg = undefined
      this.unconfirmed = false
    }
  }

  /**
   * Applies one daemon event. Returns the decoded error when the event reports a failure
   * (the tracker is then 'failed'); the caller decides whether to stop reading.
   */
  feed(event: DaemonEvent): BerthError | undefined {
    if (this.isTerminal) return undefined
    this.start()
    const failure = eventError(event)
    if (failure !== undefined) {
      const err = decodeDaemonError(failure, { registry: this.registry, kind: this.kind })
      this.fail(err)
      return err
    }
    if (isFinalStatus(event)) this.sawFinal = true
    if (event.aux) this.applyAux(event.aux)
    if (event.stream) this.applyStream(event.stream)
    const status = event.status?.trim()
    if (status) {
      if (event.id && !NOT_A_LAYER.some((p) => p.test(status))) this.applyLayer(event.id, status, event)
      else this.applyStatus(status)
    }
    this.rate.record(this.bytes().done)
    return undefined
  }

  /** The stream ended without an error event: every layer counts as complete. */
  finish(options: { warning?: Msg } = {}): void {
    if (this.isTerminal) return
    this.start()
    for (const layer of this.layers.values()) {
      completeLayer(layer)
      if (this.kind === 'push') {
        if (layer.phase !== 'exists' && layer.phase !== 'mounted') layer.phase = 'pushed'
      } else if (layer.phase !== 'exists') layer.phase = 'done'
      if (layer.extract) layer.extract.current = layer.extract.total
    }
    if (options.warning) {
      this.message = inEnglish(options.warning)
      this.messageMsg = options.warning
      this.unconfirmed = true
    }
    this.end('done')
  }

  snapshot(): TransferSnapshot {
    const layers = [...this.layers.values()].map(({ complete: _complete, extract, ...layer }) => ({ ...layer, ...(extract ? { extract: { ...extract } } : {}) }))
    const snap = this.lifecycleSnapshot({ id: this.id, kind: this.kind, reference: this.reference, layers })
    if (this.registry !== undefined) snap.registry = this.registry
    if (this.digest !== undefined) snap.digest = this.digest
    if (this.size !== undefined) snap.size = this.size
    if (this.kind === 'load') snap.images = [...this.images]
    if (this.message !== undefined) snap.message = this.message
    if (this.messageMsg !== undefined) snap.messageMsg = this.messageMsg
    if (this.state === 'running' && !this.sawBytes) snap.indeterminate = true
    return snap
  }

  private bytes(): { done: number; total: number } {
    let done = 0
    let total = 0
    for (const layer of this.layers.values()) {
      done += layer.current
      total += layer.total
    }
    return { done, total }
  }

  private applyAux(aux: NonNullable<DaemonEvent['aux']>): void {
    // aux is the classic store's authoritative answer; it wins over the digest line.
    if (aux.Digest) {
      this.digest = aux.Digest
      this.sawAux = true
    }
    if (typeof aux.Size === 'number') this.size = aux.Size
  }

  private applyStream(text: string): void {
    const m = LOADED_IMAGE.exec(text.trim())
    if (!m) return
    // Podman names what it loaded in full (docker.io/library/x:1); people know it as x:1.
    const name = familiarReference(m[1])
    if (!this.images.includes(name)) this.images.push(name)
    // The archive is in: whatever the last "Loading layer" said, every layer is loaded.
    for (const layer of this.layers.values()) {
      completeLayer(layer)
      layer.phase = 'done'
    }
  }

  private applyStatus(status: string): void {
    const digestLine = DIGEST_LINE.exec(status)
    if (digestLine) {
      // Fallback for the containerd store and Podman, which send no aux.
      this.digest ??= digestLine[2]
      if (digestLine[3] !== undefined) this.size ??= Number(digestLine[3])
      return
    }
    if (status.startsWith('Digest: ')) {
      this.digest = status.slice('Digest: '.length).trim()
      return
    }
    if (status.startsWith('Status: ')) this.message = status.slice('Status: '.length).trim()
  }

  private applyLayer(id: string, status: string, event: DaemonEvent): void {
    let layer = this.layers.get(id)
    if (!layer) {
      layer = { id, phase: 'waiting', label: status, current: 0, total: 0, complete: false }
      this.layers.set(id, layer)
    }
    const detail = event.progressDetail
    // Podman's compat API never sends byte counts; one count is enough to know this engine does.
    if (detail && (finiteCount(detail.current) || finiteCount(detail.total))) this.sawBytes = true
    applyLayerEvent(layer, status, detail)
  }
}

function finiteCount(n: number | undefined): boolean {
  return typeof n === 'number' && Number.isFinite(n) && n > 0
}
