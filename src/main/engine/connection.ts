import type Docker from 'dockerode'
import { BerthError, type EndpointAttempt, type EngineChoice, type EngineInfo, type EngineStatus } from '@shared/contract'
import { createEngineClient } from './client'
import { candidateEndpoints, knownEndpoints, remoteHostOf, type Endpoint } from './endpoints'
import { describeSshError } from './ssh'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

const PING_TIMEOUT_MS = 3000

export interface EngineConnectionOptions {
  endpoints?: Endpoint[]
  /** What the engine picker offers; default: `endpoints`, else DOCKER_HOST, contexts and sockets. */
  choices?: () => (Endpoint & { source?: EngineChoice['source'] })[]
  /** The endpoint the user chose last time (its label). */
  chosen?: string
  /** How often to ping a live engine / retry a dead one. */
  healthyIntervalMs?: number
  downIntervalMs?: number
  onStatus?: (status: EngineStatus) => void
}

/**
 * Owns the dockerode client. Probes the candidate endpoints, keeps watching the one that
 * answered, and reconnects by itself when the engine comes back.
 */
export class EngineConnection {
  private client: Docker | undefined
  private status: EngineStatus = downStatus(m('engine.notChecked'))
  private timer: NodeJS.Timeout | undefined
  private probing: Promise<EngineStatus> | undefined
  private readonly automatic: () => Endpoint[]
  private readonly known: () => (Endpoint & { source?: EngineChoice['source'] })[]
  private chosen: string | undefined

  constructor(private readonly opts: EngineConnectionOptions = {}) {
    this.automatic = () => opts.endpoints ?? candidateEndpoints()
    this.known = opts.choices ?? (() => opts.endpoints ?? knownEndpoints())
    this.chosen = opts.chosen
  }

  /** The user's choice when it is still offered; else the automatic order. */
  private endpoints(): Endpoint[] {
    const chosen = this.chosen === undefined ? undefined : this.known().find((e) => e.label === this.chosen)
    return chosen ? [chosen] : this.automatic()
  }

  /** The endpoint the user chose (undefined: automatic). */
  get choice(): string | undefined {
    return this.chosen
  }

  /** Talk to this endpoint from now on (undefined: pick automatically again); probes at once. */
  use(label: string | undefined): Promise<EngineStatus> {
    if (label !== undefined && !this.known().some((e) => e.label === label)) {
      throw new BerthError('NOT_FOUND', m('errors.engine.unknown', { label }), m('hints.engine.pickAgain'))
    }
    this.chosen = label
    this.client = undefined
    this.status = downStatus(m('engine.switching'))
    this.probing = undefined // a probe still running is about the old choice
    return this.check()
  }

  /** Every engine Berth knows, each asked for its version now (in parallel, briefly). */
  async list(): Promise<EngineChoice[]> {
    const current = this.connected()?.endpoint
    return Promise.all(
      this.known().map(async (e): Promise<EngineChoice> => {
        const base = { endpoint: e.label, source: e.source ?? 'socket', current: e.label === current }
        if (e.problem) return { ...base, state: 'down', error: e.problem }
        try {
          const v = await withTimeout(createEngineClient(e.options).version(), PING_TIMEOUT_MS)
          const info = engineInfo(v, e.label)
          return { ...base, state: 'up', name: info.name, version: info.version }
        } catch (err) {
          const why = describeConnectError(err, e.label)
          return { ...base, state: 'down', error: typeof why === 'string' ? why : inEnglish(why) }
        }
      })
    )
  }

  /** The dockerode client, or ENGINE_UNREACHABLE. */
  docker(): Docker {
    if (!this.client) {
      throw new BerthError('ENGINE_UNREACHABLE', m('errors.engine.none'), m('hints.engine.start'))
    }
    return this.client
  }

  current(): EngineStatus {
    return this.status
  }

  /** The engine Berth is connected to, or undefined while none answers. */
  connected(): EngineInfo | undefined {
    return this.status.state === 'connected' ? this.status.engine : undefined
  }

  /** Probe now (deduplicated when already probing). */
  check(): Promise<EngineStatus> {
    this.probing ??= this.probe().finally(() => (this.probing = undefined))
    return this.probing
  }

  start(): void {
    void this.check().then(() => this.schedule())
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private schedule(): void {
    this.stop()
    const ms = this.status.state === 'connected' ? (this.opts.healthyIntervalMs ?? 3000) : (this.opts.downIntervalMs ?? 2000)
    this.timer = setTimeout(() => void this.check().then(() => this.schedule()), ms)
    this.timer.unref()
  }

  private async probe(): Promise<EngineStatus> {
    const chosen = this.chosen
    // A live engine only needs a ping; a dead one means trying every endpoint again.
    if (this.client && this.status.state === 'connected') {
      try {
        await withTimeout(this.client.ping(), PING_TIMEOUT_MS)
        return this.status
      } catch {
        this.client = undefined
      }
    }
    const tried: EndpointAttempt[] = []
    for (const endpoint of this.endpoints()) {
      if (endpoint.problem) {
        tried.push({ endpoint: endpoint.label, error: endpoint.problem })
        continue
      }
      const docker = createEngineClient(endpoint.options)
      try {
        const version = await withTimeout(docker.version(), PING_TIMEOUT_MS)
        // A switch made while this probe ran wins; this answer is about the old choice.
        if (chosen !== this.chosen) return this.status
        this.client = docker
        const remote = remoteHostOf(endpoint)
        return this.publish({ state: 'connected', engine: { ...engineInfo(version, endpoint.label), ...(remote ? { remoteHost: remote } : {}) }, checkedAt: Date.now() })
      } catch (e) {
        const why = describeConnectError(e, endpoint.label)
        tried.push({ endpoint: endpoint.label, error: typeof why === 'string' ? why : inEnglish(why), ...(typeof why === 'string' ? {} : { errorMsg: why }) })
      }
    }
    if (chosen !== this.chosen) return this.status
    return this.publish({ state: 'down', tried, hint: inEnglish(startHint()), hintMsg: startHint(), checkedAt: Date.now() })
  }

  private publish(next: EngineStatus): EngineStatus {
    const changed = JSON.stringify({ ...next, checkedAt: 0 }) !== JSON.stringify({ ...this.status, checkedAt: 0 })
    this.status = next
    if (changed) this.opts.onStatus?.(next)
    return next
  }
}

function engineInfo(v: Docker.DockerVersion & { Platform?: { Name?: string }; Components?: { Name: string }[] }, endpoint: string): EngineInfo {
  const platform = v.Platform?.Name ?? ''
  const isPodman = (v.Components ?? []).some((c) => /podman/i.test(c.Name))
  const name = isPodman ? 'Podman' : /desktop/i.test(platform) ? 'Docker Desktop' : 'Docker Engine'
  return { name, version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch, endpoint }
}

/** Berth's words for the usual causes; the system's own text otherwise. */
function describeConnectError(e: unknown, label: string): Msg | string {
  const ssh = label.includes('ssh://') ? describeSshError(e, label) : undefined
  if (ssh) return ssh
  const err = e as NodeJS.ErrnoException
  if (err.code === 'ENOENT') return m('errors.engine.noSocket')
  if (err.code === 'EACCES') return m('errors.engine.permission')
  if (err.code === 'ECONNREFUSED') return m('errors.engine.refused')
  return err.message || String(e)
}

function startHint(): Msg {
  return m(process.platform === 'linux' ? 'hints.engine.startLinux' : 'hints.engine.startDesktop')
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e))
    )
  })
}

/** Down before any probe answered: only the hint is known. */
function downStatus(hintMsg: Msg): EngineStatus {
  return { state: 'down', tried: [], hint: inEnglish(hintMsg), hintMsg, checkedAt: 0 }
}
