// Air gap against real registry:2 containers and skopeo: tags of a registry exported as an OCI
// archive that skopeo reads (inspect, copy) with the same digests, a multi-arch index included;
// that archive imported into another registry with the same digests.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { archiveTransfers, rawDigest, skopeo } from '../support/archiveHelpers'
import { entry, seedSizedImage, startCuttingProxy, type CuttingProxy } from '../support/copyHelpers'
import { describeEngine } from '../support/describeEngine'
import { registryDigest } from '../support/pushHelpers'
import { closeSeedConnections, seedImage, seedIndex, startRegistry, type SeededImage, type SeededIndex, type TestRegistry } from '../support/registries'

describeEngine('export to an OCI archive and import it, registry:2 and skopeo', () => {
  let a: TestRegistry
  let b: TestRegistry
  let c: TestRegistry
  let dir: string
  let single: SeededImage
  let docker2: SeededImage
  let multi: SeededIndex
  let t: ReturnType<typeof archiveTransfers>
  let proxy: CuttingProxy
  let cut: CuttingProxy

  beforeAll(async () => {
    ;[a, b, c] = await Promise.all([startRegistry(), startRegistry(), startRegistry()])
    dir = mkdtempSync(join(tmpdir(), 'berth-archive-'))
    // OCI media types: skopeo 1.x picks an image of an archive by name only when it is OCI-typed.
    single = await seedImage(a.address, 'team/app', '1.0', { layers: 3, oci: true })
    docker2 = await seedImage(a.address, 'team/app', 'docker', { layers: 2 })
    multi = await seedIndex(a.address, 'team/app', 'multi')
    proxy = await startCuttingProxy(a.address)
    cut = await startCuttingProxy(b.address)
    t = archiveTransfers({ a: entry('a', a.address), b: entry('b', b.address), c: entry('c', c.address), slow: entry('slow', proxy.address), cut: entry('cut', cut.address) })
  })

  afterAll(async () => {
    t?.service.dispose()
    await proxy?.close()
    await cut?.close()
    await Promise.all([a, b, c].map((r) => r?.stop()))
    await closeSeedConnections()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('writes one OCI archive of two tags that skopeo inspects and copies with the same digests', async () => {
    const file = join(dir, 'app.tar')
    const first = await t.service.export({ from: { kind: 'registry', registryId: 'a', repository: 'team/app', tags: ['1.0', 'multi'] }, path: file })
    expect(first).toMatchObject({ kind: 'export', reference: 'app.tar' })
    const done = await t.service.wait(first.id)
    expect(done.state).toBe('done')
    expect(done.bytesDone).toBe(done.bytesTotal)
    expect(done.bytesTotal).toBeGreaterThan(0)
    expect(statSync(file).size).toBeGreaterThan(done.bytesTotal)

    // Each tag by its ref.name; the index keeps every platform.
    expect(await rawDigest(`oci-archive:${file}:team/app:1.0`)).toBe(single.digest)
    expect(await rawDigest(`oci-archive:${file}:team/app:multi`)).toBe(multi.digest)
    const index = JSON.parse(await skopeo('inspect', '--raw', `oci-archive:${file}:team/app:multi`)) as { manifests: { digest: string }[] }
    expect(index.manifests.map((m) => m.digest)).toEqual(multi.platforms.map((p) => p.digest))

    await skopeo('copy', '--all', '--preserve-digests', '--dest-tls-verify=false', `oci-archive:${file}:team/app:multi`, `docker://${b.address}/mirror/app:multi`)
    await skopeo('copy', '--preserve-digests', '--dest-tls-verify=false', `oci-archive:${file}:team/app:1.0`, `docker://${b.address}/mirror/app:1.0`)
    expect(await registryDigest(b.address, 'mirror/app', 'multi')).toBe(multi.digest)
    expect(await registryDigest(b.address, 'mirror/app', '1.0')).toBe(single.digest)
    for (const p of multi.platforms) expect(await registryDigest(b.address, 'mirror/app', p.digest)).toBe(p.digest)
  })

  it('a single-tag archive needs no name: skopeo takes its only image, Docker schema 2 kept as it is', async () => {
    const file = join(dir, 'one.tar')
    const first = await t.service.export({ from: { kind: 'registry', registryId: 'a', repository: 'team/app', tags: ['docker'] }, path: file })
    const done = await t.service.wait(first.id)
    expect(done.digest).toBe(docker2.digest)
    expect(await rawDigest(`oci-archive:${file}`)).toBe(docker2.digest)
    await skopeo('copy', '--preserve-digests', '--dest-tls-verify=false', `oci-archive:${file}`, `docker://${b.address}/mirror/docker:1`)
    expect(await registryDigest(b.address, 'mirror/docker', '1')).toBe(docker2.digest)
  })

  it('imports the archive into another registry without the engine: same digests, checked, then nothing to push again', async () => {
    const file = join(dir, 'app.tar')
    const first = await t.service.import({ path: file, registryId: 'c' })
    expect(first).toMatchObject({ kind: 'import', source: 'app.tar' })
    const done = await t.service.wait(first.id)
    expect(done.state).toBe('done')
    expect(done.message).toContain('team/app:1.0')
    expect(await registryDigest(c.address, 'team/app', '1.0')).toBe(single.digest)
    expect(await registryDigest(c.address, 'team/app', 'multi')).toBe(multi.digest)
    for (const p of multi.platforms) expect(await registryDigest(c.address, 'team/app', p.digest)).toBe(p.digest)
    expect(done.layers.every((l) => l.phase === 'pushed')).toBe(true)

    const again = await t.service.wait((await t.service.import({ path: file, registryId: 'c' })).id)
    expect(again.layers.length).toBeGreaterThan(0)
    expect(again.layers.every((l) => l.phase === 'exists')).toBe(true)
  })

  it('imports an archive skopeo wrote (ref.name is only a tag) into the repository the user names', async () => {
    const file = join(dir, 'skopeo.tar')
    await skopeo('copy', '--all', '--src-tls-verify=false', `docker://${a.address}/team/app:multi`, `oci-archive:${file}:v2`)
    const written = await rawDigest(`oci-archive:${file}:v2`)
    const done = await t.service.wait((await t.service.import({ path: file, registryId: 'b', repository: 'from/skopeo' })).id)
    expect(done.state).toBe('done')
    expect(await registryDigest(b.address, 'from/skopeo', 'v2')).toBe(written)
  })

  it('refuses an output path in a missing folder and an archive that is not one, saying what to do', async () => {
    await expect(t.service.export({ from: { kind: 'registry', registryId: 'a', repository: 'team/app', tags: ['1.0'] }, path: join(dir, 'nope', 'x.tar') })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(t.service.export({ from: { kind: 'registry', registryId: 'a', repository: 'team/app', tags: ['1.0'] }, path: join(dir, 'x.zip') })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const notTar = join(dir, 'index.tar')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(notTar, 'definitely not a tar archive')
    await expect(t.service.wait((await t.service.import({ path: notTar, registryId: 'b' })).id)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('Cancel stops an export mid-blob and leaves no file, not even a partial one', async () => {
    await seedSizedImage(a.address, 'team/big', '1', [4 * 1024 * 1024])
    const out = mkdtempSync(join(dir, 'cancel-'))
    proxy.holdAfter(1024 * 1024)
    const first = await t.service.export({ from: { kind: 'registry', registryId: 'slow', repository: 'team/big', tags: ['1'] }, path: join(out, 'big.tar') })
    await expect.poll(() => t.service.get(first.id).bytesDone).toBeGreaterThan(0)
    t.service.cancel(first.id)
    await expect(t.service.wait(first.id)).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(t.service.get(first.id).state).toBe('cancelled')
    expect(readdirSync(out)).toEqual([])
    proxy.holdAfter(Infinity)
  })

  it('a registry that stops answering gives a decoded error; Retry then imports with the same digests', async () => {
    const file = join(dir, 'app.tar')
    cut.cutAfter(0)
    const first = await t.service.import({ path: file, registryId: 'cut', repository: 'retry/app' })
    const failed = await t.service.wait(first.id).catch((e: unknown) => e as { code: string; message: string; hint?: string })
    expect(failed).toMatchObject({ code: 'REGISTRY_UNREACHABLE' })
    expect((failed as { hint?: string }).hint).toBeTruthy()
    await cut.restart()
    const done = await t.service.wait(t.service.retry(first.id).id)
    expect(done.state).toBe('done')
    expect(await registryDigest(b.address, 'retry/app', 'multi')).toBe(multi.digest)
  })
})
