// DTOs of the registry client (src/main/registry). Plain data only: they cross IPC and HTTP.
import type { ImageConfigSummary } from './imageConfig'
import type { ErrorCode } from './errors'
import type { ExplainedState, ItemError } from './explained'

/** What a registry needs to let Berth in; fetched lazily, never logged. */
export type RegistryCredentials = { username: string; password: string } | { identitytoken: string }

export type RegistryScheme = 'https' | 'http'

/** `error` and `hint`: why it is down or wants credentials. */
export interface RegistryPingResult extends ExplainedState {
  /**
   * reachable: usable with the current credentials (or none needed).
   * auth-required: a registry that wants (other) credentials.
   * down: no registry answered (network, TLS, or not a registry at all).
   */
  state: 'reachable' | 'auth-required' | 'down'
  authScheme?: 'basic' | 'bearer'
  /** `Docker-Distribution-Api-Version`, e.g. `registry/2.0`. */
  apiVersionHeader?: string
  errorCode?: ErrorCode
}

export interface CatalogPage {
  repositories: string[]
  /** Where the next page starts; absent on the last page. */
  next?: { n: number; last: string }
}

export interface RegistryManifestHead {
  digest: string
  mediaType: string
  size: number
}

export interface RegistryManifest extends RegistryManifestHead {
  /** The parsed JSON document. */
  manifest: Record<string, unknown>
  /** The bytes as the registry sent them (UTF-8). */
  raw: string
}

/** `error`: this platform could not be read; the other platforms are still described. */
export interface TagPlatform extends ItemError {
  os: string
  architecture: string
  variant?: string
  /** Digest of the platform's image manifest. */
  digest: string
  /** Compressed size of its layers; 0 when it could not be read. */
  size: number
  created?: string
}

export interface TagLayer {
  digest: string
  size: number
  mediaType: string
}

export interface TagConfig extends ImageConfigSummary {
  created?: string
}

export interface TagHistoryEntry {
  created?: string
  createdBy: string
  emptyLayer: boolean
  comment: string
}

export interface TagDetails {
  repository: string
  tag: string
  digest: string
  mediaType: string
  /** Compressed size: distinct layers of every readable platform. */
  size: number
  isIndex: boolean
  /** One entry per platform of an index, or the single image's own platform. */
  platforms: TagPlatform[]
  /** `os/arch[/variant]` whose layers, config and history are shown below. */
  selectedPlatform?: string
  layers: TagLayer[]
  config?: TagConfig
  /** Why the config could not be read (layers are still listed). */
  configError?: string
  history: TagHistoryEntry[]
}

export interface DeleteManifestResult {
  digest: string
}
