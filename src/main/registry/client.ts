// The registry client Berth's services use: one per registry, holding its connection pool,
// learned auth challenge and token cache.
import type {
  CatalogPage,
  DeleteManifestResult,
  RegistryManifest,
  RegistryManifestHead,
  RegistryPingResult,
  RegistryScheme,
  TagDetails
} from '@shared/contract/registryTypes'
import { catalogAll, catalogPage } from './catalog'
import { walkCatalog, type CatalogWalkOptions } from './catalogWalk'
import type { CatalogWalkResult } from '@shared/contract/catalog'
import { deleteManifest, tagsSharingDigest } from './deletes'
import { describeTag, type DescribeOptions } from './describe'
import { getBlobJson, getManifest, headManifest } from './manifests'
import { ping } from './ping'
import { deleteTagOnly } from './tagDelete'
import { listTags } from './tags'
import { Transport, type TransportOptions } from './transport'

/** Address, scheme, credentials and TLS of one registry: the transport's options, as they are. */
export type RegistryClientOptions = TransportOptions

export interface RegistryClient {
  readonly address: string
  readonly scheme: RegistryScheme
  ping(): Promise<RegistryPingResult>
  catalogPage(opts?: { n?: number; last?: string }): Promise<CatalogPage>
  catalogAll(onPage?: (page: CatalogPage, index: number) => void, pageSize?: number): AsyncGenerator<CatalogPage>
  /** The whole catalog, in parallel ranges where the registry's order allows; says when it is short. */
  catalogWalk(opts?: CatalogWalkOptions): Promise<CatalogWalkResult>
  tags(repository: string): Promise<string[]>
  headManifest(repository: string, reference: string): Promise<RegistryManifestHead>
  getManifest(repository: string, reference: string): Promise<RegistryManifest>
  getBlobJson(repository: string, digest: string): Promise<unknown>
  describeTag(repository: string, tag: string, opts?: DescribeOptions): Promise<TagDetails>
  deleteManifest(repository: string, digest: string): Promise<DeleteManifestResult>
  tagsSharingDigest(repository: string, digest: string, tags?: string[]): Promise<string[]>
  /** Removes one tag, keeping its manifest and the other tags pointing at it. */
  deleteTagOnly(repository: string, tag: string, expectedDigest: string): Promise<void>
  /** Forget cached credentials and tokens (after the user changed them). */
  resetAuth(): void
  /** Closes the connection pool. */
  close(): Promise<void>
}

export function createRegistryClient(opts: RegistryClientOptions): RegistryClient {
  const t = new Transport(opts)
  return {
    address: t.address,
    scheme: opts.scheme,
    ping: () => ping(t),
    catalogPage: (o) => catalogPage(t, o),
    catalogAll: (onPage, pageSize) => catalogAll(t, onPage, pageSize),
    catalogWalk: (o) => walkCatalog(t, o),
    tags: (repository) => listTags(t, repository),
    headManifest: (repository, reference) => headManifest(t, repository, reference),
    getManifest: (repository, reference) => getManifest(t, repository, reference),
    getBlobJson: (repository, digest) => getBlobJson(t, repository, digest),
    describeTag: (repository, tag, o) => describeTag(t, repository, tag, o),
    deleteManifest: (repository, digest) => deleteManifest(t, repository, digest),
    tagsSharingDigest: (repository, digest, tags) => tagsSharingDigest(t, repository, digest, tags),
    deleteTagOnly: (repository, tag, expectedDigest) => deleteTagOnly(t, repository, tag, expectedDigest),
    resetAuth: () => t.auth.reset(),
    close: () => t.close()
  }
}
