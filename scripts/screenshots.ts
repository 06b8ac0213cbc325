// Makes the README screenshots (docs/*.png) from the real UI: Berth's web mode in-process, the
// system Chromium, the engine at DOCKER_HOST, registry:2 containers. Builds demo images with
// realistic names, takes the pictures, then removes everything it created.
//
//   npm run screenshots          (builds the web UI first; needs DOCKER_HOST or the default socket)
//
// The images page only shows the demo images: Berth talks to the engine through a small proxy
// that drops every other image from GET /images/json, so the picture never depends on (or shows)
// what else the engine holds. Everything else passes through untouched.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type Docker from 'dockerode'
import type { Page } from 'playwright-core'
import type { Endpoint } from '../src/main/engine/endpoints'
import { MANAGED_LABEL } from '../src/main/localRegistry'
import { dockerOptionsFromEnv, engineProblem, testDocker } from '../test/support/engine'
import { buildImage, type LayerSpec } from '../test/support/images'
import { freePort } from '../test/support/localRegistry'
import { digestOf, OCI } from '../test/support/ociMedia'
import { closeSeedConnections, putManifest, startRegistry, tagManifest, uploadBlob, type TestRegistry } from '../test/support/registries'
import { browserProblem, launchBrowser, startBerth, type RunningBerth, type RunningBrowser } from '../test/support/web'

const DOCS = resolve(__dirname, '../docs')
/** Whole bytes (randomBytes wants an integer). */
const mb = (n: number): number => Math.round(n * 1_000_000)

/** What the local registry runs under: never the user's own berth-registry. */
const LOCAL_REGISTRY = { containerName: 'berth-registry-demo', volumeName: 'berth-registry-demo-data', labelValue: 'readme-screenshots' }
/** The container that makes shop/api show as "in use". */
const DEMO_CONTAINER = 'shop-api-1'

interface DemoImage {
  tag: string
  layers: LayerSpec[]
  labels?: Record<string, string>
  env?: string[]
  cmd?: string[]
}

const oci = (title: string, version: string): Record<string, string> => ({
  'org.opencontainers.image.title': title,
  'org.opencontainers.image.version': version,
  'org.opencontainers.image.source': 'https://git.example.com/shop/platform'
})

/** In build order: the first shop/worker build loses its tag to the second and is left dangling. */
const DEMO_IMAGES: DemoImage[] = [
  { tag: 'shop/worker:1.8.0', layers: [{ path: '/usr/local/bin/worker', size: mb(7.4) }], cmd: ['/usr/local/bin/worker'] },
  {
    tag: 'shop/worker:1.8.0',
    layers: [{ path: '/usr/local/bin/worker', size: mb(7.9) }, { path: '/etc/shop/worker.yaml', text: 'queue: orders\nconcurrency: 8\n' }],
    labels: oci('worker', '1.8.0'),
    env: ['SHOP_QUEUE=orders'],
    cmd: ['/usr/local/bin/worker', '--config', '/etc/shop/worker.yaml']
  },
  {
    tag: 'shop/api:1.8.0',
    layers: [
      { path: '/usr/lib/runtime.bin', size: mb(18.5) },
      { path: '/usr/lib/shop/deps.bin', size: mb(8.2) },
      { path: '/usr/local/bin/shop-api', size: mb(2.4) },
      { path: '/etc/shop/api.yaml', text: 'listen: :8080\nmetrics: :9090\n' }
    ],
    labels: oci('api', '1.8.0'),
    env: ['SHOP_ENV=production', 'SHOP_LISTEN=:8080'],
    cmd: ['/usr/local/bin/shop-api', '--config', '/etc/shop/api.yaml']
  },
  {
    tag: 'shop/web-frontend:2.4.0',
    layers: [{ path: '/srv/www/assets.bin', size: mb(11.2) }, { path: '/srv/www/index.html', text: '<!doctype html><title>Shop</title>\n' }],
    labels: oci('web-frontend', '2.4.0'),
    cmd: ['/usr/sbin/httpd', '-f', '-h', '/srv/www']
  },
  {
    tag: 'shop/web-frontend:2.4.1',
    layers: [{ path: '/srv/www/assets.bin', size: mb(11.6) }, { path: '/srv/www/index.html', text: '<!doctype html><title>Shop</title>\n' }],
    labels: oci('web-frontend', '2.4.1'),
    cmd: ['/usr/sbin/httpd', '-f', '-h', '/srv/www']
  },
  { tag: 'tools/backup:0.9.2', layers: [{ path: '/usr/local/bin/backup', size: mb(0.45) }], labels: oci('backup', '0.9.2'), cmd: ['/usr/local/bin/backup'] }
]
/** Pushed while the screenshot is taken: big enough (~150 MB, several layers) to catch mid-way. */
const BIG_IMAGE: DemoImage = {
  tag: 'shop/search:3.1.0',
  layers: [
    { path: '/usr/lib/runtime.bin', size: mb(62) },
    { path: '/var/lib/search/index-1.bin', size: mb(48) },
    { path: '/var/lib/search/index-2.bin', size: mb(28) },
    { path: '/usr/local/bin/search', size: mb(12) }
  ],
  labels: oci('search', '3.1.0'),
  cmd: ['/usr/local/bin/search']
}
const EXTRA_TAGS = [{ source: 'shop/api:1.8.0', repo: 'localhost:5000/shop/api', tag: '1.8.0' }]

// ---- cleanup ----------------------------------------------------------------------------

const undo: (() => Promise<unknown>)[] = []
const later = (step: () => Promise<unknown>): void => void undo.push(step)

async function cleanup(): Promise<void> {
  while (undo.length) await undo.pop()!().catch((e: Error) => console.warn(`cleanup: ${e.message}`))
}

// ---- engine side: demo images and a filtering proxy --------------------------------------

/** Refuses to start when a demo name already exists: it would be replaced, then deleted. */
async function refuseExisting(docker: Docker): Promise<void> {
  const tags = new Set([...DEMO_IMAGES, BIG_IMAGE].map((i) => i.tag).concat(EXTRA_TAGS.map((t) => `${t.repo}:${t.tag}`)))
  const images = await docker.listImages()
  const taken = images.flatMap((i) => i.RepoTags ?? []).filter((t) => tags.has(t))
  const containers = await docker.listContainers({ all: true })
  const names = [DEMO_CONTAINER, LOCAL_REGISTRY.containerName]
  const usedNames = containers.flatMap((c) => c.Names.map((n) => n.replace(/^\//, ''))).filter((n) => names.includes(n))
  const volume = await docker
    .getVolume(LOCAL_REGISTRY.volumeName)
    .inspect()
    .then(() => [LOCAL_REGISTRY.volumeName])
    .catch(() => [])
  if (taken.length || usedNames.length || volume.length) {
    const lines = [
      ...taken.map((t) => `  docker rmi ${t}`),
      ...usedNames.map((n) => `  docker rm -f ${n}`),
      ...volume.map((v) => `  docker volume rm ${v}`)
    ]
    throw new Error(`the demo names are already in use on this engine (a previous run that was killed?). Remove them first:\n${lines.join('\n')}`)
  }
}

async function build(docker: Docker, image: DemoImage, ids: Set<string>): Promise<string> {
  const id = await buildImage(docker, image)
  ids.add(id)
  return id
}

/** Builds the demo images and the "in use" container; every ID lands in `ids` (the proxy's allow-list). */
async function buildDemoImages(docker: Docker, ids: Set<string>): Promise<void> {
  later(async () => {
    for (const id of ids) await docker.getImage(id).remove({ force: true }).catch(() => undefined)
  })
  for (const image of DEMO_IMAGES) await build(docker, image, ids)
  for (const t of EXTRA_TAGS) await docker.getImage(t.source).tag({ repo: t.repo, tag: t.tag })
  await build(docker, BIG_IMAGE, ids)
  const container = await docker.createContainer({ name: DEMO_CONTAINER, Image: 'shop/api:1.8.0', Labels: { 'berth.screenshots': '1' } })
  later(() => container.remove({ force: true }))
}

interface FilterProxy {
  endpoint: Endpoint
  close(): Promise<void>
}

/** An HTTP proxy on a unix socket in front of the engine that lists only the images in `keep`. */
async function startImageFilterProxy(keep: ReadonlySet<string>): Promise<FilterProxy> {
  const engine = dockerOptionsFromEnv()
  const target = engine.socketPath ? { socketPath: engine.socketPath } : { host: String(engine.host), port: Number(engine.port) }
  const dir = mkdtempSync(join(tmpdir(), 'berth-screenshots-'))
  const path = join(dir, 'docker.sock')
  const server = http.createServer((req, res) => {
    const upstream = http.request({ ...target, agent: false, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const listing = req.method === 'GET' && /^(\/v[\d.]+)?\/images\/json(\?|$)/.test(req.url ?? '') && up.statusCode === 200
      if (!listing) {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
        return
      }
      const chunks: Buffer[] = []
      up.on('data', (c: Buffer) => chunks.push(c))
      up.on('end', () => {
        const all = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Id: string }[]
        const body = Buffer.from(JSON.stringify(all.filter((i) => keep.has(i.Id))))
        const headers = { ...up.headers, 'content-length': String(body.length) }
        delete headers['transfer-encoding']
        res.writeHead(200, headers).end(body)
      })
    })
    upstream.on('error', () => res.destroy())
    // A cancelled push or a closed event stream ends the engine request too.
    res.on('close', () => upstream.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((ok) => server.listen(path, ok))
  return {
    // Shown in the header: the engine the proxy forwards to.
    endpoint: { label: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', options: { socketPath: path } },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => {
          rmSync(dir, { recursive: true, force: true })
          ok()
        })
      })
  }
}

// ---- registry side: seeded repositories ---------------------------------------------------

type Platform = { os: string; architecture: string; variant?: string }
interface Pushed {
  digest: string
  size: number
}

/** Per registry+repository+platform: one base layer shared by every version, like a real base image. */
const baseLayers = new Map<string, Buffer>()

/** One platform image: base layer + an app layer, a config with a real-looking history and date. */
async function pushPlatformImage(address: string, repo: string, version: string, platform: Platform, created: string, tag?: string): Promise<Pushed> {
  const baseKey = `${address}/${repo}/${platform.architecture}${platform.variant ?? ''}`
  let base = baseLayers.get(baseKey)
  if (!base) baseLayers.set(baseKey, (base = randomBytes(2_600_000 + Math.floor(Math.random() * 400_000))))
  const app = randomBytes(380_000 + Math.floor(Math.random() * 420_000))
  await uploadBlob(address, repo, base)
  await uploadBlob(address, repo, app)
  const binary = repo.split('/').pop()!
  const history = [
    { created, created_by: 'ADD alpine-minirootfs.tar.gz /' },
    { created, created_by: `COPY ${binary} /usr/local/bin/${binary}` },
    { created, created_by: 'USER shop', empty_layer: true },
    { created, created_by: `ENTRYPOINT ["/usr/local/bin/${binary}"]`, empty_layer: true }
  ]
  const config = Buffer.from(
    JSON.stringify({
      ...platform,
      created,
      config: {
        Entrypoint: [`/usr/local/bin/${binary}`],
        Cmd: ['--config', `/etc/shop/${binary}.yaml`],
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'SHOP_ENV=production'],
        ExposedPorts: { '8080/tcp': {}, '9090/tcp': {} },
        WorkingDir: '/srv',
        User: 'shop',
        Labels: oci(binary, version)
      },
      rootfs: { type: 'layers', diff_ids: [digestOf(base), digestOf(app)] },
      history
    })
  )
  await uploadBlob(address, repo, config)
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI.manifest,
    config: { mediaType: OCI.config, digest: digestOf(config), size: config.length },
    layers: [base, app].map((b) => ({ mediaType: OCI.layer, digest: digestOf(b), size: b.length }))
  }
  const bytes = Buffer.from(JSON.stringify(manifest))
  await putManifest(address, repo, tag ?? digestOf(bytes), manifest, OCI.manifest)
  return { digest: digestOf(bytes), size: bytes.length }
}

/** A version under one or more tags: a multi-platform index when several platforms are given. */
async function pushVersion(address: string, repo: string, tags: string[], platforms: Platform[], created: Date): Promise<void> {
  const version = tags[0]!
  const when = created.toISOString()
  if (platforms.length === 1) {
    await pushPlatformImage(address, repo, version, platforms[0]!, when, version)
    await tagManifest(address, repo, version, tags.slice(1), OCI.manifest)
    return
  }
  const manifests = []
  for (const platform of platforms) manifests.push({ mediaType: OCI.manifest, ...(await pushPlatformImage(address, repo, version, platform, when)), platform })
  const index = { schemaVersion: 2, mediaType: OCI.index, manifests }
  for (const tag of tags) await putManifest(address, repo, tag, index, OCI.index)
}

const AMD64: Platform = { os: 'linux', architecture: 'amd64' }
const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' }
const ARMV7: Platform = { os: 'linux', architecture: 'arm', variant: 'v7' }

/** shop/api with a release history: amd64 only at first, arm64 from 1.4, arm/v7 from 1.7. */
async function seedTeamRegistry(address: string): Promise<void> {
  const releases: [string[], Platform[]][] = [
    [['1.0.0'], [AMD64]],
    [['1.0.1'], [AMD64]],
    [['1.1.0'], [AMD64]],
    [['1.2.0'], [AMD64]],
    [['1.2.1'], [AMD64]],
    [['1.3.0'], [AMD64]],
    [['1.4.0'], [AMD64, ARM64]],
    [['1.4.1'], [AMD64, ARM64]],
    [['1.5.0'], [AMD64, ARM64]],
    [['1.6.0'], [AMD64, ARM64]],
    [['1.6.1'], [AMD64, ARM64]],
    [['1.7.0'], [AMD64, ARM64, ARMV7]],
    [['1.7.1'], [AMD64, ARM64, ARMV7]],
    [['1.8.0', '1.8', 'latest'], [AMD64, ARM64, ARMV7]]
  ]
  const day = 86_400_000
  for (const [i, [tags, platforms]] of releases.entries()) {
    // About every nine days, the newest two days ago, at office hours.
    const created = new Date(Date.now() - ((releases.length - 1 - i) * 9 + 2) * day)
    created.setUTCHours(9 + (i % 7), (i * 17) % 60, 0, 0)
    await pushVersion(address, 'shop/api', tags, platforms, created)
  }
  const recent = new Date(Date.now() - 5 * day)
  await pushVersion(address, 'shop/web-frontend', ['2.4.1', 'latest'], [AMD64, ARM64], recent)
  await pushVersion(address, 'shop/worker', ['1.8.0'], [AMD64], recent)
}

// ---- the pictures -----------------------------------------------------------------------

async function settle(page: Page): Promise<void> {
  for (const dismiss of await page.locator('.toasts').getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click().catch(() => undefined)
  // Let transitions and late renders finish.
  await page.waitForTimeout(400)
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, intervalMs = 200): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page)
  await page.screenshot({ path: join(DOCS, name) })
  console.log(`wrote docs/${name}`)
}

async function localRegistryShot(berth: RunningBerth, page: Page): Promise<void> {
  const status = await berth.services.localRegistry.start()
  const address = status.address
  for (const [repo, tags] of [
    ['shop/web-frontend', ['2.4.1']],
    ['shop/api', ['1.8.0']],
    ['tools/backup', ['0.9.2']]
  ] as const) {
    await pushVersion(address, repo, [...tags], [AMD64], new Date())
  }
  // A client reading back what is there: the log box then ends in short GET lines, not upload URLs.
  for (let i = 0; i < 3; i++) {
    for (const path of ['/v2/', '/v2/_catalog', '/v2/shop/api/tags/list', '/v2/shop/web-frontend/tags/list', '/v2/tools/backup/tags/list']) {
      await (await fetch(`http://${address}${path}`)).arrayBuffer()
    }
  }
  await page.getByTestId('local-registry-nav').click()
  await waitFor('the local registry to run', async () => (await page.getByTestId('local-registry-state').getAttribute('data-state')) === 'running', 60_000)
  await waitFor('the repository count', async () => (await page.getByTestId('local-registry-repositories').textContent()) === '3', 30_000)
  // The engine measures the volume in the background: wait for a real number rather than 0 B.
  await waitFor('the disk usage', async () => /^[1-9][\d.]* (kB|MB)/.test((await page.getByTestId('local-registry-disk').textContent()) ?? ''), 180_000, 1000).catch(() =>
    console.warn('disk usage did not show up; taking the picture anyway')
  )
  await shoot(page, 'local-registry.png')
}

async function browserShot(page: Page, registryName: string): Promise<void> {
  await page.getByRole('button', { name: registryName }).first().click()
  await page.getByTestId('repo-row').filter({ hasText: /^shop\/api/ }).click()
  await page.getByRole('columnheader', { name: /Created/ }).click() // newest first
  const row = page.getByTestId('tag-row').filter({ hasText: /^1\.8\.0/ })
  await waitFor('the multi-arch tag row', async () => /arm\/v7/.test((await row.textContent()) ?? ''))
  await row.click()
  const details = page.getByTestId('tag-details')
  await details.getByTestId('tag-digest').waitFor()
  await waitFor('the platforms', async () => (await details.getByTestId('platform-row').count()) === 3)
  // Every row's size and date filled in.
  await waitFor('every tag row', async () => (await page.getByTestId('tag-row').allTextContents()).every((t) => /ago|day|month|week/.test(t)))
  await shoot(page, 'browser.png')
}

async function imagesShot(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Images', exact: true }).click()
  await page.getByRole('button', { name: 'Refresh', exact: true }).click()
  await waitFor('the demo images', async () => (await page.getByTestId('image-row').count()) >= DEMO_IMAGES.length + EXTRA_TAGS.length)
  await page.getByTestId('image-row').filter({ hasText: /^shop\/api/ }).click()
  await waitFor('the details pane', async () => ((await page.getByTestId('detail-tags').textContent()) ?? '').includes('localhost:5000/shop/api:1.8.0'))
  await shoot(page, 'images.png')
}

/** Two finished pushes, then the big one pictured between 20 % and 80 % with its layers open. */
async function pushShot(berth: RunningBerth, page: Page, docker: Docker, registry: TestRegistry, ids: Set<string>): Promise<void> {
  const transfers = berth.services.transfers
  for (const source of ['tools/backup:0.9.2', 'shop/worker:1.8.0']) {
    const t = transfers.push({ source, target: `${registry.address}/${source}` })
    await transfers.wait(t.id)
  }
  await page.getByRole('button', { name: 'Transfers', exact: true }).click()
  const toasts = page.locator('.toasts')
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (attempt > 1) {
      // The registry has every layer now: a rebuilt image (new bytes) pushes from scratch again.
      await build(docker, BIG_IMAGE, ids)
    }
    const t = transfers.push({ source: BIG_IMAGE.tag, target: `${registry.address}/${BIG_IMAGE.tag}` })
    const card = page.getByTestId('transfer').filter({ hasText: `${registry.address}/${BIG_IMAGE.tag}` }).first()
    const percent = async (): Promise<number> => Number(await card.getByRole('progressbar').getAttribute('aria-valuenow'))
    await waitFor('the push to start', async () => (await percent()) > 0 || (await card.getAttribute('data-state')) !== 'running', 60_000, 50)
    await card.getByRole('button', { name: /Layers/ }).click().catch(() => undefined)
    await waitFor('20 %', async () => (await percent()) >= 20 || (await card.getAttribute('data-state')) !== 'running', 60_000, 50)
    const before = await percent()
    if ((await card.getAttribute('data-state')) === 'running' && before <= 80) {
      await toasts.evaluate((el) => void ((el as unknown as { style: { visibility: string } }).style.visibility = 'hidden'))
      const path = join(DOCS, 'push-progress.png')
      await page.screenshot({ path })
      await toasts.evaluate((el) => void ((el as unknown as { style: { visibility: string } }).style.visibility = ''))
      await transfers.wait(t.id).catch(() => undefined)
      console.log(`wrote docs/push-progress.png (at ${before} %)`)
      return
    }
    console.warn(`push attempt ${attempt}: missed the 20–80 % window (at ${before} %), trying again`)
    await transfers.wait(t.id).catch(() => undefined)
    transfers.dismiss(t.id)
  }
  throw new Error('could not catch the push between 20 % and 80 %')
}

// ---- main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const problem = (await engineProblem()) ?? browserProblem()
  if (problem) throw new Error(problem)
  const docker = testDocker()
  await refuseExisting(docker)
  mkdirSync(DOCS, { recursive: true })

  const ids = new Set<string>()
  console.log('building the demo images…')
  await buildDemoImages(docker, ids)

  console.log('starting a registry and filling it…')
  const team = await startRegistry()
  later(() => team.stop())
  later(() => closeSeedConnections())
  await seedTeamRegistry(team.address)

  const proxy = await startImageFilterProxy(ids)
  later(() => proxy.close())
  const berth = await startBerth({ endpoints: [proxy.endpoint] })
  later(() => berth.close())
  berth.services.localRegistry.configure({ ...LOCAL_REGISTRY, defaultPort: await freePort() })
  later(async () => {
    const list = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${LOCAL_REGISTRY.labelValue}`] } }).catch(() => [])
    for (const c of list) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)
    await docker.getContainer(LOCAL_REGISTRY.containerName).remove({ force: true, v: true }).catch(() => undefined)
    await docker.getVolume(LOCAL_REGISTRY.volumeName).remove()
  })
  await berth.services.registries.add({ name: 'Team registry', address: team.address, scheme: 'http' })

  const ui: RunningBrowser = await launchBrowser()
  later(() => ui.close())
  const { page } = ui
  await page.goto(berth.url)
  await waitFor('the engine badge', async () => /Docker Engine|Podman/.test((await page.getByTestId('engine-badge').textContent()) ?? ''))
  await waitFor('the registry to answer', async () => (await page.getByTestId('registry-item').filter({ hasText: 'Team registry' }).getAttribute('data-health')) === 'reachable')

  console.log('taking the pictures…')
  await localRegistryShot(berth, page)
  await browserShot(page, 'Team registry')
  await imagesShot(page)
  await pushShot(berth, page, docker, team, ids)
}

let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true
    console.warn(`${signal}: cleaning up…`)
    void cleanup().finally(() => process.exit(130))
  })
}

main()
  .then(
    () => cleanup(),
    async (e: Error) => {
      process.exitCode = 1
      console.error(`screenshots failed: ${e.stack ?? e.message}`)
      await cleanup()
    }
  )
  .finally(() => {
    if (!interrupted) process.exit()
  })
