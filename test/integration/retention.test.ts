// Retention against a real registry:2: the preview lists tags (with bytes freed) and deletes
// nothing; Apply of that preview deletes exactly those tags, tag-only (a kept tag on the same
// image keeps its digest); rules are saved per registry.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEFAULT_KEEP_PATTERN, type RetentionRule } from '@shared/contract/retention'
import { BrowseService, type BrowseRegistry } from '../../src/main/browse'
import { RetentionService } from '../../src/main/retention'
import { ManifestCache } from '../../src/main/space'
import { describeEngine } from '../support/describeEngine'
import { pushSingle } from '../support/pullableImages'
import { registryDigest } from '../support/pushHelpers'
import { closeSeedConnections, startRegistry, type TestRegistry } from '../support/registries'

const now = Date.parse('2025-06-01T00:00:00Z')
const daysAgo = (n: number): string => new Date(now - n * 24 * 3600 * 1000).toISOString()

async function tagList(address: string, repo: string): Promise<string[]> {
  const res = await fetch(`http://${address}/v2/${repo}/tags/list`)
  return (((await res.json()) as { tags: string[] | null }).tags ?? []).sort()
}

describeEngine('retention rules against registry:2', () => {
  let reg: TestRegistry
  let browse: BrowseService
  let retention: RetentionService
  const dir = mkdtempSync(join(tmpdir(), 'berth-retention-'))
  let sharedDigest = ''

  beforeAll(async () => {
    reg = await startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } })
    // build-2 and stable share an image: the rule deletes build-2, stable (kept by name) stays on it.
    await pushSingle(reg.address, 'ci/app', ['latest'], daysAgo(100))
    await pushSingle(reg.address, 'ci/app', ['1.2.3'], daysAgo(90))
    await pushSingle(reg.address, 'ci/app', ['build-1'], daysAgo(60))
    sharedDigest = (await pushSingle(reg.address, 'ci/app', ['build-2', 'stable'], daysAgo(45))).digest
    await pushSingle(reg.address, 'ci/app', ['build-3'], daysAgo(5))
    await pushSingle(reg.address, 'ci/app', ['build-4'], daysAgo(1))
    await pushSingle(reg.address, 'ci/web', ['build-9'], daysAgo(70))
    await pushSingle(reg.address, 'other/x', ['old'], daysAgo(400))
    const entry: BrowseRegistry = { id: 'reg', name: 'reg', address: reg.address, scheme: 'http' }
    browse = new BrowseService({ registry: () => entry, credentials: async () => undefined })
    retention = new RetentionService({ browse, cache: new ManifestCache(), rulesFile: join(dir, 'retention.json'), now: () => now })
  })

  afterAll(async () => {
    await browse?.dispose()
    await reg?.stop()
    await closeSeedConnections()
    rmSync(dir, { recursive: true, force: true })
  })

  it('saves rules per registry', async () => {
    const rule: RetentionRule = { id: 'ci', repositories: 'ci/*', keepLast: 2, olderThanDays: 30, keep: `${DEFAULT_KEEP_PATTERN}|^stable$` }
    expect(await retention.save('reg', rule)).toEqual([rule])
    expect(await retention.list('reg')).toEqual([rule])
    expect(await retention.list('elsewhere')).toEqual([])
    const reopened = new RetentionService({ browse, cache: new ManifestCache(), rulesFile: join(dir, 'retention.json') })
    expect(await reopened.list('reg')).toEqual([rule])
  })

  it('previews without deleting, and Apply deletes exactly the preview', async () => {
    const [rule] = await retention.list('reg')
    const before = { app: await tagList(reg.address, 'ci/app'), web: await tagList(reg.address, 'ci/web') }
    const preview = await retention.preview('reg', rule!)
    const planned = preview.repositories.map((r) => ({ repository: r.repository, tags: r.delete.map((d) => d.tag).sort() }))
    expect(planned).toEqual([
      { repository: 'ci/app', tags: ['build-1', 'build-2'] },
      { repository: 'ci/web', tags: [] }
    ])
    expect(preview.deleteCount).toBe(2)
    // build-1's blobs are its own; build-2's image stays (stable): only build-1's bytes are freed.
    expect(preview.freedBytes).toBeGreaterThan(0)
    expect(preview.repositories[0]!.freedBytes).toBe(preview.freedBytes)
    expect(await tagList(reg.address, 'ci/app')).toEqual(before.app)

    const result = await retention.apply(
      'reg',
      preview.repositories.map((r) => ({ repository: r.repository, targets: r.delete.map((d) => ({ tag: d.tag, digest: d.digest })) }))
    )
    expect(result.failed).toEqual([])
    expect(result.deleted.map((d) => `${d.repository}:${d.tag}`).sort()).toEqual(['ci/app:build-1', 'ci/app:build-2'])
    expect(await tagList(reg.address, 'ci/app')).toEqual(before.app.filter((t) => t !== 'build-1' && t !== 'build-2'))
    expect(await tagList(reg.address, 'ci/web')).toEqual(before.web)
    expect(await tagList(reg.address, 'other/x')).toEqual(['old'])
    expect(await registryDigest(reg.address, 'ci/app', 'stable')).toBe(sharedDigest)
    // Run again: nothing left to delete.
    expect((await retention.preview('reg', rule!)).deleteCount).toBe(0)
  })
})
