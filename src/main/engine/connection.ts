import type Docker from 'dockerode'
import { BerthError, type EndpointAttempt, type EngineInfo, type EngineStatus } from '@shared/contract'
import { createEngineClient } from './client'
import { candidateEndpoints, type Endpoint } from './endpoints'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

const PING_TIMEOUT_MS = 3000

export interface EngineConnectionOptions {
  endpoints?: Endpoint[]
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
  private status: EngineStatus = { state: 'down', tried: [], hint: 'Not checked yet.', checkedAt: 0 }
  private timer: NodeJS.Timeout | undefined
  private probing: Promise<EngineStatus> | undefined
  private readonly endpoints: () => Endpoint[]

  constructor(private readonly opts: EngineConnectionOptions = {}) {
    this.endpoints = () => opts.endpoints ?? candidateEndpoints()
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
      const docker = createEngineClient(endpoint.options)
      try {
        const version = await withTimeout(docker.version(), PING_TIMEOUT_MS)
        this.client = docker
        return this.publish({ state: 'connected', engine: engineInfo(version, endpoint.label), checkedAt: Date.now() })
      } catch (e) {
        const why = describeConnectError(e)
        tried.push({ endpoint: endpoint.label, error: typeof why === 'string' ? why : inEnglish(why), ...(typeof why === 'string' ? {} : { errorMsg: why }) })
      }
    }
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
function describeConnectError(e: unknown): Msg | string {
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
