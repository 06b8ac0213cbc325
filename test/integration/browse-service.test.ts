// The registry browser's service against real registry:2 containers: paged catalog, tag
// counts and rows, a multi-arch tag with one broken platform, deletes with shared tags, a
// registry with deletes off, and a token-auth registry that refuses to list its catalog.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BerthError } from '@shared/contract/errors'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import { BrowseService, type BrowseRegistry } from '../../src/main/browse'
import { fillRegistry } from '../../scripts/fill-registry'
import { describeEngine } from '../support/describeEngine'
import { rejection } from '../support/expectations'
import { closeSeedConnections, putManifest, seedImage, seedIndex, startRegistry, startTokenServer, type SeedTarget, type TestRegistry, type TokenServer } from '../support/registries'
import { deleteOneTag } from '../support/browse'

/** Tags an existing manifest again (same bytes, same digest) like `docker tag` + push would. */
async function retag(address: string, repo: string, from: string, to: string, t: SeedTarget = {}): Promise<void> {
  const res = await fetch(`http://${address}/v2/${repo}/manifests/${from}`, {
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json', ...(t.authorization ? { authorization: t.authorization } : {}) }
  })
  const body = JSON.parse(await res.text()) as { mediaType: string }
  await putManifest(address, repo, to, body, body.mediaType, t)
}

describeEngine('browse service against registry:2', () => {
  let open: TestRegistry // deletes on, catalog open
  let noDelete: TestRegistry
  let locked: TestRegistry // token auth, no catalog scope for anyone
  let tokens: TokenServer
  let creds: RegistryCredentials | undefined
  let service: BrowseService
  const entries: Record<string, BrowseRegistry> = {}
  let appDigest = ''

  beforeAll(async () => {
    tokens = await startTokenServer({
      users: { alice: 'wonderland' },
      // Like GHCR / Docker Hub: repositories for signed-in users, never the catalog.
      grant: (user, type, _name, actions) => (user && type === 'repository' ? actions : [])
    })
    ;[open, noDelete, locked] = await Promise.all([
      startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } }),
      startRegistry(),
      startRegistry({ env: tokens.registryEnv(), binds: [`${tokens.certFile}:/token/cert.pem:ro`] })
    ])

    await fillRegistry({ address: open.address, repositories: 250, tags: 0, prefix: 'bulk', concurrency: 16 })
    const app = await seedImage(open.address, 'team/app', '1.0')
    appDigest = app.digest
    await retag(open.address, 'team/app', '1.0', '1.0-alpine')
    await retag(open.address, 'team/app', '1.0', 'latest')
    await seedImage(open.address, 'team/app', '1.10')
    await seedImage(open.address, 'team/app', '1.9')
    await seedIndex(open.address, 'team/multi', '2.0', { withMissing: true })

    await seedImage(noDelete.address, 'team/keep', '1.0')

    const bearer = `Bearer ${tokens.mint(['repository:team/private:push,pull'], 'alice')}`
    await seedImage(locked.address, 'team/private', '3.1', { authorization: bearer })

    entries.open = { id: 'open', name: 'open', address: open.address, scheme: 'http', managed: 'local' }
    entries.noDelete = { id: 'noDelete', name: 'no delete', address: noDelete.address, scheme: 'http' }
    entries.locked = { id: 'locked', name: 'locked', address: locked.address, scheme: 'http' }
    service = new BrowseService({
      registry: (id) => {
        const e = entries[id]
        if (!e) throw new BerthError('NOT_FOUND', 'No such registry in your list.')
        return e
      },
      credentials: async (entry) => (entry.id === 'locked' ? creds : undefined)
    })
  })

  afterAll(async () => {
    await service?.dispose()
    await Promise.all([open?.stop(), noDelete?.stop(), locked?.stop()])
    await tokens?.close()
    await closeSeedConnections()
  })

  it('pages through the catalog in order, without gaps or repeats', async () => {
    const all: string[] = []
    let cursor: { n?: number; last?: string } = { n: 100 }
    let pages = 0
    for (;;) {
      const page = await service.catalogPage('open', cursor)
      pages++
      all.push(...page.repositories)
      if (!page.next) break
      expect(page.repositories).toHaveLength(100)
      cursor = { n: 100, last: page.next.last }
    }
    expect(pages).toBe(3)
    expect(all).toHaveLength(250 + 3) // + bulk/source, team/app, team/multi
    expect(new Set(all).size).toBe(all.length)
    expect([...all].sort()).toEqual(all)
    expect(all).toContain('team/app')
  })

  it('counts tags of the rows asked for, reporting a missing repository per row', async () => {
    const r = await service.tagCounts('open', ['team/app', 'team/multi', 'bulk/group-00/service-00000', 'team/nope'])
    expect(r.counts).toEqual({ 'team/app': 5, 'team/multi': 1, 'bulk/group-00/service-00000': 1 })
    expect(r.errors['team/nope']).toMatch(/does not exist/)
  })

  it('lists tags version-aware and describes rows lazily', async () => {
    const { tags } = await service.tags('open', 'team/app')
    expect(tags).toEqual(['1.0', '1.0-alpine', '1.9', '1.10', 'latest'])
    const rows = await service.tagSummaries('open', 'team/app', ['1.0', 'latest', '1.9', 'gone'])
    expect(rows[0]).toMatchObject({ tag: '1.0', digest: appDigest, isIndex: false, platforms: ['linux/amd64'], created: '2024-05-01T12:00:00Z' })
    expect(rows[0]!.size).toBeGreaterThan(0)
    expect(rows[1]!.digest).toBe(appDigest)
    expect(rows[2]!.digest).not.toBe(appDigest)
    expect(rows[3]!.error).toMatch(/does not exist/)
    // Asked again: served from the digest cache, same answer.
    expect(await service.tagSummaries('open', 'team/app', ['1.0'])).toEqual([rows[0]])
  })

  it('describes a multi-arch tag even when one platform is broken', async () => {
    const d = await service.tag('open', 'team/multi', '2.0')
    expect(d.isIndex).toBe(true)
    expect(d.platforms.map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/'))).toEqual(['linux/amd64', 'linux/arm64/v8', 'linux/s390x'])
    const [amd, arm, s390x] = d.platforms
    expect(amd!.size).toBeGreaterThan(0)
    expect(amd!.created).toBe('2024-05-01T12:00:00Z')
    expect(arm!.error).toBeUndefined()
    expect(s390x!.error).toMatch(/does not exist|not found/i)
    expect(d.layers).toHaveLength(1)
    expect(d.config?.exposedPorts).toEqual(['8080/tcp'])
    expect(d.history.length).toBeGreaterThan(0)
    const arm64 = await service.tag('open', 'team/multi', '2.0', 'linux/arm64/v8')
    expect(arm64.selectedPlatform).toBe('linux/arm64/v8')
    expect(arm64.config?.architecture).toBe('arm64')
    const [row] = await service.tagSummaries('open', 'team/multi', ['2.0'])
    expect(row).toMatchObject({ isIndex: true, platforms: ['linux/amd64', 'linux/arm64/v8', 'linux/s390x'] })
  })

  it('names the tags sharing a digest, and deletes them all when the image is deleted', async () => {
    expect(await service.sharedTags('open', 'team/app', appDigest)).toEqual({ digest: appDigest, tags: ['1.0', '1.0-alpine', 'latest'] })

    const moved = await rejection(deleteOneTag(service, 'open', 'team/app', '1.9', appDigest))
    expect(moved.code).toBe('CONFLICT')
    expect((await service.tags('open', 'team/app')).tags).toHaveLength(5)

    const r = await deleteOneTag(service, 'open', 'team/app', '1.0-alpine', appDigest, 'image')
    expect(r).toEqual({ digest: appDigest, deleted: ['1.0', '1.0-alpine', 'latest'], managed: true })
    expect((await service.tags('open', 'team/app')).tags).toEqual(['1.9', '1.10'])
    const [row] = await service.tagSummaries('open', 'team/app', ['1.0'])
    expect(row!.error).toMatch(/does not exist/)
  })

  it('says how to enable deletes when the registry has them off', async () => {
    const { tags } = await service.tags('noDelete', 'team/keep')
    const [row] = await service.tagSummaries('noDelete', 'team/keep', tags)
    const e = await rejection(deleteOneTag(service, 'noDelete', 'team/keep', '1.0', row!.digest))
    expect(e.code).toBe('DELETE_DISABLED')
    expect(e.hint).toContain('REGISTRY_STORAGE_DELETE_ENABLED=true')
    expect((await service.tags('noDelete', 'team/keep')).tags).toEqual(['1.0'])
  })

  it('opens a repository by name on a registry that refuses its catalog, after signing in', async () => {
    creds = undefined
    const anonymous = await rejection(service.openRepository('locked', 'team/private'))
    expect(anonymous.code).toBe('AUTH_REQUIRED')

    // The user signs in (credentials.set); the next call looks the credentials up again.
    creds = { username: 'alice', password: 'wonderland' }
    const catalog = await rejection(service.catalogPage('locked'))
    expect(catalog.code).toBe('CATALOG_UNSUPPORTED')
    expect(catalog.hint).toMatch(/by name/)

    expect(await service.openRepository('locked', 'team/private')).toEqual({ repository: 'team/private', tags: ['3.1'] })
    expect(await service.openRepository('locked', `docker pull ${locked.address}/team/private:3.1`)).toEqual({ repository: 'team/private', tags: ['3.1'], tag: '3.1' })
    expect((await rejection(service.openRepository('locked', 'team/absent'))).code).toBe('NOT_FOUND')
    expect((await rejection(service.openRepository('locked', 'ghcr.io/team/private'))).code).toBe('INVALID_INPUT')
    expect((await rejection(service.openRepository('locked', 'Team/Private'))).code).toBe('INVALID_INPUT')
    const d = await service.tag('locked', 'team/private', '3.1')
    expect(d.config?.cmd).toEqual(['/app'])
  })

  it('refuses an unknown registry id', async () => {
    expect((await rejection(service.catalogPage('nope'))).code).toBe('NOT_FOUND')
  })
})
