import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { CredentialStore, createCredentialResolver, plainSecretBox, type CredentialResolver, type SecretBox } from './credentials'
import { EngineConnection } from './engine/connection'
import type { Endpoint } from './engine/endpoints'
import { ImageService } from './engine/images'
import { EventBus } from './events'
import { NoticeBoard } from './notices/board'
import { LocalRegistryService, transfersPuller } from './localRegistry'
import { createPinger, RegistryService } from './registries'
import { TransferService } from './transfers'
import { BrowseService } from './browse'
import { SpaceService } from './space'
import { RetentionService } from './retention'

export interface ServicesOptions {
  /** Where Berth keeps its settings (Electron: userData; web mode: --data-dir). */
  dataDir: string
  /** Override engine discovery (tests); default: DOCKER_HOST or the usual sockets. */
  endpoints?: Endpoint[]
  /** True in the web mode (no Electron safeStorage; secrets go to a 0600 file). */
  webMode?: boolean
  /** How Berth seals saved registry passwords (Electron: safeStorage); default: a 0600 file, unencrypted. */
  secretBox?: SecretBox
}

/** Every backend service, built once; the Electron IPC binding and the web server both bind to it. */
export interface Services {
  readonly options: ServicesOptions
  readonly events: EventBus
  readonly engine: EngineConnection
  readonly images: ImageService
  /** Berth's saved registry logins and the lookup through Docker's config and helpers. */
  readonly credentials: { store: CredentialStore; resolver: CredentialResolver }
  /** The registries sidebar: the user's list, health checks, the managed local registry. */
  readonly registries: RegistryService
  /** Push, pull and load with progress. */
  readonly transfers: TransferService
  /** The one-click local registry container. */
  readonly localRegistry: LocalRegistryService
  /** The registry browser: catalog, tags, tag details, deletes. */
  readonly browse: BrowseService
  /** One-time messages for the UI (damaged settings files kept aside). */
  readonly notices: NoticeBoard
  /** Where a registry's space goes; tag comparisons. */
  readonly space: SpaceService
  /** Retention rules per registry: preview and apply. */
  readonly retention: RetentionService
  dispose(): Promise<void>
}

export function createServices(options: ServicesOptions): Services {
  // Settings and saved logins live here: only this user may list or read them.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  chmodSync(options.dataDir, 0o700)
  const events = new EventBus()
  const notices = new NoticeBoard((count) => events.emit('notices.added', { count }))
  const engine = new EngineConnection({ endpoints: options.endpoints, onStatus: (s) => events.emit('engine.status', s) })
  const docker = (): ReturnType<EngineConnection['docker']> => engine.docker()
  const images = new ImageService(docker, (reason) => events.emit('images.changed', { reason }))
  const credentialStore = new CredentialStore({ file: join(options.dataDir, 'credentials.json'), box: options.secretBox ?? plainSecretBox })
  const resolver = createCredentialResolver({ store: credentialStore })
  const registries = new RegistryService({ file: join(options.dataDir, 'registries.json'), emit: events.emit.bind(events), ping: createPinger(resolver) })
  if (registries.loadNotice) notices.add(registries.loadNotice)
  const transfers = new TransferService({
    docker,
    emit: events.emit.bind(events),
    credentials: resolver,
    knownScheme: (registry) => registries.findByAddress(registry)?.scheme,
    engineName: () => {
      const status = engine.current()
      return status.state === 'connected' ? status.engine.name : undefined
    }
  })
  const localRegistry = new LocalRegistryService({
    docker,
    dataDir: options.dataDir,
    puller: transfersPuller(transfers),
    credentials: credentialStore,
    setManaged: (entry) => registries.setManaged(entry),
    onStatus: (status) => events.emit('localRegistry.status', status),
    onImagesChanged: (reason) => events.emit('images.changed', { reason }),
    onNotice: (notice) => notices.add(notice),
    activePushes: () => transfers.list().filter((t) => t.kind === 'push' && (t.state === 'queued' || t.state === 'running'))
  })
  const browse = new BrowseService({
    registry: (id) => registries.get(id),
    onDeleteProgress: (p) => events.emit('browse.deleteProgress', p),
    credentials: async (entry) => {
      const found = await resolver.resolveCredentials(entry.address)
      if (!found) return undefined
      return 'identitytoken' in found ? { identitytoken: found.identitytoken } : { username: found.username, password: found.password }
    }
  })
  const space = new SpaceService({ browse, cacheDir: join(options.dataDir, 'manifest-cache'), onProgress: (p) => events.emit('space.progress', p) })
  const retention = new RetentionService({ browse, cache: space.cache, rulesFile: join(options.dataDir, 'retention.json') })
  // A removed registry's connection pool is closed.
  events.on('registries.changed', (list) => browse.retain(list.map((e) => e.id)))
  engine.start()
  registries.start()
  return {
    options,
    events,
    engine,
    images,
    credentials: { store: credentialStore, resolver },
    registries,
    transfers,
    localRegistry,
    browse,
    notices,
    space,
    retention,
    async dispose() {
      await browse.dispose()
      transfers.dispose()
      registries.dispose()
      localRegistry.dispose()
      engine.stop()
    }
  }
}
