// Push, pull and load as background transfers. Each call returns the first snapshot at once;
// the work runs on, its progress parsed here in main (never in the renderer) and sent as
// coalesced 'transfers.update' events. A transfer ends only when the engine's stream ends.
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import type Docker from 'dockerode'
import type { BerthEvents, EventName } from '@shared/contract'
import { BerthError } from '@shared/contract/errors'
import type { PushPreflight } from '@shared/contract/transfers'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { CopyInput } from '@shared/contract/copy'
import type { ExportInput } from '@shared/contract/archive'
import type { ArchiveRunner } from '../archive'
import { runArchive } from './archiveRunner'
import { parseTarget } from '@shared/referenceCheck'
import type { CopyRunner, CopySpec } from '../copy'
import type { CredentialResolver } from '../credentials/resolve'
import { SnapshotCoalescer, type Clock, type ThrottleOptions } from '../engine/progress'
import { runCopy } from './copyRunner'
import { httpRefusedError } from './daemonJson'
import type { Resolve } from './insecure'
import { runLoad } from './loadRunner'
import type { headPushed } from './confirm'
import { engineFacts, pushPreflight } from './preflight'
import { runPull } from './pullRunner'
import { runPush } from './pushRunner'
import type { ImportInput, LoadInput, PullInput, PushInput, Run, RunContext, Spec } from './run'
import { preflightDeps, runContext, type RunEngine } from './runContext'
import { RunningTransfers } from './runningTransfers'
import type { ProbedScheme } from './schemeProbe'
import { loadSpec, pullSpec, pushSpec } from './specs'
import { cancelledError, startError } from './startErrors'
import { UploadMeter } from './uploadMeter'
import { m } from '@shared/i18n/message'
import { HistoryWriter, KEEP_TRANSFERS, readHistory, type StoredTransfer } from './history'
import { newTracker, restoredRun, snapshotOf, storableSpec } from './runView'
import type { RegistryScheme } from '@shared/contract/registryTypes'

export interface TransferServiceOptions {
  docker: () => Docker
  emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void
  credentials?: Pick<CredentialResolver, 'resolveCredentials' | 'credentialStatus'>
  /** True for a registry that refuses every push (Berth's Docker Hub cache). */
  refusesPushes?: (registry: string) => Promise<boolean>
  /** The scheme of a registry the user keeps in the sidebar. */
  knownScheme?: (registry: string) => RegistryScheme | undefined
  /** Berth's name for the engine ("Docker Desktop", "Podman"…), for daemon.json advice. */
  engineName?: () => string | undefined
  /** How many finished transfers to remember (default 500). */
  keepFinished?: number
  /** transfers.json in the data directory: transfers survive a restart. */
  historyFile?: string
  /** Registry → registry copies (kind 'copy'); without it, copy calls are refused. */
  copier?: CopyRunner
  /** Exports and imports (kinds 'export' and 'import'); without it, those calls are refused. */
  archive?: ArchiveRunner
  throttle?: ThrottleOptions
  clock?: Clock
  /** Replaceable for tests. */
  probe?: (address: string) => Promise<ProbedScheme>
  resolve?: Resolve
  headPushed?: typeof headPushed
  /** A remote engine's host (see EngineInfo.remoteHost). */
  engineHost?: () => string | undefined
  /** The endpoint of the engine Berth talks to now: each transfer stays tied to the one it started on. */
  engineLabel?: () => string | undefined
}

/** One runner per kind of transfer. */
function runSpec(run: Run, ctx: RunContext, copier: CopyRunner | undefined, archive: ArchiveRunner | undefined): Promise<void> {
  const { spec } = run
  switch (spec.kind) {
    case 'push':
      return runPush(run, spec, ctx)
    case 'pull':
      return runPull(run, spec, ctx)
    case 'load':
      return runLoad(run, spec, ctx)
    case 'copy':
      return runCopy(run, spec, ctx, copier)
    case 'export':
    case 'import':
      return runArchive(run, spec, ctx, archive)
  }
}

export class TransferService {
  private readonly runs: RunningTransfers
  private readonly coalescer: SnapshotCoalescer
  private readonly history?: HistoryWriter

  constructor(private readonly opts: TransferServiceOptions) {
    this.coalescer = new SnapshotCoalescer((s) => opts.emit('transfers.update', s), opts.throttle)
    this.runs = new RunningTransfers(opts.keepFinished ?? KEEP_TRANSFERS, (ids) => {
      opts.emit('transfers.removed', { ids })
      this.history?.schedule()
    })
    if (opts.historyFile) {
      this.history = new HistoryWriter(opts.historyFile, () => this.stored())
      for (const t of readHistory(opts.historyFile)) this.restore(t)
    }
  }

  push(input: PushInput): TransferSnapshot {
    return this.start(pushSpec(input))
  }

  pull(input: PullInput): TransferSnapshot {
    return this.start(pullSpec(input))
  }

  load(input: LoadInput): TransferSnapshot {
    return this.start(loadSpec(input))
  }

  /** Copies tags registry → registry; the first snapshot comes once both registries are known. */
  async copy(input: CopyInput): Promise<TransferSnapshot> {
    return this.start(await this.copier().prepare(input))
  }

  /** Writes tags of a registry (OCI archive) or local images (docker save) into one archive. */
  async export(input: ExportInput): Promise<TransferSnapshot> {
    return this.start(await this.archiveRunner().prepareExport(input))
  }

  /** Pushes an archive file into a registry without the engine. */
  async import(input: ImportInput): Promise<TransferSnapshot> {
    return this.start(await this.archiveRunner().prepareImport(input))
  }

  /** Starts a copy already prepared (a sync set's run). */
  startCopy(spec: CopySpec): TransferSnapshot {
    return this.start(spec)
  }

  /** What the engine and Berth know about a push target before anything starts. */
  preflight(target: string): Promise<PushPreflight> {
    const ref = parseTarget(target, 'push')
    return pushPreflight(ref.domain, preflightDeps(this.opts, true))
  }

  get(id: string): TransferSnapshot {
    return snapshotOf(this.runs.get(id))
  }

  /** Resolves with the final snapshot when done; rejects with the BerthError when failed or cancelled. */
  wait(id: string): Promise<TransferSnapshot> {
    try {
      return this.runs.get(id).done
    } catch (e) {
      return Promise.reject(e)
    }
  }

  cancel(id: string): TransferSnapshot {
    const run = this.runs.get(id)
    if (!run.tracker.isTerminal) {
      run.abort.abort()
      // Not streaming yet (preflight, tagging, auth): say so now rather than when that step returns.
      if (run.tracker.snapshot().state === 'queued') {
        run.tracker.cancel()
        this.publish(run)
      }
    }
    return snapshotOf(run)
  }

  /** Starts a failed or cancelled transfer again under the same id. */
  retry(id: string): TransferSnapshot {
    const run = this.runs.get(id)
    const state = run.tracker.snapshot().state
    if (state !== 'failed' && state !== 'cancelled' && state !== 'interrupted') {
      throw new BerthError('CONFLICT', m('errors.transfers.notRetryable', { kind: m(`kinds.${run.spec.kind}`), state: m(`transferStates.${state}`) }))
    }
    const now = this.opts.engineLabel?.()
    if (run.engine && now && now !== run.engine) {
      throw new BerthError('CONFLICT', m('errors.transfers.otherEngine', { kind: m(`kinds.${run.spec.kind}`), engine: run.engine, now }), m('hints.transfers.switchBack'))
    }
    if (run.spec.kind === 'export' && !run.spec.path) {
      throw new BerthError('INVALID_INPUT', m('errors.archive.downloadNotResumable', { name: run.spec.fileName }), m('hints.archive.exportAgain'))
    }
    if (run.spec.kind === 'import' && run.spec.temporary && !existsSync(run.spec.path)) {
      throw new BerthError('INVALID_INPUT', m('errors.transfers.uploadGone', { name: run.spec.fileName }), m('hints.transfers.dropAgain'))
    }
    if (run.spec.kind === 'load' && !run.spec.path) {
      throw new BerthError('INVALID_INPUT', m('errors.transfers.uploadGone', { name: run.spec.name }), m('hints.transfers.dropAgain'))
    }
    return this.start(run.spec, run.id)
  }

  list(): TransferSnapshot[] {
    return this.runs
      .all()
      .map((r) => snapshotOf(r))
      .sort((a, b) => b.startedAt - a.startedAt)
  }

  /** Forgets one finished transfer, or all of them. */
  dismiss(id?: string): string[] {
    return this.runs.dismiss(id)
  }

  dispose(): void {
    // Saved before the aborts below: what was running comes back as interrupted, not cancelled.
    this.history?.closeSync()
    this.runs.abortAll()
    this.coalescer.dispose()
  }

  // ---- internals ------------------------------------------------------------------------

  private start(spec: Spec, id: string = randomUUID()): TransferSnapshot {
    const tracker = newTracker(spec, id, { copier: () => this.copier(), archive: () => this.archiveRunner() }, this.opts.clock)
    const engine = spec.kind === 'copy' || spec.kind === 'import' || (spec.kind === 'export' && spec.from.kind === 'registry') ? undefined : this.opts.engineLabel?.()
    const run: Run = { id, spec, tracker, abort: new AbortController(), done: Promise.resolve(undefined as never), ...(engine ? { engine } : {}) }
    if (spec.kind === 'load') run.upload = new UploadMeter(spec.size, this.opts.clock)
    this.runs.add(run)
    run.done = this.execute(run)
    // wait() hands the rejection to whoever asks; nobody else should see it as unhandled.
    run.done.catch(() => undefined)
    const first = snapshotOf(run)
    this.coalescer.push(first)
    this.history?.schedule()
    return first
  }

  private async execute(run: Run): Promise<TransferSnapshot> {
    // Let start() return (and publish the first snapshot) before any work begins.
    await Promise.resolve()
    const update = (): void => this.publish(run)
    // The engine as the transfer starts, read once: an engine switch meanwhile is for the next one.
    let engine: RunEngine | undefined
    try {
      engine = { docker: this.opts.docker(), name: this.opts.engineName?.(), host: this.opts.engineHost?.() }
      await runSpec(run, runContext(run, update, this.opts, engine), this.opts.copier, this.opts.archive)
      if (run.upload) update() // the override turns bytes to 100 %
      return snapshotOf(run)
    } catch (e) {
      const kind = run.spec.kind
      let err = run.abort.signal.aborted ? cancelledError(kind) : startError(e, kind, run.tracker.registry, m('what.transfer', { kind: m(`kinds.${kind}`), reference: run.tracker.reference }))
      if (kind === 'copy' && err.code === 'CANCELLED') err = new BerthError(err.code, err.msg ?? err.message, m('hints.transfers.copyResumes'), err.details)
      const wasTerminal = run.tracker.isTerminal
      if (!wasTerminal) {
        if (err.code === 'CANCELLED') run.tracker.cancel()
        else run.tracker.fail(err)
      }
      const better = engine ? await this.explain(run, err, engine) : err
      const reworded = better !== err
      if (reworded) {
        run.errorOverride = better.toData()
        err = better
      }
      if (!wasTerminal || reworded) update()
      throw err
    }
  }

  /** The daemon's HTTP-refused text gets the snippet and file location for this very engine. */
  private async explain(run: Run, err: BerthError, engine: RunEngine): Promise<BerthError> {
    if (err.code !== 'REGISTRY_HTTP_REFUSED' || (run.spec.kind !== 'push' && run.spec.kind !== 'pull') || err.details?.daemonJson) return err
    const info = await engine.docker.info().catch(() => undefined)
    const daemonMessage = typeof err.details?.daemonMessage === 'string' ? err.details.daemonMessage : undefined
    return httpRefusedError(run.spec.registry, engineFacts(info, engine.name), daemonMessage)
  }

  private publish(run: Run): void {
    if (!this.runs.isCurrent(run)) return
    const snap = snapshotOf(run)
    this.coalescer.push(snap)
    if (snap.state !== run.saved) {
      run.saved = snap.state
      this.history?.schedule()
    }
  }

  /** Waits until the history file has every change so far (tests). */
  flushHistory(): Promise<void> {
    return this.history?.flush() ?? Promise.resolve()
  }

  private archiveRunner(): ArchiveRunner {
    if (!this.opts.archive) throw new BerthError('INTERNAL', m('errors.archive.unavailable'))
    return this.opts.archive
  }

  private copier(): CopyRunner {
    if (!this.opts.copier) throw new BerthError('INTERNAL', m('errors.copy.unavailable'))
    return this.opts.copier
  }

  private stored(): StoredTransfer[] {
    return this.runs.all().map((r) => ({ snapshot: snapshotOf(r), spec: storableSpec(r.spec) }))
  }

  private restore(t: StoredTransfer): void {
    this.runs.add(restoredRun(t))
  }
}
