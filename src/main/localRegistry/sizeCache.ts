// The volume's size without making any status wait for the engine's disk-usage walk (seconds
// on a big engine): the known value is served at once and refreshed in the background when
// older than 10 s; a new value is announced as a status change.
import type Docker from 'dockerode'
import { volumeSize } from './volume'

const MAX_AGE_MS = 10_000

export class VolumeSizeCache {
  private cache: { at: number; size: number | undefined } | undefined
  private refresh: Promise<number | undefined> | undefined

  /** `onChange` runs when a refresh found a different size. */
  constructor(private readonly onChange: () => void) {}

  async get(docker: Docker, volumeName: string): Promise<number | undefined> {
    const cache = this.cache
    if (cache && Date.now() - cache.at < MAX_AGE_MS) return cache.size
    this.refresh ??= volumeSize(docker, volumeName)
      .catch(() => undefined)
      .then((size) => {
        const changed = this.cache?.size !== size
        this.cache = { at: Date.now(), size }
        if (changed) this.onChange()
        return size
      })
      .finally(() => (this.refresh = undefined))
    return cache?.size
  }

  /** The size is out of date (something was pushed, collected or removed). */
  stale(): void {
    if (this.cache) this.cache = { ...this.cache, at: 0 }
  }

  /** Forgets the size (the volume is gone, or another one is meant now). */
  reset(): void {
    this.cache = undefined
  }
}
