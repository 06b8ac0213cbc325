// The one-click local registry: one registry:2 container of Berth's (found by label, never a
// second one), a named volume that outlives it, and everything around it: port checks before
// anything is created, readiness, sharing on the LAN, basic auth, garbage collection.
// Plain Node: no Electron. Every mutation runs one at a time.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type Docker from 'dockerode'
import { BerthError, isBerthError } from '@shared/contract/errors'
import type {
  GarbageCollectResult,
  LoadRegistryImageResult,
  LocalRegistryActivity,
  LocalRegistryActivityKind,
  LocalRegistryStatus
} from '@shared/contract/localRegistry'
import { engineError } from '../engine/engineErrors'
import { runGarbageCollect } from './garbageCollect'
import { htpasswdArchive, htpasswdLine, HTPASSWD_PATH } from './htpasswd'
import { adoptLoadedImage, engineMirrors, enginePuller, imageId, imageUnavailable, loadArchive, mirrorReference, normalizeMirror, repoAndTag, type ImagePuller } from './image'
import { demuxDockerLogs, lastLines } from './logs'
import { insecureRegistriesSnippet, lanIps } from './network'
import { isPortBindFailure, nextFreePort, portHolder, portInUseError } from './ports'
import { CatalogLoginRequired, countRepositories, waitForRegistry, type BasicCredentials } from './probe'
import { readSettings, writeSettings, type LocalRegistrySettings } from './settings'
import { bindAddress, containerOptions, MANAGED_LABEL, REGISTRY_DATA, setupOf, type RegistryIdentity, type RegistrySetup } from './spec'
import { volumeExists, volumeSize } from './volume'
import { ContainerWatcher } from './watch'

/** What the registries sidebar shows for Berth's own registry (issue 3's RegistryEntry). */
export interface ManagedRegistryEntry {
  id: string
  name: string
  address: string
  scheme: 'http'
  managed: 'local'
}

/** Berth's credential store, as far as this service needs it. */
export interface CredentialSink {
  get(registry: string): Promise<BasicCredentials | undefined>
  set(registry: string, login: BasicCredentials): Promise<void>
  remove(registry: string): Promise<boolean>
}

export interface LocalRegistryOptions extends Partial<RegistryIdentity> {
  docker: () => Docker
  /** Berth's data folder; the user's choices (port, sharing, auth user) go to local-registry.json there. */
  dataDir: string
  /** Overrides where those choices are kept. */
  settingsFile?: string
  /** Host port when the user chose none. Default 5000. */
  defaultPort?: number
  /** How images are pulled (the transfers panel); default: straight through the engine. */
  puller?: ImagePuller
  credentials?: CredentialSink
  /** Shows / hides the registry in the registries sidebar. */
  setManaged?: (entry: ManagedRegistryEntry | undefined) => void
  onStatus?: (status: LocalRegistryStatus) => void
  onImagesChanged?: (reason: string) => void
  /** How long to wait for GET /v2/ after a start. Default 20 s. */
  readyTimeoutMs?: number
  /** Where Berth reaches the published port. Default 127.0.0.1. */
  probeHost?: string
}

export const DEFAULT_IDENTITY: RegistryIdentity = {
  image: 'registry:2',
  containerName: 'berth-registry',
  volumeName: 'berth-registry-data',
  labelValue: 'local-registry'
}

const MANAGED_ID = 'local-registry'
const LOG_LINES = 20
const SIZE_CACHE_MS = 10_000

export class LocalRegistryService {
  private identity: RegistryIdentity
  private defaultPort: number
  private readonly puller: ImagePuller
  private queue: Promise<unknown> = Promise.resolve()
  private activity: LocalRegistryActivity | undefined
  private statusSeq = 0
  /** The newest read whose result was applied (older ones finishing later are dropped). */
  private appliedSeq = 0
  private lastKey = ''
  private managedKey = ''
  private sizeCache: { at: number; size: number | undefined } | undefined
  private lastStatus: LocalRegistryStatus | undefined
  private sizeRefresh: Promise<number | undefined> | undefined
  private readonly settingsFile: string
  private readonly watcher = new ContainerWatcher(() => void this.status().catch(() => undefined))

  constructor(private readonly opts: LocalRegistryOptions) {
    this.identity = {
      image: opts.image ?? DEFAULT_IDENTITY.image,
      containerName: opts.containerName ?? DEFAULT_IDENTITY.containerName,
      volumeName: opts.volumeName ?? DEFAULT_IDENTITY.volumeName,
      labelValue: opts.labelValue ?? DEFAULT_IDENTITY.labelValue
    }
    this.defaultPort = opts.defaultPort ?? 5000
    this.puller = opts.puller ?? enginePuller(opts.docker)
    this.settingsFile = opts.settingsFile ?? join(opts.dataDir, 'local-registry.json')
  }

  /**
   * Renames what Berth manages (image, container, volume, label) and the default port. For tests
   * and embedders that must not touch a user's registry; call it before anything else.
   */
  configure(change: Partial<RegistryIdentity> & { defaultPort?: number }): void {
    const { defaultPort, ...identity } = change
    this.identity = { ...this.identity, ...identity }
    if (defaultPort) this.defaultPort = defaultPort
    this.sizeCache = undefined
    this.watcher.stop()
  }

  /** Stops following the engine's events. */
  dispose(): void {
    this.watcher.stop()
  }

  get names(): RegistryIdentity {
    return { ...this.identity }
  }

  // ---- status -------------------------------------------------------------------------------

  async status(): Promise<LocalRegistryStatus> {
    const seq = ++this.statusSeq
    const status = await this.read()
    // A slower, older read must not overwrite what a newer one already announced.
    if (seq > this.appliedSeq) {
      this.appliedSeq = seq
      this.syncManaged(status)
      this.lastStatus = status
      const key = statusKey(status)
      if (key !== this.lastKey) {
        this.lastKey = key
        this.opts.onStatus?.(status)
      }
    }
    return status
  }

  /** Re-reads and always announces (after a change Berth made). */
  private async publish(): Promise<LocalRegistryStatus> {
    this.lastKey = ''
    return this.status()
  }

  /** Whether the last read found the registry answering HTTP (not just its container running). */
  private readonly answering = new WeakSet<LocalRegistryStatus>()

  private async read(): Promise<LocalRegistryStatus> {
    const docker = this.docker()
    this.watcher.ensure(docker, `${MANAGED_LABEL}=${this.identity.labelValue}`)
    const settings = await readSettings(this.settingsFile)
    const { image, containerName, volumeName } = this.identity
    const found = await this.find()
    // It may be gone between the listing and the inspect (a re-creation under way): then it is absent.
    const info = found ? await docker.getContainer(found.Id).inspect().catch(() => undefined) : undefined
    const hasVolume = await volumeExists(docker, volumeName).catch(() => false)
    const size = hasVolume ? await this.cachedVolumeSize() : undefined

    const setup: RegistrySetup = info
      ? setupOf(info)
      : { port: settings.port ?? this.defaultPort, shared: settings.shared ?? false, ...(settings.authUser ? { authUser: settings.authUser } : {}) }
    const address = `127.0.0.1:${setup.port}`
    const base: LocalRegistryStatus = {
      state: 'absent',
      image,
      containerName: info ? info.Name.replace(/^\//, '') : containerName,
      volumeName,
      volumeExists: hasVolume,
      ...(size !== undefined ? { volumeSize: size } : {}),
      port: setup.port,
      shared: setup.shared,
      address,
      lanAddresses: [],
      auth: { enabled: Boolean(setup.authUser), ...(setup.authUser ? { username: setup.authUser } : {}) },
      logs: [],
      ...(this.activity ? { activity: { ...this.activity } } : {})
    }
    if (setup.shared) {
      base.lanAddresses = lanIps().map((ip) => `${ip}:${setup.port}`)
      if (base.lanAddresses.length) base.insecureRegistriesSnippet = insecureRegistriesSnippet(base.lanAddresses)
    }
    if (!info) return base

    const state = info.State.Running ? (info.State.Restarting ? 'restarting' : 'running') : info.State.Restarting ? 'restarting' : 'stopped'
    const status: LocalRegistryStatus = { ...base, state, containerId: info.Id, imageId: info.Image, logs: await this.logs(info.Id) }
    if (state === 'running') {
      const started = Date.parse(info.State.StartedAt)
      if (Number.isFinite(started)) {
        status.startedAt = started
        status.uptimeSeconds = Math.max(0, Math.round((Date.now() - started) / 1000))
      }
      try {
        status.repositories = await countRepositories(this.baseUrl(setup.port), await this.savedLogin(setup))
        this.answering.add(status)
      } catch (e) {
        status.repositoriesError = e instanceof Error ? e.message : String(e)
        if (e instanceof CatalogLoginRequired) this.answering.add(status)
      }
    } else if (state === 'stopped') {
      status.exitCode = info.State.ExitCode
    }
    return status
  }

  // ---- start / stop -------------------------------------------------------------------------

  /** Starts Berth's registry, creating it (and pulling its image) when there is none. */
  start(options: { port?: number; mirror?: string } = {}): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      const existing = await this.find()
      if (existing) {
        const info = await this.inspect(existing.Id)
        const setup = setupOf(info)
        if (options.port && options.port !== setup.port) {
          await this.recreate(info, { ...setup, port: options.port })
          await this.saveSettings({ port: options.port })
        } else if (!info.State.Running) {
          await this.startExisting(info, setup)
        }
        return this.publish()
      }
      const settings = await readSettings(this.settingsFile)
      const setup: RegistrySetup = {
        port: options.port ?? settings.port ?? this.defaultPort,
        shared: settings.shared ?? false,
        ...(settings.authUser ? { authUser: settings.authUser } : {})
      }
      // Port first: a busy port must fail before a long pull and before anything is created.
      await this.assertPortFree(setup.port, setup.shared)
      await this.ensureImage(options.mirror)
      await this.createAndStart(setup)
      await this.saveSettings({ port: setup.port })
      return this.publish()
    })
  }

  stop(): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      const info = await this.requireContainer('stop')
      if (info.State.Running || info.State.Restarting) {
        await this.withActivity('stopping', 'Stopping the local registry', () => this.stopContainer(info.Id))
      }
      return this.publish()
    })
  }

  restart(): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      const info = await this.requireContainer('restart')
      const setup = setupOf(info)
      await this.withActivity('starting', 'Restarting the local registry', async () => {
        // A running registry holds its own port; only a stopped one can find it taken.
        if (!info.State.Running) await this.assertPortFree(setup.port, setup.shared, info.Id)
        try {
          await this.docker().getContainer(info.Id).restart({ t: 10 })
        } catch (e) {
          throw await this.startError(e, info.Id, setup)
        }
        await this.waitReady(info.Id, setup)
      })
      return this.publish()
    })
  }

  // ---- settings that need a new container ----------------------------------------------------

  setPort(port: number): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      const found = await this.find()
      if (found) {
        const info = await this.inspect(found.Id)
        const setup = setupOf(info)
        if (setup.port !== port) await this.recreate(info, { ...setup, port })
      }
      await this.saveSettings({ port })
      return this.publish()
    })
  }

  setShared(shared: boolean): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      const found = await this.find()
      if (found) {
        const info = await this.inspect(found.Id)
        const setup = setupOf(info)
        if (setup.shared !== shared) await this.recreate(info, { ...setup, shared })
      }
      await this.saveSettings({ shared })
      return this.publish()
    })
  }

  setAuth(change: { enabled: true; username: string; password: string } | { enabled: false }): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      const info = await this.requireContainer(change.enabled ? 'turn on basic auth for' : 'turn off basic auth for')
      const setup = setupOf(info)
      const address = `127.0.0.1:${setup.port}`
      if (change.enabled) {
        const line = await htpasswdLine(change.username, change.password)
        await this.recreate(info, { ...setup, authUser: change.username }, line)
        // Berth's own pushes and catalog reads must keep working: remember the login.
        await this.opts.credentials?.set(address, { username: change.username, password: change.password })
        await this.saveSettings({ authUser: change.username })
      } else {
        if (setup.authUser) await this.recreate(info, withoutAuth(setup))
        await this.opts.credentials?.remove(address).catch(() => false)
        await this.saveSettings({ authUser: undefined })
      }
      return this.publish()
    })
  }

  // ---- removal ------------------------------------------------------------------------------

  /** Removes the container; every pushed image stays in the volume for the next start. */
  removeContainer(): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      await this.withActivity('removing', 'Removing the registry container', async () => {
        for (const c of await this.findAll()) await this.removeContainerById(c.Id)
      })
      return this.publish()
    })
  }

  /** Removes the container and the volume: every image pushed to it is lost. */
  removeAll(confirmVolume: string): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      const { volumeName } = this.identity
      if (confirmVolume !== volumeName) {
        throw new BerthError('INVALID_INPUT', `Confirmation does not match: type the volume name "${volumeName}" to remove the registry and its data.`, 'Nothing was removed.')
      }
      const found = await this.find()
      const setup = found ? setupOf(await this.inspect(found.Id)) : undefined
      await this.withActivity('removing', 'Removing the registry and its data', async () => {
        for (const c of await this.findAll()) await this.removeContainerById(c.Id)
        try {
          if (await volumeExists(this.docker(), volumeName)) await this.docker().getVolume(volumeName).remove()
        } catch (e) {
          throw engineError(e, `remove the volume ${volumeName}`)
        }
      })
      // The htpasswd went with the volume: auth is off for the next registry.
      if (setup?.authUser) await this.opts.credentials?.remove(`127.0.0.1:${setup.port}`).catch(() => false)
      await this.saveSettings({ authUser: undefined })
      this.sizeCache = undefined
      return this.publish()
    })
  }

  // ---- garbage collection -------------------------------------------------------------------

  garbageCollect(options: { deleteUntagged?: boolean } = {}): Promise<GarbageCollectResult> {
    return this.exclusive(async () => {
      const info = await this.requireContainer('collect garbage in')
      const setup = setupOf(info)
      const docker = this.docker()
      const wasRunning = info.State.Running
      const sizeBefore = (await volumeSize(docker, this.identity.volumeName, true)) ?? 0
      const output = await this.withActivity('collecting', 'Collecting garbage (the registry is stopped meanwhile)', async () => {
        if (wasRunning) await this.stopContainer(info.Id)
        try {
          return await runGarbageCollect(docker, {
            imageId: info.Image,
            volumeName: this.identity.volumeName,
            namePrefix: this.identity.containerName,
            deleteUntagged: options.deleteUntagged ?? false
          })
        } finally {
          // Whatever happened, the registry comes back as it was.
          if (wasRunning) {
            await docker.getContainer(info.Id).start().catch(() => undefined)
            await this.waitReady(info.Id, setup).catch(() => undefined)
          }
        }
      })
      this.staleSize()
      const sizeAfter = (await volumeSize(docker, this.identity.volumeName, true)) ?? sizeBefore
      return { sizeBefore, sizeAfter, freedBytes: Math.max(0, sizeBefore - sizeAfter), output, status: await this.publish() }
    })
  }

  // ---- the image ----------------------------------------------------------------------------

  mirrors(): Promise<string[]> {
    return engineMirrors(this.docker())
  }

  async loadImageFromPath(path: string): Promise<LoadRegistryImageResult> {
    const isFile = await stat(path).then(
      (st) => st.isFile(),
      () => false
    )
    if (!isFile) throw new BerthError('NOT_FOUND', `There is no file at ${path}.`, 'Choose the tar file again.')
    return this.loadImage(createReadStream(path), path.split(/[\\/]/).pop() ?? path)
  }

  /** Loads a `docker save` tar (a file or an upload) and makes sure it provides the registry image. */
  loadImage(archive: NodeJS.ReadableStream, label: string): Promise<LoadRegistryImageResult> {
    return this.exclusive(async () => {
      const docker = this.docker()
      const loaded = await this.withActivity('loading', `Loading ${label}`, async () => {
        const refs = await loadArchive(docker, archive)
        this.opts.onImagesChanged?.('load')
        await adoptLoadedImage(docker, this.identity.image, refs)
        return refs
      })
      this.opts.onImagesChanged?.('tag')
      await this.publish()
      return { loaded, image: this.identity.image }
    })
  }

  // ---- internals ----------------------------------------------------------------------------

  private docker(): Docker {
    return this.opts.docker()
  }

  private baseUrl(port: number): string {
    return `http://${this.opts.probeHost ?? '127.0.0.1'}:${port}`
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    // A failed operation may still have changed things (a container removed): say what is now.
    this.queue = run.catch(() => this.publish().catch(() => undefined))
    return run
  }

  private async withActivity<T>(kind: LocalRegistryActivityKind, message: string, fn: () => Promise<T>, transferId?: string): Promise<T> {
    const previous = this.activity
    this.activity = { kind, message, ...(transferId ? { transferId } : {}) }
    this.announceActivity()
    try {
      return await fn()
    } finally {
      this.activity = previous
      this.announceActivity()
    }
  }

  private setTransfer(transferId: string): void {
    if (!this.activity) return
    this.activity = { ...this.activity, transferId }
    this.announceActivity()
  }

  /**
   * Announces the current activity at once on the last known status: a full read (disk usage,
   * catalog) would arrive late, after the step it describes.
   */
  private announceActivity(): void {
    if (!this.lastStatus) {
      void this.publish().catch(() => undefined)
      return
    }
    const { activity: _old, ...rest } = this.lastStatus
    const status: LocalRegistryStatus = this.activity ? { ...rest, activity: { ...this.activity } } : rest
    this.lastStatus = status
    this.lastKey = statusKey(status)
    // Reads already under way describe the time before this activity: they must not overwrite it.
    this.appliedSeq = this.statusSeq
    this.opts.onStatus?.(status)
  }

  /** Every container with Berth's label, running ones first. */
  private async findAll(): Promise<Docker.ContainerInfo[]> {
    try {
      const list = await this.docker().listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${this.identity.labelValue}`] } })
      return list.sort((a, b) => Number(b.State === 'running') - Number(a.State === 'running') || b.Created - a.Created)
    } catch (e) {
      throw engineError(e, 'look for the local registry container')
    }
  }

  private async find(): Promise<Docker.ContainerInfo | undefined> {
    return (await this.findAll())[0]
  }

  private async inspect(id: string): Promise<Docker.ContainerInspectInfo> {
    try {
      return await this.docker().getContainer(id).inspect()
    } catch (e) {
      throw engineError(e, 'inspect the local registry container')
    }
  }

  private async requireContainer(what: string): Promise<Docker.ContainerInspectInfo> {
    const found = await this.find()
    if (!found) throw new BerthError('NOT_FOUND', `There is no local registry to ${what}.`, 'Start the local registry first.')
    return this.inspect(found.Id)
  }

  private async logs(id: string, lines = LOG_LINES): Promise<string[]> {
    try {
      const raw = (await this.docker().getContainer(id).logs({ stdout: true, stderr: true, tail: lines * 2 })) as unknown as Buffer | string
      return lastLines(demuxDockerLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(raw)), lines)
    } catch {
      return []
    }
  }

  /**
   * The volume's size without making any status wait for the engine's disk-usage walk (seconds
   * on a big engine): the known value is served at once and refreshed in the background when
   * older than 10 s; a new value is announced as a status change.
   */
  private async cachedVolumeSize(): Promise<number | undefined> {
    const cache = this.sizeCache
    if (cache && Date.now() - cache.at < SIZE_CACHE_MS) return cache.size
    this.sizeRefresh ??= volumeSize(this.docker(), this.identity.volumeName)
      .catch(() => undefined)
      .then((size) => {
        const changed = this.sizeCache?.size !== size
        this.sizeCache = { at: Date.now(), size }
        if (changed) void this.publish().catch(() => undefined)
        return size
      })
      .finally(() => (this.sizeRefresh = undefined))
    return cache?.size
  }

  /** The size is out of date (something was pushed, collected or removed). */
  private staleSize(): void {
    if (this.sizeCache) this.sizeCache = { ...this.sizeCache, at: 0 }
  }

  private async savedLogin(setup: RegistrySetup): Promise<BasicCredentials | undefined> {
    if (!setup.authUser) return undefined
    return this.opts.credentials?.get(`127.0.0.1:${setup.port}`).catch(() => undefined)
  }

  private async saveSettings(change: Partial<LocalRegistrySettings>): Promise<void> {
    const next = { ...(await readSettings(this.settingsFile)), ...change }
    for (const key of Object.keys(next) as (keyof LocalRegistrySettings)[]) if (next[key] === undefined) delete next[key]
    await writeSettings(this.settingsFile, next)
  }

  /** The registries sidebar lists it once it answers (a health check before that would show it down). */
  private syncManaged(status: LocalRegistryStatus): void {
    const entry: ManagedRegistryEntry | undefined =
      status.state === 'running' && !status.activity && this.answering.has(status) ? { id: MANAGED_ID, name: 'Local registry', address: status.address, scheme: 'http', managed: 'local' } : undefined
    const key = JSON.stringify(entry ?? null)
    if (key === this.managedKey) return
    this.managedKey = key
    this.opts.setManaged?.(entry)
  }

  private async assertPortFree(port: number, shared: boolean, exceptId?: string): Promise<void> {
    const docker = this.docker()
    const host = bindAddress(shared)
    const holder = await portHolder(docker, port, host, exceptId)
    if (!holder) return
    throw portInUseError(port, holder, await nextFreePort(docker, port, host, exceptId))
  }

  /** The configured image is present afterwards, or a BerthError that offers mirror and tar. */
  private async ensureImage(mirror: string | undefined): Promise<void> {
    const docker = this.docker()
    const { image } = this.identity
    if (!mirror && (await imageId(docker, image))) return
    const source = mirror ? mirrorReference(image, mirror) : image
    await this.withActivity('pulling', mirror ? `Pulling ${image} through the mirror ${normalizeMirror(mirror)}` : `Pulling ${image}`, async () => {
      try {
        await this.puller.pull(source, (transferId) => this.setTransfer(transferId))
      } catch (e) {
        throw imageUnavailable(e, image, await engineMirrors(docker), mirror && normalizeMirror(mirror))
      }
      if (mirror) {
        // Run it under its usual name; the mirror's name for it is only a way in.
        await docker.getImage(source).tag(repoAndTag(image))
        await docker.getImage(source).remove({ noprune: true }).catch(() => undefined)
      }
      this.opts.onImagesChanged?.('pull')
    })
  }

  /** Creates the container (and the volume when missing) and waits until it answers; on failure removes what it made. */
  private async createAndStart(setup: RegistrySetup, htpasswd?: string): Promise<void> {
    const docker = this.docker()
    const { volumeName, labelValue, containerName } = this.identity
    await this.withActivity('starting', `Starting the local registry on ${bindAddress(setup.shared)}:${setup.port}`, async () => {
      let createdVolume = false
      let container: Docker.Container | undefined
      try {
        if (!(await volumeExists(docker, volumeName))) {
          await docker.createVolume({ Name: volumeName, Labels: { [MANAGED_LABEL]: labelValue } })
          createdVolume = true
        }
        try {
          container = await docker.createContainer(containerOptions(this.identity, setup))
        } catch (e) {
          if ((e as { statusCode?: number }).statusCode === 409) {
            throw new BerthError(
              'CONFLICT',
              `A container named "${containerName}" already exists, and Berth did not create it.`,
              `Rename or remove that container (docker rm ${containerName}), then start the local registry again.`
            )
          }
          throw engineError(e, 'create the local registry container')
        }
        if (htpasswd) {
          await container.putArchive(htpasswdArchive(htpasswd), { path: REGISTRY_DATA })
        } else if (setup.authUser && !(await hasFile(container, HTPASSWD_PATH))) {
          // The volume lost its htpasswd (removed outside Berth): better no auth than a locked registry.
          await container.remove({ force: true })
          container = undefined
          setup = withoutAuth(setup)
          await this.saveSettings({ authUser: undefined })
          container = await docker.createContainer(containerOptions(this.identity, setup))
        }
        try {
          await container.start()
        } catch (e) {
          if (!isMissingInit(e)) throw await this.startError(e, container.id, setup)
          // An engine without an init binary (some Podman setups): run without; stops just take longer.
          await container.remove({ force: true })
          container = undefined
          container = await docker.createContainer(containerOptions(this.identity, setup, false))
          if (htpasswd) await container.putArchive(htpasswdArchive(htpasswd), { path: REGISTRY_DATA })
          try {
            await container.start()
          } catch (e2) {
            throw await this.startError(e2, container.id, setup)
          }
        }
        await this.waitReady(container.id, setup)
      } catch (e) {
        // Nothing half-made stays behind: the new container goes, and the volume if it is new.
        if (container) await container.remove({ force: true }).catch(() => undefined)
        if (createdVolume) await docker.getVolume(volumeName).remove().catch(() => undefined)
        throw e
      }
    })
    this.staleSize()
  }

  private async startExisting(info: Docker.ContainerInspectInfo, setup: RegistrySetup): Promise<void> {
    await this.withActivity('starting', 'Starting the local registry', async () => {
      await this.assertPortFree(setup.port, setup.shared, info.Id)
      try {
        await this.docker().getContainer(info.Id).start()
      } catch (e) {
        throw await this.startError(e, info.Id, setup)
      }
      try {
        await this.waitReady(info.Id, setup)
      } catch (e) {
        // Not answering: stop it rather than leave it restarting forever (its data stays).
        await this.stopContainer(info.Id).catch(() => undefined)
        throw e
      }
    })
  }

  /**
   * Replaces the container with one made from `next` (same volume: nothing is lost). When the
   * new one cannot start, the old setup is put back so a failed change never costs the registry.
   */
  private async recreate(info: Docker.ContainerInspectInfo, next: RegistrySetup, htpasswd?: string): Promise<void> {
    const old = setupOf(info)
    // A new port can be checked while the old container still runs: no downtime for a refusal.
    if (next.port !== old.port) await this.assertPortFree(next.port, next.shared, info.Id)
    await this.withActivity('recreating', 'Re-creating the local registry (data kept)', async () => {
      await this.removeContainerById(info.Id)
      try {
        if (next.port === old.port && next.shared !== old.shared) await this.assertPortFree(next.port, next.shared)
        await this.createAndStart(next, htpasswd)
      } catch (e) {
        await this.createAndStart(old).catch(() => undefined)
        throw e
      }
      if (old.authUser && next.authUser && old.port !== next.port) await this.moveLogin(old.port, next.port)
    })
  }

  private async moveLogin(fromPort: number, toPort: number): Promise<void> {
    const creds = this.opts.credentials
    const login = await creds?.get(`127.0.0.1:${fromPort}`).catch(() => undefined)
    if (!creds || !login) return
    await creds.set(`127.0.0.1:${toPort}`, login)
    await creds.remove(`127.0.0.1:${fromPort}`).catch(() => false)
  }

  private async stopContainer(id: string): Promise<void> {
    try {
      await this.docker().getContainer(id).stop({ t: 10 })
    } catch (e) {
      // 304: already stopped.
      if ((e as { statusCode?: number }).statusCode !== 304) throw engineError(e, 'stop the local registry')
    }
  }

  private async removeContainerById(id: string): Promise<void> {
    try {
      await this.docker().getContainer(id).remove({ force: true })
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode !== 404) throw engineError(e, 'remove the local registry container')
    }
  }

  /** The engine refused to start it: a port taken meanwhile, or something else. */
  private async startError(e: unknown, id: string, setup: RegistrySetup): Promise<BerthError> {
    const message = (e as { json?: { message?: string } }).json?.message ?? (e as Error).message ?? String(e)
    if (isPortBindFailure(message)) {
      const docker = this.docker()
      const host = bindAddress(setup.shared)
      const holder = (await portHolder(docker, setup.port, host, id).catch(() => undefined)) ?? {}
      const err = portInUseError(setup.port, holder, await nextFreePort(docker, setup.port, host, id).catch(() => undefined))
      return new BerthError(err.code, err.message, err.hint, { ...err.details, daemonMessage: message })
    }
    return isBerthError(e) ? e : engineError(e, 'start the local registry')
  }

  private async waitReady(id: string, setup: RegistrySetup): Promise<void> {
    const timeoutMs = this.opts.readyTimeoutMs ?? 20_000
    const container = this.docker().getContainer(id)
    const restarts = async (): Promise<number> => ((await container.inspect().catch(() => undefined)) as { RestartCount?: number } | undefined)?.RestartCount ?? 0
    const restartsBefore = await restarts()
    const outcome = await waitForRegistry(this.baseUrl(setup.port), {
      timeoutMs,
      // The restart policy brings a crashing registry back again and again: one restart means it died.
      stillRunning: async () => {
        const info = (await container.inspect().catch(() => undefined)) as (Docker.ContainerInspectInfo & { RestartCount?: number }) | undefined
        return Boolean(info?.State.Running && !info.State.Restarting && (info.RestartCount ?? 0) === restartsBefore)
      }
    })
    if (outcome === 'ready') return
    if (outcome === 'exited') await this.stopContainer(id).catch(() => undefined) // no restart loop meanwhile
    const logs = await this.logs(id, 15)
    const exit = outcome === 'exited' ? (await container.inspect().catch(() => undefined))?.State.ExitCode : undefined
    throw new BerthError(
      'REGISTRY_UNREACHABLE',
      outcome === 'exited'
        ? `The local registry stopped right after starting${exit !== undefined ? ` (exit code ${exit})` : ''}.`
        : `The local registry started but did not answer on ${this.baseUrl(setup.port)}/v2/ within ${Math.round(timeoutMs / 1000)} s.`,
      logs.length ? 'Its last log lines are in the details; they usually name the cause.' : 'It printed no logs; check the engine (docker info) and try again.',
      { logs, port: setup.port }
    )
  }
}

function isMissingInit(e: unknown): boolean {
  const message = (e as { json?: { message?: string } }).json?.message ?? (e as Error).message ?? ''
  return /docker-init|catatonit|tini|init binary/i.test(message)
}

function withoutAuth(setup: RegistrySetup): RegistrySetup {
  return { port: setup.port, shared: setup.shared }
}

async function hasFile(container: Docker.Container, path: string): Promise<boolean> {
  try {
    await container.infoArchive({ path })
    return true
  } catch {
    return false
  }
}

/** What makes a status worth announcing (uptime and logs change all the time). */
function statusKey(s: LocalRegistryStatus): string {
  return JSON.stringify([s.state, s.activity, s.containerId, s.port, s.shared, s.auth, s.repositories, s.volumeExists, s.volumeSize, s.image])
}
