// Registry → registry copies against real registry:2 containers: a single image and a
// multi-arch index across registries, within one registry (cross-repository mount and a pure
// retag), blobs the target already has, Basic and Bearer auth on both sides, and a source that
// stops mid-copy followed by a Retry that skips the finished blobs.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { BerthError } from '@shared/contract/errors'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { createRegistryClient } from '../../src/main/registry'
import { copyTransfers, entry, seedSizedImage, startCuttingProxy, type CuttingProxy } from '../support/copyHelpers'
import { describeEngine } from '../support/describeEngine'
import { basicAuth } from '../support/http'
import { closeSeedConnections, htpasswdLine, seedImage, seedIndex, startRegistry, startTokenServer, type TestRegistry, type TokenServer } from '../support/registries'

async function failure(p: Promise<unknown>): Promise<BerthError> {
  try {
    await p
  } catch (e) {
    return e as BerthError
  }
  throw new Error('expected the copy to fail')
}

const phases = (s: TransferSnapshot): Record<string, string> => Object.fromEntries(s.layers.map((l) => [l.id, l.phase]))

describeEngine('copy between registry:2 containers', () => {
  let a: TestRegistry
  let b: TestRegistry
  let basic: TestRegistry
  let bearer: TestRegistry
  let tokens: TokenServer
  let proxy: CuttingProxy
  const user: RegistryCredentials = { username: 'berth', password: 'c0py-pass' }
  let entries: ReturnType<typeof makeEntries>
  const makeEntries = () => ({
    a: entry('a', a.address),
    b: entry('b', b.address),
    basic: entry('basic', basic.address),
    bearer: entry('bearer', bearer.address),
    proxied: entry('proxied', proxy.address)
  })
  const creds = { basic: user, bearer: user }
  const digestAt = async (id: 'a' | 'b' | 'basic' | 'bearer', repo: string, ref: string): Promise<string> => {
    const e = entries[id]
    const c = createRegistryClient({ address: e.address, scheme: 'http', credentials: async () => (id === 'basic' || id === 'bearer' ? user : undefined) })
    try {
      return (await c.headManifest(repo, ref)).digest
    } finally {
      await c.close()
    }
  }

  beforeAll(async () => {
    tokens = await startTokenServer({ users: { berth: 'c0py-pass' } })
    ;[a, b, basic, bearer] = await Promise.all([
      startRegistry(),
      startRegistry(),
      startRegistry({
        files: { '/auth/htpasswd': await htpasswdLine('berth', 'c0py-pass') },
        env: { REGISTRY_AUTH: 'htpasswd', REGISTRY_AUTH_HTPASSWD_REALM: 'copy', REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd' }
      }),
      startRegistry({ env: tokens.registryEnv(), binds: [`${tokens.certFile}:/token/cert.pem:ro`] })
    ])
    proxy = await startCuttingProxy(a.address)
    entries = makeEntries()
  })

  afterAll(async () => {
    await proxy?.close()
    await Promise.all([a, b, basic, bearer].map((r) => r?.stop()))
    await tokens?.close()
    await closeSeedConnections()
  })

  it('copies a single image across registries with the same digest, streaming every blob', async () => {
    const img = await seedImage(a.address, 'team/app', '1.0', { layers: 3 })
    const { service, updates } = copyTransfers(entries)
    const first = await service.copy({ from: { registryId: 'a', repository: 'team/app', tags: ['1.0'] }, to: { registryId: 'b', repository: 'team/app' } })
    expect(first).toMatchObject({ kind: 'copy', reference: `${b.address}/team/app:1.0`, source: `${a.address}/team/app:1.0` })
    const done = await service.wait(first.id)
    expect(done).toMatchObject({ state: 'done', digest: img.digest })
    expect(done.bytesDone).toBe(done.bytesTotal)
    expect(done.bytesTotal).toBe(img.layers.reduce((n, l) => n + l.size, 0) + done.layers.find((l) => `sha256:${l.id}` === img.configDigest.slice(0, 19))!.total)
    expect(done.layers.map((l) => l.phase)).toEqual(['pushed', 'pushed', 'pushed', 'pushed'])
    expect(await digestAt('b', 'team/app', '1.0')).toBe(img.digest)
    // Progress only ever grows.
    const seen = updates(first.id).map((u) => u.bytesDone)
    expect(seen).toEqual([...seen].sort((x, y) => x - y))
  })

  it('copies a multi-arch index with every platform, children before the index', async () => {
    const idx = await seedIndex(a.address, 'multi/app', 'v2')
    const { service } = copyTransfers(entries)
    const t = await service.copy({ from: { registryId: 'a', repository: 'multi/app', tags: ['v2'] }, to: { registryId: 'b', repository: 'mirror/multi', tag: 'stable' } })
    expect(await service.wait(t.id)).toMatchObject({ state: 'done', digest: idx.digest })
    expect(await digestAt('b', 'mirror/multi', 'stable')).toBe(idx.digest)
    for (const p of idx.platforms) expect(await digestAt('b', 'mirror/multi', p.digest)).toBe(p.digest)
  })

  it('within one registry mounts blobs across repositories; the same repository is a manifest PUT only', async () => {
    const img = await seedImage(a.address, 'src/app', '1', { layers: 2 })
    const { service } = copyTransfers(entries)
    const mounted = await service.wait((await service.copy({ from: { registryId: 'a', repository: 'src/app', tags: ['1'] }, to: { registryId: 'a', repository: 'dst/app' } })).id)
    expect(mounted.layers.map((l) => l.phase)).toEqual(['mounted', 'mounted', 'mounted'])
    expect(mounted.bytesDone).toBe(mounted.bytesTotal)
    expect(await digestAt('a', 'dst/app', '1')).toBe(img.digest)

    const retag = await service.wait((await service.copy({ from: { registryId: 'a', repository: 'src/app', tags: ['1'] }, to: { registryId: 'a', repository: 'src/app', tag: 'release' } })).id)
    expect(retag).toMatchObject({ state: 'done', digest: img.digest, layers: [] })
    expect(await digestAt('a', 'src/app', 'release')).toBe(img.digest)
  })

  it('skips blobs the target already has', async () => {
    const img = await seedImage(a.address, 'skip/app', 'one', { layers: 2 })
    const { service } = copyTransfers(entries)
    await service.wait((await service.copy({ from: { registryId: 'a', repository: 'skip/app', tags: ['one'] }, to: { registryId: 'b', repository: 'skip/app' } })).id)
    const again = await service.wait((await service.copy({ from: { registryId: 'a', repository: 'skip/app', tags: ['one'] }, to: { registryId: 'b', repository: 'skip/app', tag: 'two' } })).id)
    expect(again.layers.map((l) => l.phase)).toEqual(['exists', 'exists', 'exists'])
    expect(await digestAt('b', 'skip/app', 'two')).toBe(img.digest)
  })

  it('copies a whole repository (every tag)', async () => {
    const one = await seedImage(a.address, 'whole/app', 'a', { layers: 1 })
    const two = await seedImage(a.address, 'whole/app', 'b', { layers: 1 })
    const { service } = copyTransfers(entries)
    const done = await service.wait((await service.copy({ from: { registryId: 'a', repository: 'whole/app' }, to: { registryId: 'b', repository: 'whole/app' } })).id)
    expect(done).toMatchObject({ state: 'done', message: 'Copied 2 tags.' })
    expect(await digestAt('b', 'whole/app', 'a')).toBe(one.digest)
    expect(await digestAt('b', 'whole/app', 'b')).toBe(two.digest)
  })

  it('uses credentials on both sides: Basic → Bearer and Bearer → Basic', async () => {
    const img = await seedImage(basic.address, 'secret/app', '1', { layers: 2, authorization: basicAuth('berth', 'c0py-pass') })
    const { service } = copyTransfers(entries, creds)
    const there = await service.wait((await service.copy({ from: { registryId: 'basic', repository: 'secret/app', tags: ['1'] }, to: { registryId: 'bearer', repository: 'secret/app' } })).id)
    expect(there).toMatchObject({ state: 'done', digest: img.digest })
    expect(await digestAt('bearer', 'secret/app', '1')).toBe(img.digest)
    const back = await service.wait((await service.copy({ from: { registryId: 'bearer', repository: 'secret/app', tags: ['1'] }, to: { registryId: 'basic', repository: 'back/app' } })).id)
    expect(back).toMatchObject({ state: 'done', digest: img.digest })
    expect(await digestAt('basic', 'back/app', '1')).toBe(img.digest)
    // Without credentials the source says so (decoded, nothing copied).
    const { service: anonymous } = copyTransfers(entries)
    const err = await failure(anonymous.wait((await anonymous.copy({ from: { registryId: 'basic', repository: 'secret/app', tags: ['1'] }, to: { registryId: 'b', repository: 'nope/app' } })).id))
    expect(err).toMatchObject({ code: 'AUTH_REQUIRED', message: expect.stringContaining(basic.address) })
  })

  it('a source stopped mid-copy gives a decoded error; Retry completes and skips the finished blobs', async () => {
    const MiB = 1024 * 1024
    const img = await seedSizedImage(a.address, 'cut/app', '1', [2 * MiB, 2 * MiB, 2 * MiB])
    // One blob at a time, so "finished" and "not started" are clear-cut when the source stops.
    const { service } = copyTransfers(entries, {}, 1)
    proxy.cutAfter(3 * MiB)
    const t = await service.copy({ from: { registryId: 'proxied', repository: 'cut/app', tags: ['1'] }, to: { registryId: 'b', repository: 'cut/app' } })
    const err = await failure(service.wait(t.id))
    expect(proxy.stopped).toBe(true)
    expect(err.code).toBe('REGISTRY_UNREACHABLE')
    expect(err.message).toContain(`source registry ${proxy.address} stopped sending blob`)
    expect(err.hint).toMatch(/Retry/)
    const failed = service.get(t.id)
    expect(failed.state).toBe('failed')
    const finished = failed.layers.filter((l) => l.phase === 'pushed').map((l) => l.id)
    expect(finished).toContain(img.layers[0].slice(7, 19))
    expect(finished).not.toContain(img.layers[2].slice(7, 19))

    await proxy.restart()
    service.retry(t.id)
    const done = await service.wait(t.id)
    expect(done).toMatchObject({ state: 'done', digest: img.digest })
    const after = phases(done)
    for (const id of finished) expect(after[id]).toBe('exists')
    expect(after[img.layers[2].slice(7, 19)]).toBe('pushed')
    expect(await digestAt('b', 'cut/app', '1')).toBe(img.digest)
  })

  it('refuses a copy onto itself and unknown tags with decoded errors', async () => {
    const { service } = copyTransfers(entries)
    await expect(service.copy({ from: { registryId: 'a', repository: 'team/app', tags: ['1.0'] }, to: { registryId: 'a', repository: 'team/app' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const err = await failure(service.wait((await service.copy({ from: { registryId: 'a', repository: 'team/app', tags: ['missing'] }, to: { registryId: 'b', repository: 'team/app' } })).id))
    expect(err).toMatchObject({ code: 'NOT_FOUND' })
  })
})
