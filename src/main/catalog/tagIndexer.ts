// Reads every repository's tag list into the index in the background: a few at a time (the
// registry serves people meanwhile), saved as it goes so a restart keeps what was read, with
// progress events and cancel. Repositories already indexed are skipped; a refresh of one
// repository's tags (browse.tags) is the way to update a single list.
import type { TagIndexProgress, TagSearchResult } from '@shared/contract/catalog'
import { errorCode } from '@shared/contract/errors'
import { endpointKey } from '@shared/registryAddress'
import { nextRev } from '../revision'
import type { BrowseRegistry } from '../browse'
import type { CatalogIndex, TagsRecord } from './catalogIndex'
import { searchTags } from './tagSearch'

/** Tag lists read at once: registry:2 answers a tag list from one directory listing. */
export const TAG_INDEX_CONCURRENCY = 8
/** Save and report at most this often. */
const SAVE_EVERY_MS = 1000

export interface TagIndexerOptions {
  index: CatalogIndex
  registry(id: string): Promise<BrowseRegistry> | BrowseRegistry
  /** The stored catalog of a registry (what is indexed). */
  catalog(registryId: string): Promise<string[] | undefined>
  tags(registryId: string, repository: string): Promise<string[]>
  emit(progress: TagIndexProgress): void
  concurrency?: number
}

interface Run {
  ctl: AbortController
  progress: TagIndexProgress
}

export class TagIndexer {
  private readonly runs = new Map<string, Run>()
  private readonly last = new Map<string, TagIndexProgress>()

  constructor(private readonly opts: TagIndexerOptions) {}

  /** The tag lists of this registry at this endpoint (an empty record when none were read). */
  async record(registryId: string): Promise<TagsRecord> {
    const endpoint = endpointKey(await this.opts.registry(registryId))
    const stored = await this.opts.index.tags(registryId)
    return stored?.endpoint === endpoint ? stored : { endpoint, repositories: {} }
  }

  async status(registryId: string): Promise<TagIndexProgress> {
    const running = this.runningProgress(registryId)
    if (running) return running
    const { repos, record } = await this.known(registryId)
    const done = repos.filter((r) => record.repositories[r]).length
    return { ...this.last.get(registryId), registryId, running: false, done, total: repos.length, failed: this.last.get(registryId)?.failed ?? 0, rev: nextRev() }
  }

  async start(registryId: string): Promise<TagIndexProgress> {
    const running = this.runningProgress(registryId)
    if (running) return running
    const { repos, record } = await this.known(registryId)
    const todo = repos.filter((r) => !record.repositories[r])
    const run: Run = { ctl: new AbortController(), progress: { registryId, running: true, done: repos.length - todo.length, total: repos.length, failed: 0, rev: nextRev() } }
    this.runs.set(registryId, run)
    void this.work(registryId, run, record, todo)
    return { ...run.progress }
  }

  /** Searches what is indexed so far (a running index answers with what it has read). */
  async search(registryId: string, query: string, limit = 1000): Promise<TagSearchResult> {
    const { repos, record } = await this.known(registryId)
    return searchTags(query, repos, record.repositories, limit)
  }

  private runningProgress(registryId: string): TagIndexProgress | undefined {
    const running = this.runs.get(registryId)
    return running && { ...running.progress, rev: nextRev() }
  }

  /** The repositories the catalog index lists, and the tags indexed for them so far. */
  private async known(registryId: string): Promise<{ repos: string[]; record: TagsRecord }> {
    const repos = (await this.opts.catalog(registryId)) ?? []
    return { repos, record: await this.record(registryId) }
  }

  cancel(registryId: string): Promise<TagIndexProgress> {
    this.runs.get(registryId)?.ctl.abort()
    return this.status(registryId)
  }

  dispose(): void {
    for (const r of this.runs.values()) r.ctl.abort()
  }

  private async work(registryId: string, run: Run, record: TagsRecord, todo: string[]): Promise<void> {
    let next = 0
    let lastSave = Date.now()
    const flush = async (): Promise<void> => {
      lastSave = Date.now()
      await this.opts.index.saveTags(registryId, record).catch(() => undefined)
      this.opts.emit({ ...run.progress, rev: nextRev() })
    }
    const worker = async (): Promise<void> => {
      while (!run.ctl.signal.aborted && next < todo.length) {
        const repository = todo[next++]!
        try {
          record.repositories[repository] = { tags: await this.opts.tags(registryId, repository), at: Date.now() }
          run.progress.done++
        } catch (e) {
          // Listed but without tags (blobs only, or every tag deleted): nothing to find there.
          if (errorCode(e) === 'NOT_FOUND') {
            record.repositories[repository] = { tags: [], at: Date.now() }
            run.progress.done++
          } else run.progress.failed++
        }
        if (Date.now() - lastSave >= SAVE_EVERY_MS) await flush()
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.opts.concurrency ?? TAG_INDEX_CONCURRENCY, todo.length)) }, worker))
    await this.opts.index.saveTags(registryId, record).catch(() => undefined)
    const final: TagIndexProgress = { ...run.progress, running: false, ...(run.ctl.signal.aborted ? { cancelled: true } : {}), rev: nextRev() }
    this.last.set(registryId, final)
    this.runs.delete(registryId)
    this.opts.emit(final)
  }
}
