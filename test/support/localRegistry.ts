// Shared by the localRegistry-*.test.ts files: a LocalRegistryService under unique names
// (container, volume, label) and a random free port, so tests never meet each other or a
// user's registry, plus push/catalog helpers that talk to the engine and the registry directly.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Docker from 'dockerode'
import { request } from 'undici'
import type { LocalRegistryStatus } from '../../src/shared/contract/localRegistry'
import { CredentialStore, plainSecretBox } from '../../src/main/credentials'
import { LocalRegistryService, MANAGED_LABEL, type LocalRegistryOptions } from '../../src/main/localRegistry'
import { testDocker } from './engine'
import { basicAuthHeader, freePort } from './http'

export interface Harness {
  docker: Docker
  service: LocalRegistryService
  store: CredentialStore
  names: { containerName: string; volumeName: string; labelValue: string }
  prefix: string
  port: number
  dataDir: string
  events: LocalRegistryStatus[]
  managed: ({ address: string } | undefined)[]
  /** Containers Berth manages under this harness's label. */
  containers(): Promise<Docker.ContainerInfo[]>
  cleanup(): Promise<void>
}

export async function harness(tag: string, extra: Partial<LocalRegistryOptions> = {}): Promise<Harness> {
  const docker = testDocker()
  const id = randomBytes(4).toString('hex')
  const prefix = `berth-test-lr-${tag}-${id}`
  const names = { containerName: prefix, volumeName: `${prefix}-data`, labelValue: `test-${tag}-${id}` }
  const dataDir = mkdtempSync(join(tmpdir(), 'berth-lr-'))
  const store = new CredentialStore({ file: join(dataDir, 'credentials.json'), box: plainSecretBox })
  const events: LocalRegistryStatus[] = []
  const managed: ({ address: string } | undefined)[] = []
  const port = await freePort()
  const service = new LocalRegistryService({
    docker: () => docker,
    dataDir,
    ...names,
    defaultPort: port,
    credentials: store,
    onStatus: (s) => events.push(s),
    setManaged: (e) => managed.push(e),
    ...extra
  })
  const containers = (): Promise<Docker.ContainerInfo[]> => docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${names.labelValue}`] } })
  return {
    docker,
    service,
    store,
    names,
    prefix,
    port,
    dataDir,
    events,
    managed,
    containers,
    async cleanup() {
      service.dispose()
      for (const c of await containers().catch(() => [])) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)
      const all = await docker.listContainers({ all: true }).catch(() => [])
      for (const c of all) if (c.Names.some((n) => n.startsWith(`/${prefix}`))) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)
      await docker.getVolume(names.volumeName).remove().catch(() => undefined)
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Reads an engine JSON stream to its end; rejects on the first error event. */
export async function consume(stream: NodeJS.ReadableStream): Promise<unknown[]> {
  const events: unknown[] = []
  let buffer = ''
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      let nl: number
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim()
        buffer = buffer.slice(nl + 1)
        if (!line) continue
        const ev = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } }
        events.push(ev)
        if (ev.error || ev.errorDetail) reject(new Error(ev.errorDetail?.message ?? ev.error))
      }
    })
    stream.on('end', () => resolve())
    stream.on('error', reject)
  })
  return events
}

/** Tags `source` as address/repo:tag and pushes it through the engine; resolves when the push ended cleanly. */
export async function push(docker: Docker, source: string, address: string, repo: string, tag: string, auth?: { username: string; password: string }): Promise<void> {
  const name = `${address}/${repo}`
  await docker.getImage(source).tag({ repo: name, tag })
  try {
    const stream = await docker.getImage(name).push({ tag, ...(auth ? { authconfig: { ...auth, serveraddress: address } } : { authconfig: {} }) })
    const events = (await consume(stream)) as { status?: string; aux?: unknown }[]
    if (!events.some((e) => e.aux || /digest: sha256:/.test(e.status ?? ''))) throw new Error(`push of ${name}:${tag} ended without a digest`)
  } finally {
    await docker.getImage(`${name}:${tag}`).remove({ noprune: true }).catch(() => undefined)
  }
}

export async function catalog(address: string, auth?: { username: string; password: string }): Promise<string[]> {
  const res = await request(`http://${address}/v2/_catalog`, { headers: basicAuthHeader(auth) })
  if (res.statusCode !== 200) throw new Error(`catalog: HTTP ${res.statusCode} ${await res.body.text()}`)
  return ((await res.body.json()) as { repositories: string[] }).repositories
}

export async function tags(address: string, repo: string): Promise<string[]> {
  const res = await request(`http://${address}/v2/${repo}/tags/list`)
  if (res.statusCode !== 200) throw new Error(`tags: HTTP ${res.statusCode} ${await res.body.text()}`)
  return ((await res.body.json()) as { tags: string[] | null }).tags ?? []
}

const ACCEPT = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.index.v1+json'

/** Deletes the manifest a tag points to (every tag sharing it goes too). */
export async function deleteTag(address: string, repo: string, tag: string): Promise<void> {
  const head = await request(`http://${address}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { accept: ACCEPT } })
  await head.body.dump()
  const digest = head.headers['docker-content-digest']
  if (typeof digest !== 'string') throw new Error(`no digest for ${repo}:${tag} (HTTP ${head.statusCode})`)
  const del = await request(`http://${address}/v2/${repo}/manifests/${digest}`, { method: 'DELETE' })
  await del.body.dump()
  if (del.statusCode !== 202) throw new Error(`delete ${repo}@${digest}: HTTP ${del.statusCode}`)
}

/** HostIp of the container's 5000/tcp binding. */
/** '127.0.0.1', or 'all' for every interface (engines spell it "" or "0.0.0.0"). */
export async function boundHostIp(docker: Docker, id: string): Promise<string | undefined> {
  const info = await docker.getContainer(id).inspect()
  const ip = info.HostConfig.PortBindings?.['5000/tcp']?.[0]?.HostIp
  return ip === '' || ip === '0.0.0.0' ? 'all' : ip
}

/** Removes what a test's Berth created as its local registry (by its unique label), and the volume. */
export async function removeLocalRegistry(docker: Docker, names: { labelValue: string; volumeName: string }): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${names.labelValue}`] } }).catch(() => [])
  for (const c of list) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)
  await docker.getVolume(names.volumeName).remove().catch(() => undefined)
}
