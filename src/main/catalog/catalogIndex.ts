// Berth's catalog index: each registry's repository list (and the tag lists read so far) kept in
// the data directory, so a reopened registry shows at once.
//
// Why plain JSON files, one per registry and kind, written atomically: the index must load in
// Electron and in the web mode on plain Node 20 with no native module to rebuild (that rules
// out better-sqlite3; node:sqlite is not in Node 20). The index is read whole and replaced whole
// (a walk reads the whole catalog anyway), never queried by key on disk, so a database buys
// nothing: 100,000 names are ~3 MB of JSON that parse in tens of milliseconds. Files are read
// lazily, on the first open of that registry, and kept in memory after.
import { createHash } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoredCatalog } from '@shared/contract/catalog'
import { writeFileAtomic } from '../credentials'

const VERSION = 1

export interface CatalogRecord extends StoredCatalog {
  /** The entry's address, scheme and TLS settings when walked: another endpoint is another registry. */
  endpoint: string
}

export interface TagsRecord {
  endpoint: string
  /** Tags per repository, with when they were read (ms since epoch). */
  repositories: Record<string, { tags: string[]; at: number }>
}

type Kind = 'catalog' | 'tags'

export class CatalogIndex {
  private readonly cache = new Map<string, unknown>()
  /** One write at a time per file, last one wins (a refresh may finish while tags are saved). */
  private readonly writes = new Map<string, Promise<void>>()

  constructor(private readonly dir: string) {}

  catalog(registryId: string): Promise<CatalogRecord | undefined> {
    return this.read<CatalogRecord>(registryId, 'catalog')
  }

  saveCatalog(registryId: string, record: CatalogRecord): Promise<void> {
    return this.write(registryId, 'catalog', record)
  }

  tags(registryId: string): Promise<TagsRecord | undefined> {
    return this.read<TagsRecord>(registryId, 'tags')
  }

  saveTags(registryId: string, record: TagsRecord): Promise<void> {
    return this.write(registryId, 'tags', record)
  }

  /** Forgets a registry removed from the list. */
  async forget(registryId: string): Promise<void> {
    for (const kind of ['catalog', 'tags'] as const) {
      this.cache.delete(this.file(registryId, kind))
      await rm(this.file(registryId, kind), { force: true })
    }
  }

  private file(registryId: string, kind: Kind): string {
    // Ids come from the user's settings file: hashed, they can never name a path elsewhere.
    const key = createHash('sha256').update(registryId).digest('hex').slice(0, 24)
    return join(this.dir, `${key}.${kind}.json`)
  }

  private async read<T>(registryId: string, kind: Kind): Promise<T | undefined> {
    const file = this.file(registryId, kind)
    if (this.cache.has(file)) return this.cache.get(file) as T | undefined
    let value: T | undefined
    try {
      const json = JSON.parse(await readFile(file, 'utf8')) as { version?: number; data?: T }
      // Another version, or a damaged file, is an index to rebuild, not an error to show.
      value = json.version === VERSION ? json.data : undefined
    } catch {
      value = undefined
    }
    if (!this.cache.has(file)) this.cache.set(file, value)
    return this.cache.get(file) as T | undefined
  }

  private async write(registryId: string, kind: Kind, data: CatalogRecord | TagsRecord): Promise<void> {
    const file = this.file(registryId, kind)
    this.cache.set(file, data)
    const previous = this.writes.get(file) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(() => writeFileAtomic(file, JSON.stringify({ version: VERSION, data })))
    this.writes.set(file, next)
    await next
  }
}
