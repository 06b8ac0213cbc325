// Fills a real registry (registry:2) with many repositories, fast: one small image is uploaded
// once, every other repository gets its blobs by cross-repository mount (no bytes sent) and a
// manifest PUT, a bounded number of requests at a time. Plus one repository with many tags.
// With `storage` (a registry:2 container on the test engine), the first repository still goes
// through HTTP and the rest are written into the registry's storage as the same files
// (registryStorage.ts): 100,000 repositories in about a minute instead of ~300,000 requests.
//
//   npx tsx scripts/fill-registry.ts 127.0.0.1:5000 [--repos 10000] [--tags 2000] [--concurrency 32] [--container NAME]
//
// bench/catalog.ts imports fillRegistry() from here.
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import type Docker from 'dockerode'
import { pack } from 'tar-stream'
import { Agent, request } from 'undici'
import { testDocker } from '../test/support/engine'
import { digestOf, DOCKER } from '../test/support/ociMedia'
import { blobFile, writeRepositories, type StoredRepository } from './registryStorage'

export interface FillOptions {
  /** host:port of the registry (plain HTTP unless `scheme`). */
  address: string
  scheme?: 'http' | 'https'
  repositories?: number
  /** Tags of the one many-tag repository (0: none). */
  tags?: number
  /** Requests in flight. */
  concurrency?: number
  /** Repository names start with this (`<prefix>/group-07/service-0042`). */
  prefix?: string
  onProgress?: (done: number, total: number) => void
  /** Write all but the first repository straight into this registry:2 container's storage. */
  storage?: { docker: Docker; container: string }
}

export interface FillResult {
  repositories: string[]
  /** The repository holding `tags` tags (named `<prefix>/many-tags`). */
  tagsRepository: string
  tags: string[]
  seconds: number
  requests: number
}

const MT = DOCKER

/** A real gzip'ed tar with one file, so the engine can pull the image too. */
export async function tarGzLayer(files: Record<string, string>): Promise<{ gz: Buffer; diffId: string }> {
  const tar = pack()
  for (const [name, text] of Object.entries(files)) tar.entry({ name, mode: 0o644, mtime: new Date(0) }, text)
  tar.finalize()
  const chunks: Buffer[] = []
  for await (const c of tar) chunks.push(c as Buffer)
  const raw = Buffer.concat(chunks)
  return { gz: gzipSync(raw), diffId: digestOf(raw) }
}

/** The repository names fillRegistry creates (deterministic, so a filled registry can be reused). */
export function fillNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}/group-${String(i % 100).padStart(2, '0')}/service-${String(i).padStart(5, '0')}`)
}

export async function fillRegistry(opts: FillOptions): Promise<FillResult> {
  const started = performance.now()
  const base = `${opts.scheme ?? 'http'}://${opts.address}`
  const count = opts.repositories ?? 10_000
  const tagCount = opts.tags ?? 2000
  const prefix = opts.prefix ?? 'fill'
  const agent = new Agent({ connections: opts.concurrency ?? 32, pipelining: 1, keepAliveTimeout: 10_000, connect: { rejectUnauthorized: false } })
  let requests = 0

  const send = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: Buffer, contentType?: string): Promise<{ status: number; location?: string; text: string }> => {
    requests++
    const url = new URL(path, base)
    const res = await request(url, { method, body, headers: contentType ? { 'content-type': contentType } : {}, dispatcher: agent })
    const text = await res.body.text()
    const location = res.headers.location
    return { status: res.statusCode, location: Array.isArray(location) ? location[0] : location, text }
  }
  const upload = async (repo: string, data: Buffer): Promise<string> => {
    const digest = digestOf(data)
    const start = await send('POST', `/v2/${repo}/blobs/uploads/`)
    if (start.status !== 202 || !start.location) throw new Error(`upload to ${repo}: HTTP ${start.status} ${start.text}`)
    const loc = new URL(start.location, base)
    loc.searchParams.set('digest', digest)
    const put = await send('PUT', loc.pathname + loc.search, data, 'application/octet-stream')
    if (put.status !== 201) throw new Error(`upload to ${repo}: HTTP ${put.status} ${put.text}`)
    return digest
  }
  const mount = async (repo: string, from: string, digest: string): Promise<void> => {
    const res = await send('POST', `/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`)
    if (res.status === 201) return
    throw new Error(`mounting ${digest.slice(0, 19)} into ${repo}: HTTP ${res.status} ${res.text}`)
  }
  const putManifest = async (repo: string, tag: string, manifest: Buffer): Promise<void> => {
    const res = await send('PUT', `/v2/${repo}/manifests/${tag}`, manifest, MT.manifest)
    if (res.status !== 201) throw new Error(`manifest ${repo}:${tag}: HTTP ${res.status} ${res.text}`)
  }
  const manifestFor = (config: Buffer, layer: Buffer): Buffer =>
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MT.manifest,
        config: { mediaType: MT.config, digest: digestOf(config), size: config.length },
        layers: [{ mediaType: MT.layer, digest: digestOf(layer), size: layer.length }]
      })
    )
  const configFor = (diffId: string, created: string, label: string): Buffer =>
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        created,
        config: { Cmd: ['/hello.txt'], Labels: { 'berth.fill': label } },
        rootfs: { type: 'layers', diff_ids: [diffId] },
        history: [{ created, created_by: 'COPY hello.txt /' }]
      })
    )

  try {
    const { gz: layer, diffId } = await tarGzLayer({ 'hello.txt': 'filled by scripts/fill-registry.ts\n' })
    const config = configFor(diffId, '2024-01-01T00:00:00Z', 'shared')
    const manifest = manifestFor(config, layer)
    const repositories = fillNames(prefix, count)
    const source = `${prefix}/source`
    await upload(source, layer)
    await upload(source, config)
    const total = repositories.length + tagCount
    let done = 0
    const tick = (): void => {
      done++
      if (done % 250 === 0 || done === total) opts.onProgress?.(done, total)
    }

    const viaHttp = async (repo: string): Promise<void> => {
      await Promise.all([mount(repo, source, digestOf(layer)), mount(repo, source, digestOf(config))])
      await putManifest(repo, 'latest', manifest)
      tick()
    }
    const tagsRepository = `${prefix}/many-tags`
    const tags = Array.from({ length: tagCount }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`)
    // Distinct configs (created one minute apart) so every tag has its own digest and date.
    const tagConfig = (i: number): Buffer => configFor(diffId, new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(), tags[i]!)

    if (opts.storage && repositories.length > 0) {
      // The registry stores the manifest itself (first repository over HTTP); the rest link to it.
      await viaHttp(repositories[0]!)
      const blobs = [digestOf(layer), digestOf(config)]
      const rest = function* (): Generator<StoredRepository> {
        for (let i = 1; i < repositories.length; i++) yield { name: repositories[i]!, blobs, tags: [{ tag: 'latest', manifest: digestOf(manifest) }] }
      }
      await writeRepositories(opts.storage.docker, opts.storage.container, rest(), { onProgress: (n) => opts.onProgress?.(n + 1, total) })
      done = repositories.length
      if (tagCount > 0) {
        const configs = tags.map((_, i) => tagConfig(i))
        const manifests = configs.map((cfg) => manifestFor(cfg, layer))
        const many: StoredRepository = { name: tagsRepository, blobs: [digestOf(layer), ...configs.map(digestOf)], tags: tags.map((tag, i) => ({ tag, manifest: digestOf(manifests[i]!) })) }
        await writeRepositories(opts.storage.docker, opts.storage.container, [many], { blobs: [...configs, ...manifests].map((b) => blobFile(digestOf(b), b)) })
        done = total
        opts.onProgress?.(done, total)
      }
    } else {
      await runLimited(repositories, opts.concurrency ?? 32, viaHttp)
      if (tagCount > 0) await mount(tagsRepository, source, digestOf(layer))
      await runLimited(tags, opts.concurrency ?? 32, async (tag, i) => {
        const cfg = tagConfig(i)
        await upload(tagsRepository, cfg)
        await putManifest(tagsRepository, tag, manifestFor(cfg, layer))
        tick()
      })
    }
    return { repositories, tagsRepository, tags, seconds: (performance.now() - started) / 1000, requests }
  } finally {
    await agent.close()
  }
}

async function runLimited<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      repos: { type: 'string', default: '10000' },
      tags: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '32' },
      prefix: { type: 'string', default: 'fill' },
      https: { type: 'boolean', default: false },
      container: { type: 'string' }
    }
  })
  const address = positionals[0]
  if (!address) throw new Error('usage: tsx scripts/fill-registry.ts HOST:PORT [--repos N] [--tags N] [--concurrency N] [--prefix P] [--https] [--container NAME]')
  const r = await fillRegistry({
    address,
    scheme: values.https ? 'https' : 'http',
    repositories: Number(values.repos),
    tags: Number(values.tags),
    concurrency: Number(values.concurrency),
    prefix: values.prefix,
    ...(values.container ? { storage: { docker: testDocker(), container: values.container } } : {}),
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total}`)
  })
  process.stderr.write('\n')
  console.log(`${r.repositories.length} repositories and ${r.tags.length} tags in ${r.tagsRepository}: ${r.requests} requests in ${r.seconds.toFixed(1)} s`)
}

if (process.argv[1] && /fill-registry\.ts$/.test(process.argv[1])) {
  main().catch((e: Error) => {
    console.error(`fill-registry: ${e.message}`)
    process.exit(1)
  })
}
