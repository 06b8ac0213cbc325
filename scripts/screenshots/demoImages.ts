// The demo images the screenshots show: realistic names, sizes, labels and one dangling build.
import type Docker from 'dockerode'
import { buildImage, type LayerSpec } from '../../test/support/images'
import { later } from './cleanup'

/** Whole bytes (randomBytes wants an integer). */
export const mb = (n: number): number => Math.round(n * 1_000_000)

/** What the local registry runs under: never the user's own berth-registry. */
export const LOCAL_REGISTRY = { containerName: 'berth-registry-demo', volumeName: 'berth-registry-demo-data', labelValue: 'readme-screenshots' }
/** The container that makes shop/api show as "in use". */
export const DEMO_CONTAINER = 'shop-api-1'

export interface DemoImage {
  tag: string
  layers: LayerSpec[]
  labels?: Record<string, string>
  env?: string[]
  cmd?: string[]
}

export const oci = (title: string, version: string): Record<string, string> => ({
  'org.opencontainers.image.title': title,
  'org.opencontainers.image.version': version,
  'org.opencontainers.image.source': 'https://git.example.com/shop/platform'
})

/** In build order: the first shop/worker build loses its tag to the second and is left dangling. */
export const DEMO_IMAGES: DemoImage[] = [
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
export const BIG_IMAGE: DemoImage = {
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
export const EXTRA_TAGS = [{ source: 'shop/api:1.8.0', repo: 'localhost:5000/shop/api', tag: '1.8.0' }]

/** Refuses to start when a demo name already exists: it would be replaced, then deleted. */
export async function refuseExisting(docker: Docker): Promise<void> {
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

export async function build(docker: Docker, image: DemoImage, ids: Set<string>): Promise<string> {
  const id = await buildImage(docker, image)
  ids.add(id)
  return id
}

/** Builds the demo images and the "in use" container; every ID lands in `ids` (the proxy's allow-list). */
export async function buildDemoImages(docker: Docker, ids: Set<string>): Promise<void> {
  later(async () => {
    for (const id of ids) await docker.getImage(id).remove({ force: true }).catch(() => undefined)
  })
  for (const image of DEMO_IMAGES) await build(docker, image, ids)
  for (const t of EXTRA_TAGS) await docker.getImage(t.source).tag({ repo: t.repo, tag: t.tag })
  await build(docker, BIG_IMAGE, ids)
  const container = await docker.createContainer({ name: DEMO_CONTAINER, Image: 'shop/api:1.8.0', Labels: { 'berth.screenshots': '1' } })
  later(() => container.remove({ force: true }))
}
