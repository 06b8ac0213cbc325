// The Docker Hub cache: one registry:2 of Berth's in proxy mode beside the local registry (own
// container, label, port 5001 by default and volume). It reuses the local registry's steps (port
// check, image pull, readiness, container lookup by label) through a RegistryContext of its own
// identity. Plain Node; every change runs one at a time.
import { join } from 'node:path'
import type Docker from 'dockerode'
import { BerthError, isBerthError } from '@shared/contract/errors'
import { m, type Msg } from '@shared/i18n/message'
import { DOCKER_HUB_UPSTREAM, HUB_CACHE_DEFAULT_PORT, normalizeUpstream, type HubCacheStartInput, type HubCacheStatus } from '@shared/contract/hubCache'
import { registryKey } from '../credentials/registryKey'
import { engineError } from '../engine/engineErrors'
import { findRegistryContainer, inspectRegistryContainer, recentLogs, removeRegistryContainers, stopContainer } from '../localRegistry/containers'
import { RegistryContext } from '../localRegistry/context'
import { normalizeMirror, type ImagePuller } from '../localRegistry/image'
import type { CredentialSink } from '../localRegistry/options'
import { assertPortFree } from '../localRegistry/ports'
import { waitReady } from '../localRegistry/readiness'
import { ensureImage } from '../localRegistry/registryImage'
import { localAddress, type RegistryIdentity } from '../localRegistry/spec'
import { isMissingInit, startContainer } from '../localRegistry/startErrors'
import { volumeExists } from '../localRegistry/volume'
import { nextRev } from '../revision'
import { registryMirrorAdvice } from '../transfers/daemonJson'
import { engineFacts } from '../transfers/preflight'
import { cacheContainerOptions, cacheSetupOf, HUB_CACHE_IDENTITY, type CacheSetup } from './spec'
import { readCacheSettings, writeCacheSettings, type HubCacheSettings } from './settings'

export interface HubCacheOptions {
  docker: () => Docker
  dataDir: string
  /** Sealed upstream passwords, keyed by the upstream's host (a store of their own, not the user's logins). */
  secrets?: CredentialSink
  puller?: ImagePuller
  engineHost?: () => string | undefined
  engineName?: () => string | undefined
  onStatus?: (status: HubCacheStatus) => void
  onImagesChanged?: (reason: string) => void
  readyTimeoutMs?: number
}

/** What start takes: the contract's input (undefined login keeps the saved one; null is anonymous). */
export type HubCacheStart = HubCacheStartInput

const LOG_LINES = 12

/** waitReady's sentences name "the local registry": the same sentences about the cache. */
function inCacheWords(msg: Msg | undefined): Msg | undefined {
  if (msg?.key === 'errors.local.exitedCode') return m('errors.hubCache.exitedCode', msg.params)
  if (msg?.key === 'errors.local.exited') return m('errors.hubCache.exited')
  if (msg?.key === 'errors.local.noAnswer') return m('errors.hubCache.noAnswer', msg.params)
  return undefined
}

export class HubCacheService {
  private readonly ctx: RegistryContext
  private readonly settingsFile: string
  private queue: Promise<unknown> = Promise.resolve()
  /** The cache's address as last read: pushes and copies to it are refused. */
  private address: string | undefined
  private exists = false
  private network: string | undefined

  constructor(private readonly opts: HubCacheOptions) {
    this.settingsFile = join(opts.dataDir, 'hub-cache.json')
    this.ctx = new RegistryContext(
      { ...HUB_CACHE_IDENTITY, docker: opts.docker, dataDir: opts.dataDir, settingsFile: this.settingsFile, defaultPort: HUB_CACHE_DEFAULT_PORT, puller: opts.puller, engineHost: opts.engineHost, readyTimeoutMs: opts.readyTimeoutMs, onImagesChanged: opts.onImagesChanged },
      { activity: () => void this.publish().catch(() => undefined), size: () => undefined }
    )
  }

  /**
   * Renames what Berth manages and the default port, and names a docker network the cache joins
   * (tests, embedders: an upstream that lives on that network). Call it first.
   */
  configure(change: Partial<RegistryIdentity> & { defaultPort?: number; network?: string }): void {
    const { network, ...rest } = change
    this.ctx.configure(rest)
    if (network !== undefined) this.network = network
  }

  /** True when `address` is the cache: it refuses pushes, so pushes and copies there are refused up front. */
  async isCache(address: string): Promise<boolean> {
    if (this.address === undefined) await this.status().catch(() => undefined)
    return this.exists && this.address !== undefined && sameLoopbackAddress(registryKey(address), this.address)
  }

  async status(): Promise<HubCacheStatus> {
    const rev = nextRev()
    const docker = this.ctx.docker()
    const saved = await readCacheSettings(this.settingsFile)
    const found = await findRegistryContainer(this.ctx)
    const info = found ? await docker.getContainer(found.Id).inspect().catch(() => undefined) : undefined
    const setup = info ? cacheSetupOf(info) : { port: saved.port ?? this.ctx.defaultPort, upstream: saved.upstream ?? DOCKER_HUB_UPSTREAM, ...(saved.username ? { username: saved.username } : {}) }
    const address = localAddress(setup.port)
    const engine = (await docker.info().catch(() => undefined)) as (Parameters<typeof engineFacts>[0] & { RegistryConfig?: { Mirrors?: string[] | null } }) | undefined
    const state: HubCacheStatus['state'] = !info ? 'absent' : info.State.Restarting ? 'restarting' : info.State.Running ? 'running' : 'stopped'
    const activity = this.ctx.activity.current()
    const status: HubCacheStatus = {
      rev,
      state,
      ...(activity ? { activity: activity.message, ...(activity.messageMsg ? { activityMsg: activity.messageMsg } : {}) } : {}),
      containerName: this.ctx.identity.containerName,
      volumeName: this.ctx.identity.volumeName,
      volumeExists: await volumeExists(docker, this.ctx.identity.volumeName).catch(() => false),
      port: setup.port,
      address,
      upstream: setup.upstream,
      ...(setup.username ? { username: setup.username } : {}),
      engineUsesIt: (engine?.RegistryConfig?.Mirrors ?? []).some((m) => sameLoopbackAddress(normalizeMirror(m), address)),
      logs: info ? await recentLogs(this.ctx, info.Id, LOG_LINES) : []
    }
    if (engine) {
      const { engine: kind, where, snippet, restart, whereMsg, restartMsg } = registryMirrorAdvice(address, engineFacts(engine, this.opts.engineName?.()))
      status.mirrorSetting = { engine: kind, where, snippet, restart, whereMsg, restartMsg }
    }
    this.address = address
    this.exists = state !== 'absent'
    return status
  }

  start(input: HubCacheStart = {}): Promise<HubCacheStatus> {
    return this.mutate(async () => {
      const saved = await readCacheSettings(this.settingsFile)
      const setup = await this.wantedSetup(saved, input)
      const info = await inspectRegistryContainer(this.ctx)
      if (info) {
        const now = cacheSetupOf(info)
        const same = now.port === setup.port && now.upstream === setup.upstream && now.username === setup.login?.username && input.login?.password === undefined
        if (same) {
          if (!info.State.Running) await this.startExisting(info, setup)
          return
        }
        // Another port, upstream or login: a new container over the same volume (cached images stay).
        await this.ctx.activity.run('recreating', m('activity.hubCache.recreating'), () => removeRegistryContainers(this.ctx))
      }
      await assertPortFree(this.ctx.docker(), setup.port, false, undefined, this.ctx.isRemote())
      await ensureImage(this.ctx, undefined)
      await this.create(setup)
      await this.save(setup)
    })
  }

  stop(): Promise<HubCacheStatus> {
    return this.mutate(async () => {
      const info = await inspectRegistryContainer(this.ctx)
      if (!info) throw new BerthError('NOT_FOUND', m('errors.hubCache.noneToStop'), m('hints.hubCache.startFirst'))
      if (info.State.Running || info.State.Restarting) await this.ctx.activity.run('stopping', m('activity.hubCache.stopping'), () => stopContainer(this.ctx, info.Id))
    })
  }

  /** Removes the container; `withData` also removes the volume and every cached image in it. */
  remove(withData: boolean): Promise<HubCacheStatus> {
    return this.mutate(() =>
      this.ctx.activity.run('removing', withData ? m('activity.hubCache.removingAll') : m('activity.hubCache.removingContainer'), async () => {
        await removeRegistryContainers(this.ctx)
        if (!withData) return
        const { volumeName } = this.ctx.identity
        try {
          if (await volumeExists(this.ctx.docker(), volumeName)) await this.ctx.docker().getVolume(volumeName).remove()
        } catch (e) {
          throw engineError(e, m('what.local.removeVolume', { volume: volumeName }))
        }
      })
    )
  }

  /** The setup a start asks for: what it says, else what was saved, else Docker Hub on 5001. */
  private async wantedSetup(saved: HubCacheSettings, input: HubCacheStart): Promise<CacheSetup> {
    const upstream = input.upstream !== undefined ? normalizeUpstream(input.upstream) : (saved.upstream ?? DOCKER_HUB_UPSTREAM)
    const setup: CacheSetup = { port: input.port ?? saved.port ?? this.ctx.defaultPort, upstream }
    const key = registryKey(new URL(upstream).host)
    if (input.login === null) return setup
    const username = input.login?.username ?? saved.username
    if (!username) return setup
    const password = input.login?.password || (await this.opts.secrets?.get(key))?.password
    if (!password) throw new BerthError('INVALID_INPUT', m('errors.hubCache.passwordNeeded', { username, upstream }), m('hints.hubCache.anonymous'))
    setup.login = { username, password }
    return setup
  }

  private async save(setup: CacheSetup): Promise<void> {
    const key = registryKey(new URL(setup.upstream).host)
    // Anonymous now: the saved password goes too (it only ever served this upstream).
    if (setup.login) await this.opts.secrets?.set(key, setup.login)
    else await this.opts.secrets?.remove(key)
    await writeCacheSettings(this.settingsFile, { port: setup.port, upstream: setup.upstream, ...(setup.login ? { username: setup.login.username } : {}) })
  }

  private async create(setup: CacheSetup): Promise<void> {
    const docker = this.ctx.docker()
    const { volumeName, labelValue } = this.ctx.identity
    await this.ctx.activity.run('starting', m('activity.hubCache.startingOn', { address: localAddress(setup.port) }), async () => {
      let container: Docker.Container | undefined
      const createdVolume = !(await volumeExists(docker, volumeName))
      try {
        if (createdVolume) await docker.createVolume({ Name: volumeName, Labels: { 'berth.managed': labelValue } })
        container = await docker.createContainer(cacheContainerOptions(this.ctx.identity, setup, true, this.network)).catch((e: unknown) => {
          throw engineError(e, m('what.hubCache.create'))
        })
        try {
          await startContainer(this.ctx, container, { port: setup.port, shared: false })
        } catch (e) {
          if (!isMissingInit(e)) throw e
          // An engine without an init binary (some Podman setups): run without.
          await container.remove({ force: true })
          container = await docker.createContainer(cacheContainerOptions(this.ctx.identity, setup, false, this.network))
          await startContainer(this.ctx, container, { port: setup.port, shared: false })
        }
        await this.ready(container.id, setup.port, setup.upstream)
      } catch (e) {
        if (container) await container.remove({ force: true }).catch(() => undefined)
        if (createdVolume) await docker.getVolume(volumeName).remove().catch(() => undefined)
        throw e
      }
    })
  }

  private async startExisting(info: Docker.ContainerInspectInfo, setup: CacheSetup): Promise<void> {
    await this.ctx.activity.run('starting', m('activity.hubCache.starting'), async () => {
      await assertPortFree(this.ctx.docker(), setup.port, false, info.Id, this.ctx.isRemote())
      await startContainer(this.ctx, this.ctx.docker().getContainer(info.Id), { port: setup.port, shared: false })
      await this.ready(info.Id, setup.port, setup.upstream)
    })
  }

  /**
   * waitReady speaks of "the local registry": say which registry this is. registry:2 asks its
   * upstream for /v2/ as it starts and panics when it cannot: say that, with the reason.
   */
  private async ready(id: string, port: number, upstream: string): Promise<void> {
    try {
      await waitReady(this.ctx, id, { port, shared: false })
    } catch (e) {
      if (!isBerthError(e)) throw e
      const logs = Array.isArray(e.details?.logs) ? (e.details.logs as string[]) : []
      const panic = logs.find((l) => l.startsWith('panic: '))
      if (panic) {
        throw new BerthError(
          'REGISTRY_UNREACHABLE',
          m('errors.hubCache.upstreamUnreachable', { upstream, reason: panic.slice('panic: '.length) }),
          m('hints.hubCache.checkUpstream'),
          e.details
        )
      }
      const own = inCacheWords(e.msg)
      throw own ? new BerthError(e.code, own, e.hintMsg ?? e.hint, e.details) : e
    }
  }

  private publish(): Promise<HubCacheStatus> {
    return this.status().then((s) => {
      this.opts.onStatus?.(s)
      return s
    })
  }

  private mutate(change: () => Promise<void>): Promise<HubCacheStatus> {
    const run = this.queue.then(async () => {
      await change()
      return this.publish()
    })
    // A failed change may still have changed things: say what is now.
    this.queue = run.catch(() => this.publish().catch(() => undefined))
    return run
  }
}

/** 127.0.0.1:5001 and localhost:5001 are the same cache. */
function sameLoopbackAddress(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(?=:|$)/, '127.0.0.1')
  return norm(a) === norm(b)
}
