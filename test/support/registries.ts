// Test registries: real `registry:2` containers on a random 127.0.0.1 port, content pushed
// straight through the Registry HTTP API (no engine pull/push), a Bearer token server, and a
// fake HTTP server for the misbehaving-server cases (unit tests use only that one).
import { execFile } from 'node:child_process'
import { createPrivateKey, randomBytes, sign, X509Certificate } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import bcrypt from 'bcryptjs'
import { Agent, fetch } from 'undici'
import { testDocker } from './engine'
import { waitForV2 } from './http'
import { digestOf, DOCKER, OCI } from './ociMedia'

const run = promisify(execFile)

// ---- fake HTTP server ---------------------------------------------------------------------

export interface RecordedRequest {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
}

export interface FakeServer {
  /** 127.0.0.1:PORT */
  address: string
  port: number
  requests: RecordedRequest[]
  close(): Promise<void>
}

/** An HTTP server on 127.0.0.1 and a random port that records every request. */
export async function startFakeServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<FakeServer> {
  const requests: RecordedRequest[] = []
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    address: `127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Writes a registry-style JSON answer. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

// ---- registry:2 containers ----------------------------------------------------------------

export interface StartRegistryOptions {
  /** Extra REGISTRY_* variables. */
  env?: Record<string, string>
  /** `hostPath:containerPath[:ro]` bind mounts. */
  binds?: string[]
  /** Files to put into the container (written to a temp dir and bind-mounted read-only). */
  files?: Record<string, string>
  /** Serve HTTPS with this certificate and key (host paths). */
  tls?: { certFile: string; keyFile: string }
  /**
   * Keep the registry's storage in memory (a /dev/shm directory bind-mounted as its data): for
   * tests that write tens of thousands of repositories (~17 files and directories each). On
   * disk, removing 25,000 of them took 96 s; tmpfs frees them at once. The tree is the same.
   */
  storageInMemory?: boolean
}

export interface TestRegistry {
  /** 127.0.0.1:PORT */
  address: string
  scheme: 'http' | 'https'
  container: string
  stop(): Promise<void>
}

const PREFIX = 'berth-test-registry'
const IMAGE = process.env.BERTH_REGISTRY_IMAGE ?? 'registry:2'

export async function startRegistry(opts: StartRegistryOptions = {}): Promise<TestRegistry> {
  const docker = testDocker()
  const env: Record<string, string> = { ...opts.env }
  const binds = [...(opts.binds ?? [])]
  const dir = await mkdtemp(join(tmpdir(), `${PREFIX}-`))
  const data = opts.storageInMemory ? await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `${PREFIX}-data-`)) : undefined
  if (data) binds.push(`${data}:/var/lib/registry`)
  let n = 0
  for (const [containerPath, content] of Object.entries(opts.files ?? {})) {
    const hostPath = join(dir, `file-${n++}`)
    await writeFile(hostPath, content)
    binds.push(`${hostPath}:${containerPath}:ro`)
  }
  if (opts.tls) {
    binds.push(`${opts.tls.certFile}:/certs/registry.crt:ro`, `${opts.tls.keyFile}:/certs/registry.key:ro`)
    env.REGISTRY_HTTP_TLS_CERTIFICATE = '/certs/registry.crt'
    env.REGISTRY_HTTP_TLS_KEY = '/certs/registry.key'
  }
  const name = `${PREFIX}-${randomBytes(4).toString('hex')}`
  const container = await docker.createContainer({
    name,
    Image: IMAGE,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    Labels: { 'berth.test': 'registry' },
    ExposedPorts: { '5000/tcp': {} },
    HostConfig: { Binds: binds, PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } }
  })
  const stop = async (): Promise<void> => {
    await container.remove({ force: true, v: true }).catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
    if (data) await rm(data, { recursive: true, force: true })
  }
  try {
    await container.start()
    const info = await container.inspect()
    const port = info.NetworkSettings.Ports['5000/tcp']?.[0]?.HostPort
    if (!port) throw new Error(`${name}: no host port published`)
    const scheme = opts.tls ? 'https' : 'http'
    const address = `127.0.0.1:${port}`
    await waitForV2(`${scheme}://${address}/v2/`, {
      timeoutMs: 10_000,
      intervalMs: 50,
      checkAlive: async () => {
        const state = (await container.inspect()).State
        if (!state.Running) {
          const logs = await container.logs({ stdout: true, stderr: true, tail: 30 })
          throw new Error(`${name} exited: ${logs.toString('utf8')}`)
        }
      }
    })
    return { address, scheme, container: name, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

// ---- certificates, passwords --------------------------------------------------------------

export interface CertFiles {
  dir: string
  certFile: string
  keyFile: string
}

/** A self-signed certificate (its own CA) for 127.0.0.1, made with the openssl CLI. */
export async function makeSelfSignedCert(opts: { cn?: string; ip?: string; ec?: boolean } = {}): Promise<CertFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-test-cert-'))
  const certFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  await run('openssl', [
    'req', '-x509', '-nodes', '-days', '2',
    '-newkey', opts.ec === false ? 'rsa:2048' : 'ec', ...(opts.ec === false ? [] : ['-pkeyopt', 'ec_paramgen_curve:prime256v1']),
    '-keyout', keyFile, '-out', certFile,
    '-subj', `/CN=${opts.cn ?? 'berth-test'}`,
    '-addext', `subjectAltName=IP:${opts.ip ?? '127.0.0.1'}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,digitalSignature,keyCertSign'
  ])
  return { dir, certFile, keyFile }
}

/** An htpasswd line registry:2 accepts (bcrypt; Go takes $2a/$2b/$2y). */
export async function htpasswdLine(user: string, password: string): Promise<string> {
  return `${user}:${bcrypt.hashSync(password, 5)}\n`
}

// ---- seeding content through the HTTP API ------------------------------------------------

export interface SeedTarget {
  scheme?: 'http' | 'https'
  /** e.g. `Basic …` or `Bearer …` */
  authorization?: string
  /** PEM of a CA to trust (for a TLS registry). */
  ca?: string
}

export interface SeedOptions extends SeedTarget {
  /** Number of random layers (default 2). */
  layers?: number
  platform?: { os: string; architecture: string; variant?: string }
  /** OCI media types instead of Docker schema 2. */
  oci?: boolean
  /** Extra config fields (Cmd, Env, Labels…). */
  config?: Record<string, unknown>
  /** Push by digest only (no tag), e.g. for index children. */
  untagged?: boolean
}

export interface SeededImage {
  digest: string
  mediaType: string
  size: number
  configDigest: string
  layers: { digest: string; size: number }[]
}


const dispatchers = new Map<string, Agent>()
function dispatcherFor(t: SeedTarget): Agent {
  const key = t.ca ?? ''
  let d = dispatchers.get(key)
  if (!d) {
    d = new Agent({ connections: 16, connect: t.ca ? { ca: t.ca } : {} })
    dispatchers.set(key, d)
  }
  return d
}

async function call(address: string, t: SeedTarget, method: string, path: string, body?: Uint8Array, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const url = path.startsWith('http') ? path : `${t.scheme ?? 'http'}://${address}${path}`
  const res = await fetch(url, {
    method,
    body,
    headers: { ...(t.authorization ? { authorization: t.authorization } : {}), ...headers },
    dispatcher: dispatcherFor(t)
  })
  return { status: res.status, headers: res.headers as unknown as Headers, text: await res.text() }
}

/** Uploads a blob monolithically (POST then PUT ?digest=). */
export async function uploadBlob(address: string, repo: string, data: Uint8Array, t: SeedTarget = {}): Promise<string> {
  const digest = digestOf(data)
  const start = await call(address, t, 'POST', `/v2/${repo}/blobs/uploads/`)
  if (start.status !== 202) throw new Error(`blob upload start ${repo}: ${start.status} ${start.text}`)
  const loc = new URL(start.headers.get('location')!, `${t.scheme ?? 'http'}://${address}`)
  loc.searchParams.set('digest', digest)
  const put = await call(address, t, 'PUT', loc.href, data, { 'content-type': 'application/octet-stream' })
  if (put.status !== 201) throw new Error(`blob upload ${repo}: ${put.status} ${put.text}`)
  return digest
}

/** Cross-repository mount of an existing blob; true when the registry mounted it. */
export async function mountBlob(address: string, repo: string, from: string, digest: string, t: SeedTarget = {}): Promise<boolean> {
  const res = await call(address, t, 'POST', `/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`)
  return res.status === 201
}

export async function putManifest(address: string, repo: string, reference: string, manifest: unknown, mediaType: string, t: SeedTarget = {}): Promise<string> {
  const bytes = Buffer.from(JSON.stringify(manifest))
  const res = await call(address, t, 'PUT', `/v2/${repo}/manifests/${reference}`, bytes, { 'content-type': mediaType })
  if (res.status !== 201) throw new Error(`manifest PUT ${repo}:${reference}: ${res.status} ${res.text}`)
  return res.headers.get('docker-content-digest') ?? digestOf(bytes)
}

/** Puts the manifest `from` points to under more tags (they then share its digest). */
export async function tagManifest(address: string, repo: string, from: string, tags: string[], mediaType: string, t: SeedTarget = {}): Promise<void> {
  const res = await call(address, t, 'GET', `/v2/${repo}/manifests/${from}`, undefined, { accept: mediaType })
  if (res.status !== 200) throw new Error(`manifest GET ${repo}:${from}: ${res.status} ${res.text}`)
  for (const tag of tags) await putManifest(address, repo, tag, JSON.parse(res.text) as unknown, mediaType, t)
}

export function imageConfig(layerBlobs: Uint8Array[], opts: SeedOptions): Record<string, unknown> {
  const platform = opts.platform ?? { os: 'linux', architecture: 'amd64' }
  const created = '2024-05-01T12:00:00Z'
  return {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    created,
    config: { Env: ['PATH=/usr/bin'], Cmd: ['/app'], WorkingDir: '/srv', ExposedPorts: { '8080/tcp': {} }, Labels: { 'org.opencontainers.image.title': 'berth-test' }, ...opts.config },
    rootfs: { type: 'layers', diff_ids: layerBlobs.map(digestOf) },
    history: [...layerBlobs.map((_, i) => ({ created, created_by: `COPY layer-${i} /`, comment: 'seeded' })), { created, created_by: 'CMD ["/app"]', empty_layer: true }]
  }
}

/** Random layers + a config, pushed, then a schema 2 (or OCI) manifest under `tag`. */
export async function seedImage(address: string, repo: string, tag: string, opts: SeedOptions = {}): Promise<SeededImage> {
  const layerBlobs = Array.from({ length: opts.layers ?? 2 }, () => randomBytes(256 + Math.floor(Math.random() * 768)))
  const layers = []
  for (const blob of layerBlobs) layers.push({ digest: await uploadBlob(address, repo, blob, opts), size: blob.length })
  const configBytes = Buffer.from(JSON.stringify(imageConfig(layerBlobs, opts)))
  const configDigest = await uploadBlob(address, repo, configBytes, opts)
  const mt = opts.oci ? OCI : DOCKER
  const manifest = {
    schemaVersion: 2,
    mediaType: mt.manifest,
    config: { mediaType: mt.config, digest: configDigest, size: configBytes.length },
    layers: layers.map((l) => ({ mediaType: mt.layer, digest: l.digest, size: l.size }))
  }
  const size = Buffer.byteLength(JSON.stringify(manifest))
  const digest = await putManifest(address, repo, opts.untagged ? digestOf(Buffer.from(JSON.stringify(manifest))) : tag, manifest, mt.manifest, opts)
  return { digest, mediaType: mt.manifest, size, configDigest, layers }
}

export interface SeededIndex {
  digest: string
  platforms: (SeededImage & { platform: { os: string; architecture: string; variant?: string } })[]
  /** Digest of the platform whose manifest was deleted again (needs deletes enabled). */
  missingDigest?: string
}

/**
 * An OCI index of linux/amd64 + linux/arm64/v8 (+ linux/s390x whose manifest is deleted
 * afterwards when `withMissing`, since registry:2 refuses an index naming an absent manifest).
 */
export async function seedIndex(address: string, repo: string, tag: string, opts: SeedTarget & { withMissing?: boolean } = {}): Promise<SeededIndex> {
  const wanted = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ...(opts.withMissing ? [{ os: 'linux', architecture: 's390x' }] : [])
  ]
  const platforms = []
  for (const platform of wanted) platforms.push({ ...(await seedImage(address, repo, tag, { ...opts, platform, oci: true, untagged: true, layers: 1 })), platform })
  const index = {
    schemaVersion: 2,
    mediaType: OCI.index,
    manifests: platforms.map((p) => ({ mediaType: p.mediaType, digest: p.digest, size: p.size, platform: p.platform }))
  }
  const digest = await putManifest(address, repo, tag, index, index.mediaType, opts)
  let missingDigest: string | undefined
  if (opts.withMissing) {
    missingDigest = platforms[2].digest
    const del = await call(address, opts, 'DELETE', `/v2/${repo}/manifests/${missingDigest}`)
    if (del.status !== 202) throw new Error(`deleting the s390x manifest: ${del.status} ${del.text} (start the registry with deletes enabled)`)
  }
  return { digest, platforms, missingDigest }
}

// ---- Bearer token server ------------------------------------------------------------------

export interface TokenServer extends FakeServer {
  realm: string
  service: string
  issuer: string
  /** Host path of the certificate the registry must trust (REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE). */
  certFile: string
  /** Scopes asked for, one entry per token request. */
  issued: { user?: string; scopes: string[] }[]
  /** A token for `scopes` without going through HTTP (for seeding). */
  mint(scopes: string[], user?: string): string
  /** Registry env for token auth; mount `certFile` at /token/cert.pem. */
  registryEnv(): Record<string, string>
}

export interface TokenServerOptions {
  users: Record<string, string>
  /** Which actions to grant; default: everything asked for, to signed-in users only. */
  grant?: (user: string | undefined, type: string, name: string, actions: string[]) => string[]
  /** 401 for anonymous requests (default true). */
  anonymousRefused?: boolean
  expiresIn?: number
  /** Answer with `access_token` instead of `token`. */
  accessTokenField?: boolean
}

/**
 * A token server for registry:2 token auth: GET /token?service&scope with optional Basic
 * credentials, answering an ES256 JWT whose header carries the certificate chain (x5c).
 */
export async function startTokenServer(opts: TokenServerOptions): Promise<TokenServer> {
  const cert = await makeSelfSignedCert({ cn: 'berth-token-signer' })
  const certPem = await readFile(cert.certFile, 'utf8')
  const key = createPrivateKey(await readFile(cert.keyFile, 'utf8'))
  const x5c = [new X509Certificate(certPem).raw.toString('base64')]
  const service = 'berth-test-registry'
  const issuer = 'berth-test-issuer'
  const issued: TokenServer['issued'] = []
  const grant = opts.grant ?? ((user, _t, _n, actions) => (user ? actions : []))

  const b64 = (x: unknown): string => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url')
  const mint = (scopes: string[], user?: string): string => {
    const now = Math.floor(Date.now() / 1000)
    const access = scopes.flatMap((s) => {
      const parts = s.split(':')
      if (parts.length < 3) return []
      const type = parts[0]
      const actions = parts[parts.length - 1].split(',')
      const name = parts.slice(1, -1).join(':')
      return [{ type, name, actions: grant(user, type, name, actions) }]
    })
    const header = b64({ typ: 'JWT', alg: 'ES256', x5c })
    const claims = b64({ iss: issuer, sub: user ?? '', aud: service, exp: now + (opts.expiresIn ?? 300), nbf: now - 30, iat: now - 30, jti: randomBytes(8).toString('hex'), access })
    const sig = sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')
    return `${header}.${claims}.${sig}`
  }

  const server = await startFakeServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (url.pathname !== '/token') return sendJson(res, 404, { error: 'not found' })
    let user: string | undefined
    const auth = req.headers.authorization
    if (auth?.startsWith('Basic ')) {
      const [u, ...p] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')
      if (opts.users[u] !== p.join(':')) return sendJson(res, 401, { details: 'wrong credentials' })
      user = u
    } else if (opts.anonymousRefused !== false) {
      return sendJson(res, 401, { details: 'sign in' }, { 'www-authenticate': 'Basic realm="berth-test"' })
    }
    const scopes = url.searchParams.getAll('scope')
    issued.push({ user, scopes })
    const token = mint(scopes, user)
    sendJson(res, 200, { [opts.accessTokenField ? 'access_token' : 'token']: token, expires_in: opts.expiresIn ?? 300, issued_at: new Date().toISOString() })
  })

  return {
    ...server,
    realm: `http://${server.address}/token`,
    service,
    issuer,
    certFile: cert.certFile,
    issued,
    mint,
    registryEnv: () => ({
      REGISTRY_AUTH: 'token',
      REGISTRY_AUTH_TOKEN_REALM: `http://${server.address}/token`,
      REGISTRY_AUTH_TOKEN_SERVICE: service,
      REGISTRY_AUTH_TOKEN_ISSUER: issuer,
      REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE: '/token/cert.pem'
    }),
    close: async () => {
      await server.close()
      await rm(cert.dir, { recursive: true, force: true })
    }
  }
}

/** Closes the seeding connection pools (call in afterAll). */
export async function closeSeedConnections(): Promise<void> {
  const all = [...dispatchers.values()]
  dispatchers.clear()
  await Promise.all(all.map((d) => d.close()))
}

