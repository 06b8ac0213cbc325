// A registry's whole catalog: shown from the index at once, refreshed by a walk of the registry
// (one per registry at a time; the user leaving the page cancels it), stored again when the walk
// is complete, with what changed since the stored list.
import type { CatalogRefresh, CatalogWalkResult, StoredCatalog } from '@shared/contract/catalog'
import { endpointKey } from '@shared/registryAddress'
import type { BrowseRegistry } from '../browse'
import type { CatalogWalkOptions } from '../registry'
import { catalogChanges } from './catalogChanges'
import type { CatalogIndex, CatalogRecord } from './catalogIndex'

export interface CatalogServiceOptions {
  index: CatalogIndex
  /** The registry entry for an id; throws NOT_FOUND for an unknown one. */
  registry(id: string): Promise<BrowseRegistry> | BrowseRegistry
  /** Walks a registry's catalog (the browse service's client: its pool, auth and tokens). */
  walk(registryId: string, opts: CatalogWalkOptions): Promise<CatalogWalkResult>
  /** Ranges walked at once. */
  concurrency?: number
}

export class CatalogService {
  private readonly running = new Map<string, { ctl: AbortController; done: Promise<CatalogRefresh> }>()

  constructor(private readonly opts: CatalogServiceOptions) {}

  /** The stored list, or null when this registry (at this endpoint) was never walked. */
  async stored(registryId: string): Promise<StoredCatalog | null> {
    const record = await this.record(registryId)
    if (!record) return null
    const { walkedAt, complete, incomplete, repositories } = record
    return { walkedAt, complete, repositories, ...(incomplete ? { incomplete } : {}) }
  }

  /** Walks the catalog; a second call while one runs gets the same answer. */
  refresh(registryId: string): Promise<CatalogRefresh> {
    const running = this.running.get(registryId)
    if (running) return running.done
    const ctl = new AbortController()
    const done = this.walk(registryId, ctl.signal).finally(() => this.running.delete(registryId))
    this.running.set(registryId, { ctl, done })
    return done
  }

  cancel(registryId: string): { cancelled: boolean } {
    const running = this.running.get(registryId)
    running?.ctl.abort()
    return { cancelled: running !== undefined }
  }

  dispose(): void {
    for (const r of this.running.values()) r.ctl.abort()
  }

  private async record(registryId: string): Promise<CatalogRecord | undefined> {
    const entry = await this.opts.registry(registryId)
    const record = await this.opts.index.catalog(registryId)
    return record && record.endpoint === endpointKey(entry) ? record : undefined
  }

  private async walk(registryId: string, signal: AbortSignal): Promise<CatalogRefresh> {
    const entry = await this.opts.registry(registryId)
    const before = await this.record(registryId)
    // The stored list's page ends are exact range bounds for this walk.
    const walk = await this.opts.walk(registryId, { signal, concurrency: this.opts.concurrency, ...(before?.complete ? { hints: before.repositories } : {}) })
    const walkedAt = new Date().toISOString()
    // A short list never replaces a complete one: it would show repositories as gone that are not.
    if (walk.complete || !before?.complete) {
      await this.opts.index.saveCatalog(registryId, {
        endpoint: endpointKey(entry),
        walkedAt,
        complete: walk.complete,
        ...(walk.incomplete ? { incomplete: walk.incomplete } : {}),
        repositories: walk.repositories
      })
    }
    const changes = before && walk.complete ? catalogChanges(before.repositories, walk.repositories) : undefined
    return { ...walk, walkedAt, ...(changes ? { changes } : {}) }
  }
}
