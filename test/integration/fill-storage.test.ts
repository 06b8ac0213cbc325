// The fixture that writes repositories straight into registry:2's storage (scripts/registryStorage.ts)
// must be a faithful stand-in for pushing them: the same files as registry:2 writes for a mount +
// manifest PUT (compared file by file), and the registry lists, tags and serves them the same.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { extract } from 'tar-stream'
import { createRegistryClient, type RegistryClient } from '../../src/main/registry'
import { fillRegistry } from '../../scripts/fill-registry'
import { REGISTRY_DATA } from '../../scripts/registryStorage'
import { describeEngine } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { startRegistry, type TestRegistry } from '../support/registries'

/** Every file and directory under a repository of the registry's storage, with file contents. */
async function storageTree(container: string, repository: string): Promise<string[]> {
  const dir = `${REGISTRY_DATA}/docker/registry/v2/repositories/${repository}`
  const stream = (await testDocker().getContainer(container).getArchive({ path: dir })) as NodeJS.ReadableStream
  const out: string[] = []
  const ex = extract()
  ex.on('entry', (header, body, next) => {
    const chunks: Buffer[] = []
    body.on('data', (c: unknown) => chunks.push(c as Buffer))
    body.on('end', () => {
      // The archive starts at the repository's last path element: keep what is below it.
      const path = header.name.split('/').slice(1).join('/')
      out.push(`${header.type} ${path} ${Buffer.concat(chunks).toString('utf8')}`)
      next()
    })
    body.resume()
  })
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve)
    ex.on('error', reject)
    stream.pipe(ex)
  })
  return out.sort()
}

describeEngine('fill fixture: repositories written into the storage are the same as pushed ones', () => {
  let reg: TestRegistry
  let client: RegistryClient

  beforeAll(async () => {
    reg = await startRegistry()
    client = createRegistryClient({ address: reg.address, scheme: 'http' })
    await fillRegistry({ address: reg.address, repositories: 3, tags: 4, prefix: 'pushed' })
    await fillRegistry({ address: reg.address, repositories: 3, tags: 4, prefix: 'written', storage: { docker: testDocker(), container: reg.container } })
  })
  afterAll(async () => {
    await client?.close()
    await reg?.stop()
  })

  it('writes the files registry:2 writes for a mount and a manifest PUT, and for many tags', async () => {
    // The first of `written` went through HTTP (it stores the manifest); the others are files.
    for (const repo of ['group-02/service-00002', 'many-tags']) {
      const pushed = await storageTree(reg.container, `pushed/${repo}`)
      expect(pushed.length).toBeGreaterThan(5)
      const written = await storageTree(reg.container, `written/${repo}`)
      // Uploading a blob leaves an empty _uploads directory behind; mounts and writes do not.
      expect(written).toEqual(pushed.filter((e) => !/^directory _uploads\b/.test(e)))
    }
  })

  it('lists, tags and serves written repositories like pushed ones', async () => {
    const walk = await client.catalogWalk({ concurrency: 1 })
    expect(walk.repositories.filter((r) => r.startsWith('written/'))).toEqual(walk.repositories.filter((r) => r.startsWith('pushed/')).map((r) => r.replace('pushed/', 'written/')))
    for (const repo of ['group-02/service-00002', 'many-tags']) {
      expect(await client.tags(`written/${repo}`)).toEqual(await client.tags(`pushed/${repo}`))
      const tag = repo === 'many-tags' ? '1.0.3' : 'latest'
      const written = await client.getManifest(`written/${repo}`, tag)
      const pushed = await client.getManifest(`pushed/${repo}`, tag)
      expect(written.digest).toBe(pushed.digest)
      const config = (written.manifest as { config: { digest: string } }).config.digest
      expect(await client.getBlobJson(`written/${repo}`, config)).toEqual(await client.getBlobJson(`pushed/${repo}`, config))
    }
  })
})
