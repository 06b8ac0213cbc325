// Catalog paging (relative Link, PAGINATION_NUMBER_INVALID fallback, refusals), tag paging and
// sorting, deletes and sibling tags, multi-arch description — against fake registries.
import { createHash } from 'node:crypto'
import type http from 'node:http'
import { fetch } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { createRegistryClient, type RegistryClient } from '../../src/main/registry'
import { sendJson, startFakeServer, type FakeServer } from '../support/registries'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function fake(handler: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void, opts: { useFetch?: boolean } = {}): Promise<{ c: RegistryClient; srv: FakeServer }> {
  const srv = await startFakeServer((req, res) => {
    const url = new URL(req.url!, 'http://x')
    if (url.pathname === '/v2/') return sendJson(res, 200, {})
    handler(req, res, url)
  })
  const c = createRegistryClient({ address: srv.address, scheme: 'http', ...(opts.useFetch ? { fetchImpl: fetch } : {}) })
  cleanups.push(async () => {
    await c.close()
    await srv.close()
  })
  return { c, srv }
}

const repos = Array.from({ length: 250 }, (_, i) => `team/repo-${String(i).padStart(3, '0')}`)

/** registry:2's catalog: default 100, max `maxN`, relative Link to the next page. */
function catalogHandler(maxN: number) {
  return (_req: http.IncomingMessage, res: http.ServerResponse, url: URL): void => {
    if (url.pathname !== '/v2/_catalog') return sendJson(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'x' }] })
    const n = Number(url.searchParams.get('n') ?? 100)
    if (n > maxN) return sendJson(res, 400, { errors: [{ code: 'PAGINATION_NUMBER_INVALID', message: 'invalid number of results requested', detail: { n } }] })
    const last = url.searchParams.get('last')
    const start = last ? repos.indexOf(last) + 1 : 0
    const page = repos.slice(start, start + n)
    const more = start + n < repos.length
    sendJson(res, 200, { repositories: page }, more ? { link: `</v2/_catalog?last=${encodeURIComponent(page.at(-1)!)}&n=${n}>; rel="next"` } : {})
  }
}

describe('catalog', () => {
  for (const useFetch of [false, true]) {
    it(`pages through a relative Link (${useFetch ? 'fetchImpl' : 'undici request'})`, async () => {
      const { c } = await fake(catalogHandler(1000), { useFetch })
      const first = await c.catalogPage({ n: 100 })
      expect(first.repositories).toHaveLength(100)
      expect(first.next).toEqual({ n: 100, last: 'team/repo-099' })
      const seen: number[] = []
      const all: string[] = []
      for await (const page of c.catalogAll((_p, i) => seen.push(i), 100)) all.push(...page.repositories)
      expect(all).toEqual(repos)
      expect(seen).toEqual([0, 1, 2])
    })
  }

  it('halves a refused page size (PAGINATION_NUMBER_INVALID) down to what the registry takes', async () => {
    const { c, srv } = await fake(catalogHandler(120))
    const page = await c.catalogPage({ n: 1000 })
    expect(page.repositories).toHaveLength(100)
    expect(srv.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('n')).filter(Boolean)).toEqual(['1000', '500', '250', '125', '100'])
    const all: string[] = []
    for await (const p of c.catalogAll()) all.push(...p.repositories)
    expect(all).toHaveLength(250)
  })

  it('gives up below the minimum page size', async () => {
    const { c } = await fake(catalogHandler(10))
    await expect(c.catalogPage({ n: 1000 })).rejects.toMatchObject({ code: 'REGISTRY_ERROR', details: { registryCode: 'PAGINATION_NUMBER_INVALID' } })
  })

  it('maps refusals to CATALOG_UNSUPPORTED', async () => {
    const unsupported = await fake((_q, res) => sendJson(res, 405, { errors: [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }] }))
    const err = await unsupported.c.catalogPage().catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'CATALOG_UNSUPPORTED', hint: expect.stringMatching(/by name/) })
    const missing = await fake((_q, res) => sendJson(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'page not found' }] }))
    await expect(missing.c.catalogPage()).rejects.toMatchObject({ code: 'CATALOG_UNSUPPORTED' })
  })

  it('maps a granted-but-insufficient token (Docker Hub style) to CATALOG_UNSUPPORTED', async () => {
    const srv = await startFakeServer((req, res) => {
      const url = new URL(req.url!, 'http://x')
      if (url.pathname === '/token') return sendJson(res, 200, { token: 'anonymous' })
      const challenge = `Bearer realm="http://${req.headers.host}/token",service="hub"`
      if (url.pathname === '/v2/' && !req.headers.authorization) return sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'x' }] }, { 'www-authenticate': challenge })
      if (url.pathname === '/v2/') return sendJson(res, 200, {})
      sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': `${challenge},scope="registry:catalog:*",error="insufficient_scope"` })
    })
    const c = createRegistryClient({ address: srv.address, scheme: 'http' })
    cleanups.push(async () => {
      await c.close()
      await srv.close()
    })
    await expect(c.catalogPage()).rejects.toMatchObject({ code: 'CATALOG_UNSUPPORTED' })
  })
})

describe('tags', () => {
  it('follows Link pages, tolerates null tags, and sorts naturally', async () => {
    const { c } = await fake((_req, res, url) => {
      if (url.pathname === '/v2/empty/tags/list') return sendJson(res, 200, { name: 'empty', tags: null })
      if (url.searchParams.get('last') === 'v1.9') return sendJson(res, 200, { name: 'app', tags: ['v1.10', 'latest'] })
      sendJson(res, 200, { name: 'app', tags: ['v1.9', 'v1.2'] }, { link: '</v2/app/tags/list?n=2&last=v1.9>; rel="next"' })
    })
    expect(await c.tags('app')).toEqual(['latest', 'v1.2', 'v1.9', 'v1.10'])
    expect(await c.tags('empty')).toEqual([])
  })

  it('stops on a repeating Link', async () => {
    const { c, srv } = await fake((_req, res) => sendJson(res, 200, { name: 'app', tags: ['a'] }, { link: '</v2/app/tags/list?last=a>; rel="next"' }))
    expect(await c.tags('app')).toEqual(['a'])
    expect(srv.requests.filter((r) => r.url.includes('tags'))).toHaveLength(2)
  })

  it('NOT_FOUND for an unknown repository', async () => {
    const { c } = await fake((_req, res) => sendJson(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] }))
    await expect(c.tags('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"nope"') })
  })
})

const sha = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`

describe('deletes', () => {
  it('DELETE_DISABLED with the setting to change', async () => {
    const { c } = await fake((_req, res) => sendJson(res, 405, { errors: [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }] }))
    const err = await c.deleteManifest('app', sha('x')).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'DELETE_DISABLED', hint: expect.stringContaining('REGISTRY_STORAGE_DELETE_ENABLED=true') })
  })

  it('finds the tags sharing a digest with HEADs, then deletes', async () => {
    const digests: Record<string, string> = { v1: sha('one'), latest: sha('one'), v2: sha('two'), stable: sha('one') }
    const { c, srv } = await fake((req, res, url) => {
      if (url.pathname === '/v2/app/tags/list') return sendJson(res, 200, { name: 'app', tags: [...Object.keys(digests), 'gone'] })
      const tag = /manifests\/(.+)$/.exec(url.pathname)?.[1] ?? ''
      if (req.method === 'DELETE') return sendJson(res, 202, {})
      if (!digests[tag]) return sendJson(res, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] })
      res.writeHead(200, { 'docker-content-digest': digests[tag], 'content-type': 'application/vnd.docker.distribution.manifest.v2+json', 'content-length': 0 })
      res.end()
    })
    expect(await c.tagsSharingDigest('app', sha('one'))).toEqual(['latest', 'stable', 'v1'])
    expect(srv.requests.filter((r) => r.method === 'HEAD')).toHaveLength(5)
    expect(await c.tagsSharingDigest('app', sha('two'), ['v1', 'v2'])).toEqual(['v2'])
    expect(await c.deleteManifest('app', sha('one'))).toEqual({ digest: sha('one') })
  })
})

describe('manifests and describeTag', () => {
  const config = (arch: string) =>
    JSON.stringify({
      architecture: arch,
      os: 'linux',
      created: '2024-01-02T03:04:05Z',
      config: { Entrypoint: ['/bin/app'], Cmd: ['serve'], Env: ['A=1'], Labels: { l: 'v' }, ExposedPorts: { '80/tcp': {} }, WorkingDir: '/w', User: 'app' },
      history: [{ created: '2024-01-02T03:04:05Z', created_by: 'COPY . /', comment: 'c' }, { created_by: 'CMD', empty_layer: true }]
    })
  const image = (arch: string) =>
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config(arch)), size: config(arch).length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(`layer-${arch}`), size: 1000 }]
    })
  const broken = sha('missing')
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(image('amd64')), size: 1, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(image('arm64')), size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: broken, size: 1, platform: { os: 'linux', architecture: 's390x' } },
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha('att'), size: 1, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }
    ]
  })
  const docs = new Map<string, string>([
    ['multi', index],
    [sha(index), index],
    [sha(image('amd64')), image('amd64')],
    [sha(image('arm64')), image('arm64')],
    ['single', image('amd64')]
  ])
  const blobs = new Map([
    [sha(config('amd64')), config('amd64')],
    [sha(config('arm64')), config('arm64')]
  ])
  const handler = (_req: http.IncomingMessage, res: http.ServerResponse, url: URL): void => {
    const [, kind, ref] = /^\/v2\/app\/(manifests|blobs)\/(.+)$/.exec(url.pathname) ?? []
    const body = kind === 'manifests' ? docs.get(ref) : blobs.get(ref)
    if (!body) return sendJson(res, 404, { errors: [{ code: kind === 'blobs' ? 'BLOB_UNKNOWN' : 'MANIFEST_UNKNOWN', message: 'unknown' }] })
    // No Docker-Content-Digest: the client must hash the body itself.
    res.writeHead(200, { 'content-type': (JSON.parse(body) as { mediaType?: string }).mediaType ?? 'application/octet-stream' })
    res.end(body)
  }

  it('getManifest computes the digest from the body when the header is missing', async () => {
    const { c } = await fake(handler)
    const m = await c.getManifest('app', 'single')
    expect(m).toMatchObject({ digest: sha(image('amd64')), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: image('amd64').length, raw: image('amd64') })
    expect((await c.headManifest('app', 'single')).digest).toBe(sha(image('amd64')))
  })

  it('describes an index: healthy platforms described, the broken one carries an error', async () => {
    const { c } = await fake(handler)
    const d = await c.describeTag('app', 'multi', { platform: 'linux/arm64' })
    expect(d).toMatchObject({ repository: 'app', tag: 'multi', digest: sha(index), isIndex: true, size: 2000, selectedPlatform: 'linux/arm64/v8' })
    expect(d.platforms).toHaveLength(3)
    expect(d.platforms[0]).toMatchObject({ os: 'linux', architecture: 'amd64', size: 1000, created: '2024-01-02T03:04:05Z' })
    expect(d.platforms[0].error).toBeUndefined()
    expect(d.platforms[1]).toMatchObject({ architecture: 'arm64', variant: 'v8' })
    expect(d.platforms[2]).toMatchObject({ architecture: 's390x', size: 0, error: expect.stringMatching(/does not exist/) })
    expect(d.config).toMatchObject({ architecture: 'arm64', entrypoint: ['/bin/app'], cmd: ['serve'], env: ['A=1'], labels: { l: 'v' }, exposedPorts: ['80/tcp'], workingDir: '/w', user: 'app' })
    expect(d.history).toEqual([
      { created: '2024-01-02T03:04:05Z', createdBy: 'COPY . /', emptyLayer: false, comment: 'c' },
      { created: undefined, createdBy: 'CMD', emptyLayer: true, comment: '' }
    ])
    expect(d.layers).toEqual([{ digest: sha('layer-arm64'), size: 1000, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' }])
  })

  it('describes a single image', async () => {
    const { c } = await fake(handler)
    const d = await c.describeTag('app', 'single')
    expect(d).toMatchObject({ isIndex: false, size: 1000, selectedPlatform: 'linux/amd64', platforms: [{ os: 'linux', architecture: 'amd64', digest: sha(image('amd64')) }] })
  })
})
