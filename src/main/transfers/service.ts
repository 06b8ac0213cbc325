// Push, pull and load as background transfers. Each call returns the first snapshot at once;
// the work runs on, its progress parsed here in main (never in the renderer) and sent as
// coalesced 'transfers.update' events. A transfer ends only when the engine's stream ends.
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type Docker from 'dockerode'
import type { BerthEvents, EventName } from '@shared/contract'
import { BerthError, type ApiErrorData } from '@shared/contract/errors'
import type { PushPreflight } from '@shared/contract/transfers'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { familiarName, formatReference, parseReference, withDefaultTag } from '@shared/reference'
import type { CredentialResolver } from '../credentials/resolve'
import { toRegistryAuthHeader } from '../credentials/resolve'
import { engineError } from '../engine/engineErrors'
import { ProgressTracker, SnapshotCoalescer, etaSeconds, followDaemonStream, type Clock, type ThrottleOptions } from '../engine/progress'
import { httpRefusedError } from './daemonJson'
import { localLayerSizes, withExpectedSizes, type HighWater } from './expectedLayers'
import type { Resolve } from './insecure'
import { engineFacts, pushPreflight } from './preflight'
import type { ProbedScheme } from './schemeProbe'
import { cancelledError, startError } from './startErrors'
import { UploadMeter } from './uploadMeter'

export interface PushInput {
  /** Image ID or reference of the local image. */
  source: string
  /** Where to push it: registry/repository[:tag]. */
  target: string
}
export interface PullInput {
  reference: string
}
export type LoadInput = { path: string } | { stream: NodeJS.ReadableStream; name: string; size?: number }

export interface TransferServiceOptions {
  docker: () => Docker
  emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void
  credentials?: Pick<CredentialResolver, 'resolveCredentials' | 'credentialStatus'>
  /** The scheme of a registry the user keeps in the sidebar. */
  knownScheme?: (registry: string) => 'https' | 'http' | undefined
  /** Berth's name for the engine ("Docker Desktop", "Podman"…), for daemon.json advice. */
  engineName?: () => string | undefined
  /** How many finished transfers to remember. */
  keepFinished?: number
  throttle?: ThrottleOptions
  clock?: Clock
  /** Replaceable for tests. */
  probe?: (address: string) => Promise<ProbedScheme>
  resolve?: Resolve
}

type Spec =
  | { kind: 'push'; source: string; target: string; registry: string; name: string; tag: string }
  | { kind: 'pull'; reference: string; registry: string; fromImage: string; tag: string }
  | { kind: 'load'; name: string; path?: string; stream?: NodeJS.ReadableStream; size?: number }

interface Run {
  id: string
  spec: Spec
  tracker: ProgressTracker
  abort: AbortController
  done: Promise<TransferSnapshot>
  upload?: UploadMeter
  /** A better-worded error than the tracker recorded (engine-specific daemon.json advice). */
  errorOverride?: ApiErrorData
  /** Push: the local layers' sizes, so the total is right before the engine announces each layer. */
  expected?: Map<string, number>
  high?: HighWater
}

// X-Registry-Auth of no credentials: old engines read the auth from the body when the header is missing.
const NO_AUTH = Buffer.from('{}').toString('base64')

export class TransferService {
  private readonly runs = new Map<string, Run>()
  private readonly coalescer: SnapshotCoalescer
  private readonly keepFinished: number

  constructor(private readonly opts: TransferServiceOptions) {
    this.coalescer = new SnapshotCoalescer((s) => opts.emit('transfers.update', s), opts.throttle)
    this.keepFinished = opts.keepFinished ?? 100
  }

  push(input: PushInput): TransferSnapshot {
    const source = input.source.trim()
    if (!source) throw new BerthError('INVALID_INPUT', 'Choose an image to push.', 'Pick a local image by name or ID.')
    const ref = parseTarget(input.target)
    return this.start({ kind: 'push', source, target: formatReference(ref), registry: ref.domain, name: familiarName(ref), tag: ref.tag! })
  }

  pull(input: PullInput): TransferSnapshot {
    const ref = withDefaultTag(parseReference(input.reference.trim()))
    return this.start({ kind: 'pull', reference: formatReference(ref), registry: ref.domain, fromImage: familiarName(ref), tag: ref.digest ?? ref.tag! })
  }

  load(input: LoadInput): TransferSnapshot {
    if ('path' in input) {
      const path = input.path.trim()
      if (!path) throw new BerthError('INVALID_INPUT', 'A file path is required.', 'Drop a tar made by docker save.')
      return this.start({ kind: 'load', name: path.split(/[\\/]/).pop() || path, path })
    }
    return this.start({ kind: 'load', name: input.name || 'archive.tar', stream: input.stream, size: input.size })
  }

  /** What the engine and Berth know about a push target before anything starts. */
  preflight(target: string): Promise<PushPreflight> {
    const ref = parseTarget(target)
    return pushPreflight(ref.domain, this.preflightDeps(true))
  }

  get(id: string): TransferSnapshot {
    return this.snapshot(this.run(id))
  }

  /** Resolves with the final snapshot when done; rejects with the BerthError when failed or cancelled. */
  wait(id: string): Promise<TransferSnapshot> {
    try {
      return this.run(id).done
    } catch (e) {
      return Promise.reject(e)
    }
  }

  cancel(id: string): TransferSnapshot {
    const run = this.run(id)
    if (!run.tracker.isTerminal) {
      run.abort.abort()
      // Not streaming yet (preflight, tagging, auth): say so now rather than when that step returns.
      if (run.tracker.snapshot().state === 'queued') {
        run.tracker.cancel()
        this.publish(run)
      }
    }
    return this.snapshot(run)
  }

  /** Starts a failed or cancelled transfer again under the same id. */
  retry(id: string): TransferSnapshot {
    const run = this.run(id)
    const state = run.tracker.snapshot().state
    if (state !== 'failed' && state !== 'cancelled') {
      throw new BerthError('CONFLICT', `This ${run.spec.kind} is ${state}; only failed or cancelled transfers can be retried.`)
    }
    if (run.spec.kind === 'load' && !run.spec.path) {
      throw new BerthError('INVALID_INPUT', `The uploaded archive ${run.spec.name} is no longer available.`, 'Drop the file onto the window again.')
    }
    return this.start(run.spec, run.id)
  }

  list(): TransferSnapshot[] {
    return [...this.runs.values()].map((r) => this.snapshot(r)).sort((a, b) => b.startedAt - a.startedAt)
  }

  /** Forgets one finished transfer, or all of them. */
  dismiss(id?: string): string[] {
    const targets = id === undefined ? [...this.runs.values()] : [this.run(id)]
    if (id !== undefined && !targets[0]!.tracker.isTerminal) {
      throw new BerthError('CONFLICT', 'This transfer is still running.', 'Cancel it first, or wait until it ends.')
    }
    const removed = targets.filter((r) => r.tracker.isTerminal).map((r) => r.id)
    for (const r of removed) this.runs.delete(r)
    if (removed.length) this.opts.emit('transfers.removed', { ids: removed })
    return removed
  }

  dispose(): void {
    for (const run of this.runs.values()) if (!run.tracker.isTerminal) run.abort.abort()
    this.coalescer.dispose()
  }

  // ---- internals ------------------------------------------------------------------------

  private run(id: string): Run {
    const run = this.runs.get(id)
    if (!run) throw new BerthError('NOT_FOUND', 'No such transfer.', 'It may have been dismissed; refresh the transfers list.')
    return run
  }

  private start(spec: Spec, id: string = randomUUID()): TransferSnapshot {
    const tracker = new ProgressTracker({
      id,
      kind: spec.kind,
      reference: spec.kind === 'push' ? spec.target : spec.kind === 'pull' ? spec.reference : spec.name,
      registry: spec.kind === 'load' ? undefined : spec.registry,
      clock: this.opts.clock
    })
    const run: Run = { id, spec, tracker, abort: new AbortController(), done: Promise.resolve(undefined as never) }
    if (spec.kind === 'load') run.upload = new UploadMeter(spec.size, this.opts.clock)
    // A retry replaces the old run; re-inserting puts it at the end of the map.
    this.runs.delete(id)
    this.runs.set(id, run)
    run.done = this.execute(run)
    // wait() hands the rejection to whoever asks; nobody else should see it as unhandled.
    run.done.catch(() => undefined)
    this.forgetOld()
    const first = this.snapshot(run)
    this.coalescer.push(first)
    return first
  }

  private async execute(run: Run): Promise<TransferSnapshot> {
    // Let start() return (and publish the first snapshot) before any work begins.
    await Promise.resolve()
    const update = (): void => this.publish(run)
    try {
      if (run.spec.kind === 'push') await this.runPush(run, run.spec, update)
      else if (run.spec.kind === 'pull') await this.runPull(run, run.spec, update)
      else await this.runLoad(run, run.spec, update)
      if (run.upload) update() // the override turns bytes to 100 %
      return this.snapshot(run)
    } catch (e) {
      const kind = run.spec.kind
      let err = run.abort.signal.aborted ? cancelledError(kind) : startError(e, kind, run.tracker.registry, `${kind} ${run.tracker.reference}`)
      const wasTerminal = run.tracker.isTerminal
      if (!wasTerminal) {
        if (err.code === 'CANCELLED') run.tracker.cancel()
        else run.tracker.fail(err)
      }
      const better = await this.explain(run, err)
      const reworded = better !== err
      if (reworded) {
        run.errorOverride = better.toData()
        err = better
      }
      if (!wasTerminal || reworded) update()
      throw err
    }
  }

  private async runPush(run: Run, spec: Extract<Spec, { kind: 'push' }>, update: () => void): Promise<void> {
    const docker = this.opts.docker()
    // Both only read; the preflight's verdict decides whether anything happens.
    const [check, source] = await Promise.all([
      pushPreflight(spec.registry, this.preflightDeps(false)),
      docker
        .getImage(spec.source)
        .inspect()
        .then((info) => ({ info }), (error: unknown) => ({ error }))
    ])
    if (check.problem) throw BerthError.fromData(check.problem)
    if ('error' in source) throw engineError(source.error, `find image ${spec.source}`)
    this.throwIfAborted(run)
    const imageId = source.info.Id
    const repoTags = source.info.RepoTags ?? []
    run.expected = await localLayerSizes(docker, imageId)
    run.high = { done: 0, total: 0 }
    if (!repoTags.includes(`${spec.name}:${spec.tag}`)) {
      try {
        await docker.getImage(imageId).tag({ repo: spec.name, tag: spec.tag })
      } catch (e) {
        throw engineError(e, `tag ${spec.source} as ${spec.target}`)
      }
      this.opts.emit('images.changed', { reason: 'tag' })
    }
    this.throwIfAborted(run)

    const authconfig = await this.auth(spec.registry)
    this.throwIfAborted(run)
    // The name without the tag, and the tag apart: without `tag` the engine pushes every tag of
    // the repository, and Podman refuses a name with a tag.
    const stream = await docker.getImage(spec.name).push({ tag: spec.tag, authconfig, abortSignal: run.abort.signal })
    await followDaemonStream(stream, run.tracker, { signal: run.abort.signal, onUpdate: update })
    this.opts.emit('images.changed', { reason: 'push' })
  }

  private async runPull(run: Run, spec: Extract<Spec, { kind: 'pull' }>, update: () => void): Promise<void> {
    const docker = this.opts.docker()
    const authconfig = await this.auth(spec.registry)
    this.throwIfAborted(run)
    const stream = await docker.createImage(authconfig, { fromImage: spec.fromImage, tag: spec.tag, abortSignal: run.abort.signal })
    await followDaemonStream(stream, run.tracker, { signal: run.abort.signal, onUpdate: update })
    this.opts.emit('images.changed', { reason: 'pull' })
  }

  private async runLoad(run: Run, spec: Extract<Spec, { kind: 'load' }>, update: () => void): Promise<void> {
    const docker = this.opts.docker()
    const meter = run.upload!
    let source: NodeJS.ReadableStream
    if (spec.path) {
      meter.total = await fileSize(spec.path)
      source = createReadStream(spec.path)
    } else {
      source = spec.stream!
    }
    run.tracker.start()
    update()
    const counter = meter.counter(update)
    let sourceError: Error | undefined
    source.on('error', (e: Error) => {
      sourceError = e
      counter.destroy(e)
    })
    source.pipe(counter)
    try {
      const stream = await docker.loadImage(counter, { quiet: false, abortSignal: run.abort.signal })
      await followDaemonStream(stream, run.tracker, { signal: run.abort.signal, onUpdate: update })
    } catch (e) {
      if (sourceError && !run.abort.signal.aborted) {
        throw new BerthError('INVALID_INPUT', `Reading ${spec.name} stopped before its end: ${sourceError.message}`, spec.path ? 'Check the file, then retry.' : 'Drop the file onto the window again.')
      }
      throw e
    } finally {
      source.unpipe(counter)
      // A file is closed; an upload is drained so the web server can still answer the request.
      if (spec.path) (source as NodeJS.ReadableStream & { destroy(): void }).destroy()
      else source.resume()
    }
    this.opts.emit('images.changed', { reason: 'load' })
  }

  private async auth(registry: string): Promise<{ base64: string }> {
    const creds = await this.opts.credentials?.resolveCredentials(registry)
    return { base64: creds ? toRegistryAuthHeader(creds, registry) : NO_AUTH }
  }

  /** The daemon's HTTP-refused text gets the snippet and file location for this very engine. */
  private async explain(run: Run, err: BerthError): Promise<BerthError> {
    if (err.code !== 'REGISTRY_HTTP_REFUSED' || run.spec.kind === 'load' || err.details?.daemonJson) return err
    const info = await this.opts
      .docker()
      .info()
      .catch(() => undefined)
    const daemonMessage = typeof err.details?.daemonMessage === 'string' ? err.details.daemonMessage : undefined
    return httpRefusedError(run.spec.registry, engineFacts(info, this.opts.engineName?.()), daemonMessage)
  }

  private preflightDeps(withCredentials: boolean): Parameters<typeof pushPreflight>[1] {
    return {
      docker: this.opts.docker,
      knownScheme: this.opts.knownScheme,
      engineName: this.opts.engineName,
      probe: this.opts.probe,
      resolve: this.opts.resolve,
      credentialStatus: withCredentials ? this.opts.credentials?.credentialStatus : undefined
    }
  }

  private throwIfAborted(run: Run): void {
    if (run.abort.signal.aborted) throw cancelledError(run.spec.kind)
  }

  private publish(run: Run): void {
    // A retried transfer's old run must not speak over the new one.
    if (this.runs.get(run.id) !== run) return
    this.coalescer.push(this.snapshot(run))
  }

  private snapshot(run: Run): TransferSnapshot {
    const s = run.tracker.snapshot()
    const u = run.upload
    if (u) {
      // A load's bar is the archive going into the engine; its layers are listed as the engine reports them.
      const total = Math.max(u.total, u.done)
      s.bytesTotal = total
      s.bytesDone = s.state === 'done' ? total : u.done
      s.speed = s.state === 'running' ? u.speed() : 0
      s.etaSeconds = s.state === 'running' ? (u.finished ? null : etaSeconds(u.done, total, s.speed)) : s.state === 'done' ? 0 : null
      if (s.state === 'running' && !s.message) s.message = u.finished ? 'The engine is loading the layers…' : 'Sending the archive to the engine…'
    }
    if (run.expected && run.high) {
      withExpectedSizes(s, run.expected, run.high)
      if (s.state === 'running') s.etaSeconds = etaSeconds(s.bytesDone, s.bytesTotal, s.speed)
    }
    if (run.errorOverride) s.error = run.errorOverride
    return s
  }

  private forgetOld(): void {
    const finished = [...this.runs.values()].filter((r) => r.tracker.isTerminal)
    const excess = finished.length - this.keepFinished
    if (excess <= 0) return
    const oldest = finished.sort((a, b) => (a.tracker.snapshot().endedAt ?? 0) - (b.tracker.snapshot().endedAt ?? 0)).slice(0, excess)
    for (const r of oldest) this.runs.delete(r.id)
    this.opts.emit('transfers.removed', { ids: oldest.map((r) => r.id) })
  }
}

function parseTarget(target: string): ReturnType<typeof parseReference> {
  const ref = parseReference(target.trim())
  if (ref.digest) throw new BerthError('INVALID_INPUT', `A push target cannot contain a digest: "${target}".`, 'Remove the @sha256:… part; the registry computes the digest.')
  return withDefaultTag(ref)
}

async function fileSize(path: string): Promise<number> {
  try {
    const st = await stat(path)
    if (!st.isFile()) throw new BerthError('INVALID_INPUT', `${path} is not a file.`, 'Drop a tar made by docker save.')
    return st.size
  } catch (e) {
    if (e instanceof BerthError) throw e
    throw new BerthError('NOT_FOUND', `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, 'Check the file exists and you may read it.')
  }
}
