import { chmodSync, mkdirSync } from 'node:fs'
import type { RegistryEntry } from '@shared/contract/registries'
import { join } from 'node:path'
import { CredentialStore, createCredentialResolver, plainSecretBox, type CredentialResolver, type SecretBox } from './credentials'
import type { EngineStatus } from '@shared/contract'
import { readEngineChoice, saveEngineChoice } from './engine/choice'
import { EngineConnection } from './engine/connection'
import type { Endpoint } from './engine/endpoints'
import { ImageService } from './engine/images'
import { EventBus } from './events'
import { NoticeBoard } from './notices/board'
import { LocalRegistryService, transfersPuller } from './localRegistry'
import { createPinger, RegistryService } from './registries'
import { TransferService } from './transfers'
import { BrowseService } from './browse'
import { DoctorService, type DoctorEngine } from './doctor'
import { CopyRunner } from './copy'
import { ArchiveRunner } from './archive'
import { ImportUploads } from './archive/upload'
import { SyncService } from './sync'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import { SpaceService } from './space'
import { RetentionService } from './retention'
import { CatalogIndex, CatalogService, TagIndexer } from './catalog'
import { HubCacheService } from './hubCache'

export interface ServicesOptions {
  /** Where Berth keeps its settings (Electron: userData; web mode: --data-dir). */
  dataDir: string
  /** Override engine discovery (tests); default: DOCKER_HOST or the usual sockets. */
  endpoints?: Endpoint[]
  /** True in the web mode (no Electron safeStorage; secrets go to a 0600 file). */
  webMode?: boolean
  /** How Berth seals saved registry passwords (Electron: safeStorage); default: a 0600 file, unencrypted. */
  secretBox?: SecretBox
  /** Electron: the system's save dialog (a path, or undefined when cancelled). */
  chooseSavePath?: (defaultName: string, filterName: string) => Promise<string | undefined>
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
  /** Push, pull, load, copy, export and import with progress. */
  readonly transfers: TransferService
  /** Exports and imports: the web mode's downloads wait here. */
  readonly archive: ArchiveRunner
  /** Web mode: archives uploaded for an import. */
  readonly importUploads: ImportUploads
  /** The one-click local registry container. */
  readonly localRegistry: LocalRegistryService
  /**
   * Switches engines (undefined: automatic) and remembers the choice. Images and the local
   * registry follow at once; transfers already started stay on the engine they started on.
   */
  useEngine(endpoint: string | undefined): Promise<EngineStatus>
  /** The registry browser: catalog, tags, tag details, deletes. */
  readonly browse: BrowseService
  /** One-time messages for the UI (damaged settings files kept aside). */
  readonly notices: NoticeBoard
  /** Check connection: why a registry cannot be reached, step by step. */
  readonly doctor: DoctorService
  /** Where a registry's space goes; tag comparisons. */
  readonly space: SpaceService
  /** Retention rules per registry: preview and apply. */
  readonly retention: RetentionService
  /** Saved sync sets: plan and run registry → registry copies of tag patterns. */
  readonly sync: SyncService
  /** The Docker Hub cache: registry:2 in proxy mode beside the local registry. */
  readonly hubCache: HubCacheService
  /** Whole catalogs: walked in parallel, kept in the index in the data directory. */
  readonly catalog: CatalogService
  /** The catalog index files (benches write tag lists to it directly). */
  readonly catalogIndex: CatalogIndex
  /** Tag lists read into the index in the background, and search across them. */
  readonly catalogTags: TagIndexer
  dispose(): Promise<void>
}

export function createServices(options: ServicesOptions): Services {
  // Settings and saved logins live here: only this user may list or read them.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  chmodSync(options.dataDir, 0o700)
  const events = new EventBus()
  const notices = new NoticeBoard((count) => events.emit('notices.added', { count }))
  const choiceFile = join(options.dataDir, 'engine.json')
  const engine = new EngineConnection({ endpoints: options.endpoints, chosen: readEngineChoice(choiceFile), onStatus: (s) => events.emit('engine.status', s) })
  const docker = (): ReturnType<EngineConnection['docker']> => engine.docker()
  const images = new ImageService(docker, (reason) => events.emit('images.changed', { reason }))
  const credentialStore = new CredentialStore({ file: join(options.dataDir, 'credentials.json'), box: options.secretBox ?? plainSecretBox })
  const resolver = createCredentialResolver({ store: credentialStore })
  const registries = new RegistryService({ file: join(options.dataDir, 'registries.json'), emit: events.emit.bind(events), ping: createPinger(resolver) })
  if (registries.loadNotice) notices.add(registries.loadNotice)
  const engineHost = (): string | undefined => engine.connected()?.remoteHost
  // What a registry client sends for an address: the secret only, never where it came from.
  const registryCredentials = async (address: string): Promise<RegistryCredentials | undefined> => {
    const found = await resolver.resolveCredentials(address)
    if (!found) return undefined
    return 'identitytoken' in found ? { identitytoken: found.identitytoken } : { username: found.username, password: found.password }
  }
  const copier: CopyRunner = new CopyRunner({
    registry: (id) => registries.get(id),
    credentials: (entry) => registryCredentials(entry.address),
    syncItems: (setId, ends) => sync.items(setId, ends),
    refusesPushes: (address) => hubCache.isCache(address)
  })
  const archive = new ArchiveRunner(copier)
  const transfers = new TransferService({
    docker,
    engineHost,
    engineLabel: () => engine.connected()?.endpoint,
    emit: events.emit.bind(events),
    credentials: resolver,
    knownScheme: (registry) => registries.findByAddress(registry)?.scheme,
    engineName: () => engine.connected()?.name,
    copier,
    archive,
    historyFile: join(options.dataDir, 'transfers.json'),
    refusesPushes: (address) => hubCache.isCache(address)
  })
  const sync: SyncService = new SyncService({
    file: join(options.dataDir, 'sync-sets.json'),
    emit: events.emit.bind(events),
    copier: () => copier,
    startCopy: (spec) => transfers.startCopy(spec),
    registry: (id) => registries.get(id)
  })
  const localRegistry = new LocalRegistryService({
    docker,
    engineHost,
    dataDir: options.dataDir,
    puller: transfersPuller(transfers),
    credentials: credentialStore,
    setManaged: (entry) => registries.setManaged(entry),
    onStatus: (status) => events.emit('localRegistry.status', status),
    onImagesChanged: (reason) => events.emit('images.changed', { reason }),
    onNotice: (notice) => notices.add(notice),
    activePushes: () => transfers.list().filter((t) => t.kind === 'push' && (t.state === 'queued' || t.state === 'running'))
  })
  const hubCache: HubCacheService = new HubCacheService({
    docker,
    engineHost,
    dataDir: options.dataDir,
    secrets: new CredentialStore({ file: join(options.dataDir, 'hub-cache-credentials.json'), box: options.secretBox ?? plainSecretBox }),
    puller: transfersPuller(transfers),
    engineName: () => engine.connected()?.name,
    onStatus: (status) => events.emit('hubCache.status', status),
    onImagesChanged: (reason) => events.emit('images.changed', { reason })
  })
  const browse = new BrowseService({
    registry: (id) => registries.get(id),
    onDeleteProgress: (p) => events.emit('browse.deleteProgress', p),
    credentials: (entry) => registryCredentials(entry.address)
  })
  const doctor = new DoctorService({
    registry: (id) => registries.get(id),
    emit: events.emit.bind(events),
    credentials: registryCredentials,
    username: async (address) => (await resolver.credentialStatus(address)).username,
    engine: async (): Promise<DoctorEngine | undefined> => {
      const connected = engine.connected()
      if (!connected) return undefined
      return { info: (await engine.docker().info()) as DoctorEngine['info'], endpoint: connected.endpoint, name: connected.name }
    }
  })
  const space = new SpaceService({ browse, cacheDir: join(options.dataDir, 'manifest-cache'), onProgress: (p) => events.emit('space.progress', p) })
  const retention = new RetentionService({ browse, cache: space.cache, rulesFile: join(options.dataDir, 'retention.json') })
  const catalogIndex = new CatalogIndex(join(options.dataDir, 'catalog-index'))
  const catalog = new CatalogService({ index: catalogIndex, registry: (id) => registries.get(id), walk: (id, o) => browse.walkCatalog(id, o) })
  const catalogTags = new TagIndexer({
    index: catalogIndex,
    registry: (id) => registries.get(id),
    catalog: async (id) => (await catalog.stored(id))?.repositories,
    tags: async (id, repository) => (await browse.tags(id, repository)).tags,
    emit: (progress) => events.emit('catalog.tagIndex', progress)
  })
  // A removed registry's connection pool is closed, and its stored catalog and tags forgotten
  // (not the managed one's: it leaves the list while stopped, and its index is what shows then).
  const userIds = (list: RegistryEntry[]): Set<string> => new Set(list.filter((e) => !e.managed).map((e) => e.id))
  let listed = userIds(registries.list())
  events.on('registries.changed', (list) => {
    browse.retain(list.map((e) => e.id))
    const now = userIds(list)
    for (const id of listed) if (!now.has(id)) void catalogIndex.forget(id).catch(() => undefined)
    listed = now
  })
  // Another engine answers: its images and its local registry, not the last one's.
  let lastEndpoint: string | undefined
  events.on('engine.status', (status) => {
    const endpoint = status.state === 'connected' ? status.engine.endpoint : undefined
    if (endpoint === undefined || endpoint === lastEndpoint) return
    const switched = lastEndpoint !== undefined
    lastEndpoint = endpoint
    if (!switched) return
    events.emit('images.changed', { reason: 'engine' })
    void localRegistry.engineChanged().catch(() => undefined)
    void hubCache.status().then((s) => events.emit('hubCache.status', s)).catch(() => undefined)
  })
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
    archive,
    importUploads: new ImportUploads(join(options.dataDir, 'import-uploads')),
    localRegistry,
    browse,
    notices,
    space,
    retention,
    doctor,
    catalog,
    catalogIndex,
    catalogTags,
    async useEngine(endpoint) {
      const status = await engine.use(endpoint)
      await saveEngineChoice(choiceFile, endpoint)
      return status
    },
    sync,
    hubCache,
    async dispose() {
      catalog.dispose()
      catalogTags.dispose()
      await browse.dispose()
      transfers.dispose()
      registries.dispose()
      localRegistry.dispose()
      engine.stop()
    }
  }
}
