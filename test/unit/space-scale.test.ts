// Measuring a registry of 1,000 repositories × 10 tags: requests stay within the concurrency
// bound, progress counts every repository once up to the total, figures count shared blobs
// once, and a cancel stops starting new repositories. A fake client: no network, no timings.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { RegistryClient } from '../../src/main/registry'
import { ManifestCache } from '../../src/main/space/manifestCache'
import { measureRegistry, REPOSITORY_CONCURRENCY, TAG_CONCURRENCY } from '../../src/main/space/measure'

const REPOS = 1000
const TAGS = 10
const SHARED = { digest: `sha256:${'b'.repeat(64)}`, size: 1000 }

/** Each tag: its own manifest (100 bytes) and layer (10 bytes), plus one base layer every tag shares. */
function fakeClient(): { client: RegistryClient; maxInFlight: () => number } {
  let inFlight = 0
  let max = 0
  const busy = async <T>(fn: () => T): Promise<T> => {
    inFlight++
    max = Math.max(max, inFlight)
    await new Promise((r) => setImmediate(r))
    inFlight--
    return fn()
  }
  const hex = (s: string): string => createHash('sha256').update(s).digest('hex')
  const client = {
    async *catalogAll() {
      for (let i = 0; i < REPOS; i += 100) yield { repositories: Array.from({ length: 100 }, (_, j) => `team/r${i + j}`) }
    },
    tags: () => busy(() => Array.from({ length: TAGS }, (_, t) => `${t}`)),
    headManifest: (repo: string, tag: string) => busy(() => ({ digest: `sha256:${hex(`${repo}:${tag}`)}` })),
    getManifest: (_repo: string, digest: string) =>
      busy(() => ({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 100,
        manifest: { layers: [SHARED, { digest: `sha256:${hex(`layer${digest}`)}`, size: 10 }] }
      }))
  } as unknown as RegistryClient
  return { client, maxInFlight: () => max }
}

describe('space of 1,000 repositories × 10 tags', () => {
  it('stays within the concurrency bound, reports progress to the end, counts shared blobs once', async () => {
    const { client, maxInFlight } = fakeClient()
    const progress: [number, number][] = []
    const r = await measureRegistry(client, new ManifestCache(), { signal: new AbortController().signal, onProgress: (d, t) => progress.push([d, t]) })
    expect(maxInFlight()).toBeLessThanOrEqual(REPOSITORY_CONCURRENCY * TAG_CONCURRENCY)
    expect(maxInFlight()).toBeGreaterThan(REPOSITORY_CONCURRENCY)
    expect(progress[0]).toEqual([0, REPOS])
    expect(progress.at(-1)).toEqual([REPOS, REPOS])
    expect(progress.map(([d]) => d)).toEqual(Array.from({ length: REPOS + 1 }, (_, i) => i))
    expect(r.cancelled).toBe(false)
    expect(r.repositories).toHaveLength(REPOS)
    expect(r.stored).toBe(SHARED.size + REPOS * TAGS * (100 + 10))
    expect(r.repositories[0]).toEqual({ repository: 'team/r0', tagCount: TAGS, stored: SHARED.size + TAGS * 110, unique: TAGS * 110 })
  })

  it('stops starting repositories once cancelled, and says the figures are partial', async () => {
    const { client } = fakeClient()
    const job = new AbortController()
    const r = await measureRegistry(client, new ManifestCache(), { signal: job.signal, onProgress: (d) => d === 100 && job.abort() })
    expect(r.cancelled).toBe(true)
    expect(r.repositories.length).toBeGreaterThanOrEqual(100)
    expect(r.repositories.length).toBeLessThan(100 + REPOSITORY_CONCURRENCY + 1)
  })
})
