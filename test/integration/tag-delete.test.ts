// Deleting a tag, not the image, against real registry:2 containers: a sibling tag on the same
// digest keeps its digest and stays pullable through the engine (image and multi-arch index), the
// last tag of a manifest deletes the manifest, a platform manifest a tagged index needs survives,
// several tags at once, and a registry with deletes off changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BrowseService, type BrowseRegistry } from '../../src/main/browse'
import { describeEngine } from '../support/describeEngine'
import { enginePull as pull, rejection } from '../support/expectations'
import { testDocker } from '../support/engine'
import { cleanupByPrefix } from '../support/images'
import { pushIndex, pushSingle } from '../support/pullableImages'
import { registryDigest } from '../support/pushHelpers'
import { closeSeedConnections, startRegistry, tagManifest, type TestRegistry } from '../support/registries'
import { OCI } from '../support/ociMedia'
import { deleteOneTag } from '../support/browse'

const PREFIX = 'berth-it-tagdel'
const docker = testDocker()
const enginePull = (ref: string, platform?: string): Promise<void> => pull(docker, ref, platform)

async function tagList(address: string, repo: string): Promise<string[]> {
  const res = await fetch(`http://${address}/v2/${repo}/tags/list`)
  return (((await res.json()) as { tags: string[] | null }).tags ?? []).sort()
}

async function manifestStatus(address: string, repo: string, digest: string): Promise<number> {
  const res = await fetch(`http://${address}/v2/${repo}/manifests/${digest}`, { method: 'HEAD', headers: { accept: `${OCI.manifest}, ${OCI.index}` } })
  return res.status
}

describeEngine('tag-only delete against registry:2', () => {
  let reg: TestRegistry
  let noDelete: TestRegistry
  let service: BrowseService
  const progress: number[] = []

  beforeAll(async () => {
    ;[reg, noDelete] = await Promise.all([startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } }), startRegistry()])
    const entries: Record<string, BrowseRegistry> = {
      reg: { id: 'reg', name: 'reg', address: reg.address, scheme: 'http' },
      noDelete: { id: 'noDelete', name: 'noDelete', address: noDelete.address, scheme: 'http' }
    }
    service = new BrowseService({ registry: (id) => entries[id]!, credentials: async () => undefined, onDeleteProgress: (p) => progress.push(p.done) })
  })

  afterAll(async () => {
    await service?.dispose()
    await reg?.stop()
    await noDelete?.stop()
    await closeSeedConnections()
    await cleanupByPrefix(docker, PREFIX)
  })

  it('removes only the tag of an image shared with another tag; the sibling keeps its digest and pulls', async () => {
    const repo = `${PREFIX}/app`
    const img = await pushSingle(reg.address, repo, ['1.0', 'stable'], '2025-01-01T00:00:00Z')
    const r = await deleteOneTag(service, 'reg', repo, '1.0', img.digest)
    expect(r).toEqual({ digest: img.digest, deleted: ['1.0'], managed: false })
    expect(await tagList(reg.address, repo)).toEqual(['stable'])
    expect(await registryDigest(reg.address, repo, 'stable')).toBe(img.digest)
    await enginePull(`${reg.address}/${repo}:stable`)
    expect((await docker.getImage(`${reg.address}/${repo}:stable`).inspect()).RepoDigests).toContain(`${reg.address}/${repo}@${img.digest}`)
  })

  it('removes only the tag of a multi-arch index; every platform of the sibling still pulls', async () => {
    const repo = `${PREFIX}/multi`
    const index = await pushIndex(reg.address, repo, ['2.0', 'latest'], '2025-02-01T00:00:00Z')
    await deleteOneTag(service, 'reg', repo, 'latest', index.digest)
    expect(await tagList(reg.address, repo)).toEqual(['2.0'])
    expect(await registryDigest(reg.address, repo, '2.0')).toBe(index.digest)
    for (const p of index.platforms) expect(await manifestStatus(reg.address, repo, p.digest)).toBe(200)
    await enginePull(`${reg.address}/${repo}:2.0`, 'linux/amd64')
    await enginePull(`${reg.address}/${repo}:2.0`, 'linux/arm64/v8')
  })

  it('deletes the manifest itself with its last tag', async () => {
    const repo = `${PREFIX}/last`
    const img = await pushSingle(reg.address, repo, ['only'], '2025-01-01T00:00:00Z')
    expect((await deleteOneTag(service, 'reg', repo, 'only', img.digest)).deleted).toEqual(['only'])
    expect(await tagList(reg.address, repo)).toEqual([])
    expect(await manifestStatus(reg.address, repo, img.digest)).toBe(404)
  })

  it('keeps a platform manifest that a tagged index lists when its own tag goes', async () => {
    const repo = `${PREFIX}/platform`
    const index = await pushIndex(reg.address, repo, ['3.0'], '2025-03-01T00:00:00Z')
    const amd64 = index.platforms[0]!
    await tagManifest(reg.address, repo, amd64.digest, ['3.0-amd64'], OCI.manifest)
    await deleteOneTag(service, 'reg', repo, '3.0-amd64', amd64.digest)
    expect(await tagList(reg.address, repo)).toEqual(['3.0'])
    expect(await manifestStatus(reg.address, repo, amd64.digest)).toBe(200)
  })

  it('deletes the image and every tag on it when asked to', async () => {
    const repo = `${PREFIX}/whole`
    const img = await pushSingle(reg.address, repo, ['a', 'b', 'c'], '2025-01-01T00:00:00Z')
    await pushSingle(reg.address, repo, ['other'], '2025-01-02T00:00:00Z')
    const r = await deleteOneTag(service, 'reg', repo, 'b', img.digest, 'image')
    expect(r.deleted.sort()).toEqual(['a', 'b', 'c'])
    expect(await tagList(reg.address, repo)).toEqual(['other'])
    expect(await manifestStatus(reg.address, repo, img.digest)).toBe(404)
  })

  it('deletes several tags one at a time and reports the one that moved', async () => {
    const repo = `${PREFIX}/multi-select`
    const shared = await pushSingle(reg.address, repo, ['x', 'y', 'z'], '2025-01-01T00:00:00Z')
    const alone = await pushSingle(reg.address, repo, ['w'], '2025-01-02T00:00:00Z')
    progress.length = 0
    const r = await service.deleteTags('reg', repo, [
      { tag: 'x', digest: shared.digest },
      { tag: 'y', digest: shared.digest },
      { tag: 'w', digest: shared.digest } // moved: w points elsewhere
    ])
    expect(r.deleted).toEqual(['x', 'y'])
    expect(r.failed).toEqual([expect.objectContaining({ tag: 'w', code: 'CONFLICT' })])
    expect(progress).toEqual([0, 1, 2, 3])
    expect(await tagList(reg.address, repo)).toEqual(['w', 'z'])
    expect(await registryDigest(reg.address, repo, 'z')).toBe(shared.digest)
    expect(await registryDigest(reg.address, repo, 'w')).toBe(alone.digest)
    // The last tag of the shared image: its manifest goes with it.
    await service.deleteTags('reg', repo, [{ tag: 'z', digest: shared.digest }])
    expect(await manifestStatus(reg.address, repo, shared.digest)).toBe(404)
  })

  it('refuses a tag that moved since the user looked', async () => {
    const repo = `${PREFIX}/moved`
    const a = await pushSingle(reg.address, repo, ['a'], '2025-01-01T00:00:00Z')
    const b = await pushSingle(reg.address, repo, ['b'], '2025-01-02T00:00:00Z')
    expect((await rejection(deleteOneTag(service, 'reg', repo, 'a', b.digest))).code).toBe('CONFLICT')
    expect(await registryDigest(reg.address, repo, 'a')).toBe(a.digest)
  })

  it('says how to enable deletes and changes nothing when the registry has them off', async () => {
    const repo = `${PREFIX}/keep`
    const img = await pushSingle(noDelete.address, repo, ['1.0', 'latest'], '2025-01-01T00:00:00Z')
    // With a sibling (tag-only path: the tag is put back on its image).
    const e = await rejection(deleteOneTag(service, 'noDelete', repo, '1.0', img.digest))
    expect(e.code).toBe('DELETE_DISABLED')
    expect(e.hint).toContain('REGISTRY_STORAGE_DELETE_ENABLED=true')
    // Without (direct delete) and in a batch: the registry-wide refusal is thrown, not listed per tag.
    const lone = await pushSingle(noDelete.address, repo, ['lone'], '2025-01-02T00:00:00Z')
    expect((await rejection(service.deleteTags('noDelete', repo, [{ tag: 'lone', digest: lone.digest }]))).code).toBe('DELETE_DISABLED')
    expect(await tagList(noDelete.address, repo)).toEqual(['1.0', 'latest', 'lone'])
    expect(await registryDigest(noDelete.address, repo, '1.0')).toBe(img.digest)
    expect(await registryDigest(noDelete.address, repo, 'latest')).toBe(img.digest)
    expect(await registryDigest(noDelete.address, repo, 'lone')).toBe(lone.digest)
  })
})
