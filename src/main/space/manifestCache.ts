// Manifests are immutable by digest: what was read once is kept, in memory and in the data
// directory (one small file per digest), so measuring a registry a second time, even after a
// restart, costs one HEAD per tag and nothing else.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Lru } from '../browse/lru'

/** What space accounting needs of a manifest. */
export interface CachedManifest {
  mediaType: string
  /** Bytes of the manifest itself. */
  size: number
  /** Image manifest: config + layers. */
  blobs?: { digest: string; size: number }[]
  /** Index: its platform manifests. */
  children?: { digest: string; size: number; platform?: string }[]
}

const safeDigest = /^([a-z0-9]+):([a-f0-9]{32,128})$/

export class ManifestCache {
  private readonly memory = new Lru<string, CachedManifest>(50_000)
  private ready?: Promise<void>

  /** `dir` undefined: memory only (tests, or no data directory). */
  constructor(private readonly dir?: string) {}

  async get(digest: string): Promise<CachedManifest | undefined> {
    const hit = this.memory.get(digest)
    if (hit) return hit
    const file = this.file(digest)
    if (!file) return undefined
    try {
      const m = JSON.parse(await readFile(file, 'utf8')) as CachedManifest
      this.memory.set(digest, m)
      return m
    } catch {
      return undefined // absent, or unreadable: read it from the registry again
    }
  }

  async set(digest: string, m: CachedManifest): Promise<void> {
    this.memory.set(digest, m)
    const file = this.file(digest)
    if (!file || !this.dir) return
    this.ready ??= mkdir(this.dir, { recursive: true }).then(() => undefined)
    await this.ready
    // Write then rename: a crash never leaves half a file behind.
    const tmp = `${file}.${process.pid}.tmp`
    await writeFile(tmp, JSON.stringify(m)).then(() => rename(tmp, file)).catch(() => undefined)
  }

  private file(digest: string): string | undefined {
    const m = safeDigest.exec(digest)
    return this.dir && m ? join(this.dir, `${m[1]}-${m[2]}.json`) : undefined
  }
}
