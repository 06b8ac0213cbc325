// What embedders hand LocalRegistryService, and what it hands back to the rest of Berth.
import type Docker from 'dockerode'
import type { LocalRegistryStatus } from '@shared/contract/localRegistry'
import type { RegistryEntry } from '@shared/contract/registries'
import type { Notice } from '@shared/contract/notices'
import type { ImagePuller } from './image'
import type { BasicCredentials } from './probe'
import type { RegistryIdentity } from './spec'

/** What the registries sidebar shows for Berth's own registry. */
export interface ManagedRegistryEntry extends Pick<RegistryEntry, 'id' | 'name' | 'address'> {
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
  /** Something the user should hear once (e.g. a damaged settings file kept aside). */
  onNotice?: (notice: Notice) => void
  /** How long to wait for GET /v2/ after a start. Default 20 s. */
  readyTimeoutMs?: number
  /** Pushes queued or running in Berth (garbage collection waits for none to a registry on its port). */
  activePushes?: () => { reference: string; registry?: string }[]
  /** Where Berth reaches the published port. Default 127.0.0.1. */
  probeHost?: string
  /**
   * The engine's host when it runs on another machine (tcp:// or ssh://); undefined for a local
   * engine. Its 127.0.0.1 is then not Berth's: readiness is asked of the engine itself.
   */
  engineHost?: () => string | undefined
}

export const DEFAULT_IDENTITY: RegistryIdentity = {
  image: 'registry:2',
  containerName: 'berth-registry',
  volumeName: 'berth-registry-data',
  labelValue: 'local-registry'
}
