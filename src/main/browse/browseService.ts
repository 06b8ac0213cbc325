// The registry browser's backend: catalog pages, tag lists and counts, tag details and safe
// deletes, through one cached registry client per registry entry. Plain Node, no Electron.
import { isAuthError, toBerthError } from '@shared/contract/errors'
import type { DeleteMode, DeleteProgressEvent, DeleteTagsResult, DeleteTarget, RepositoryTags, SharedTags, TagCounts, TagSummary } from '@shared/contract/browse'
import type { CatalogPage, TagDetails } from '@shared/contract/registryTypes'
import type { CatalogWalkResult } from '@shared/contract/catalog'
import { mapLimit, type CatalogWalkOptions, type RegistryClient, type RegistryClientOptions } from '../registry'
import { ClientCache, type BrowseRegistry, type CredentialsFor } from './clientCache'
import { parseRepositoryInput } from './repositoryInput'
import { SummaryCache } from './summaries'
import { deleteTags } from './tagDeletes'

/** Tag lists fetched at once for the catalog's tag counts (per call; the UI runs few calls). */
const TAG_COUNT_CONCURRENCY = 16
/** Tags described at once for the tag list's rows. */
const SUMMARY_CONCURRENCY = 8
/** Default page: registry:2's largest (the UI asks for a small first page so it shows at once). */
export const CATALOG_PAGE_SIZE = 1000

export interface BrowseServiceOptions {
  /** The registry entry for an id; throws NOT_FOUND for an unknown one. */
  registry(id: string): Promise<BrowseRegistry> | BrowseRegistry
  /** Credentials for a registry, looked up only when it asks for them. */
  credentials: CredentialsFor
  /** Extra client options (tests: timeouts, fetch). */
  clientOptions?: Partial<RegistryClientOptions>
  /** Progress of multi-tag deletes. */
  onDeleteProgress?: (p: DeleteProgressEvent) => void
}

export class BrowseService {
  private readonly clients: ClientCache
  private readonly summaries = new SummaryCache()

  constructor(private readonly opts: BrowseServiceOptions) {
    this.clients = new ClientCache(opts.credentials, opts.clientOptions)
  }

  catalogPage(registryId: string, cursor: { n?: number; last?: string } = {}): Promise<CatalogPage> {
    return this.with(registryId, (c) => c.catalogPage({ n: cursor.n ?? CATALOG_PAGE_SIZE, last: cursor.last }))
  }

  /** The whole catalog (partitioned where the registry allows); incomplete walks say why. */
  walkCatalog(registryId: string, opts: CatalogWalkOptions = {}): Promise<CatalogWalkResult> {
    return this.with(registryId, (c) => c.catalogWalk(opts))
  }

  /** For registries that do not list: a repository by the name the user typed (or a pasted reference). */
  openRepository(registryId: string, input: string): Promise<RepositoryTags> {
    return this.with(registryId, async (c, entry) => {
      const { repository, tag } = parseRepositoryInput(input, entry.address)
      const tags = await c.tags(repository)
      return tag ? { repository, tags, tag } : { repository, tags }
    })
  }

  tags(registryId: string, repository: string): Promise<RepositoryTags> {
    return this.with(registryId, async (c) => ({ repository, tags: await c.tags(repository) }))
  }

  /** Rows for the tags on screen; one broken tag gets an `error`, the others still show. */
  tagSummaries(registryId: string, repository: string, tags: string[]): Promise<TagSummary[]> {
    return this.with(registryId, (c, entry) =>
      mapLimit(tags, SUMMARY_CONCURRENCY, async (tag): Promise<TagSummary> => {
        try {
          return await this.summaries.summary(c, entry.id, repository, tag)
        } catch (e) {
          if (isAuthError(e)) throw e
          return { tag, digest: '', mediaType: '', isIndex: false, size: 0, platforms: [], error: toBerthError(e).message, errorMsg: toBerthError(e).msg }
        }
      })
    )
  }

  tagCounts(registryId: string, repositories: string[]): Promise<TagCounts> {
    return this.with(registryId, async (c) => {
      const out: TagCounts = { counts: {}, errors: {} }
      let auth: unknown
      await mapLimit(repositories, TAG_COUNT_CONCURRENCY, async (repository) => {
        try {
          out.counts[repository] = (await c.tags(repository)).length
        } catch (e) {
          if (isAuthError(e)) auth ??= e
          out.errors[repository] = toBerthError(e).message
        }
      })
      // Nothing readable because of sign-in: let the page offer the login form.
      if (auth && Object.keys(out.counts).length === 0) throw auth
      return out
    })
  }

  tag(registryId: string, repository: string, tag: string, platform?: string): Promise<TagDetails> {
    return this.with(registryId, (c) => c.describeTag(repository, tag, platform ? { platform } : {}))
  }

  sharedTags(registryId: string, repository: string, digest: string): Promise<SharedTags> {
    return this.with(registryId, async (c) => ({ digest, tags: await c.tagsSharingDigest(repository, digest) }))
  }

  /**
   * Deletes tags one at a time (mode `tag`: only the name; `image`: the manifest and every tag on
   * it); a failed tag is reported and the others still go. A tag that moved since the user looked
   * (someone pushed) fails with CONFLICT.
   */
  deleteTags(registryId: string, repository: string, targets: DeleteTarget[], mode: DeleteMode = 'tag'): Promise<DeleteTagsResult> {
    return this.with(registryId, async (c, entry) => ({ ...(await this.runDeletes(c, entry, repository, targets, mode)), managed: isManaged(entry) }))
  }

  private async runDeletes(c: RegistryClient, entry: BrowseRegistry, repository: string, targets: DeleteTarget[], mode: DeleteMode): Promise<DeleteTagsResult> {
    try {
      return await deleteTags(c, repository, targets, mode, (p) => this.opts.onDeleteProgress?.({ registryId: entry.id, repository, ...p }))
    } finally {
      this.summaries.forgetRepository(entry.id, repository)
    }
  }

  /** Closes the clients of registries no longer in the list. */
  retain(registryIds: string[]): void {
    this.clients.retain(new Set(registryIds))
  }

  dispose(): Promise<void> {
    return this.clients.closeAll()
  }

  /** Runs `fn` with the registry's cached client (other services measuring or copying use it too). */
  withClient<T>(registryId: string, fn: (client: RegistryClient, entry: BrowseRegistry) => Promise<T>): Promise<T> {
    return this.with(registryId, fn)
  }

  private async with<T>(registryId: string, fn: (client: RegistryClient, entry: BrowseRegistry) => Promise<T>): Promise<T> {
    const entry = await this.opts.registry(registryId)
    const client = this.clients.get(entry)
    try {
      return await fn(client, entry)
    } catch (e) {
      // The user may sign in next: look the credentials up again on the following call.
      if (isAuthError(e)) client.resetAuth()
      throw e
    }
  }
}

export const isManaged = (entry: BrowseRegistry): boolean => entry.managed === 'local'

