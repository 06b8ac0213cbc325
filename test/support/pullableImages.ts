// Images the engine can really pull (gzip'ed tar layers, a valid config), written straight into a
// registry over its HTTP API: single-platform images and multi-arch indexes.
import { tarGzLayer } from '../../scripts/fill-registry'
import { digestOf, OCI } from './ociMedia'
import { putManifest, tagManifest, uploadBlob } from './registries'

export interface Platform {
  os: string
  architecture: string
  variant?: string
}

export interface PushedManifest {
  digest: string
  size: number
  /** Layer + config digests and sizes (what the manifest references). */
  blobs: { digest: string; size: number }[]
}

/** One platform image with a real gzip'ed tar layer, pushed by digest (no tag). */
export async function pushPlatformImage(address: string, repo: string, platform: Platform, created: string, label = ''): Promise<PushedManifest> {
  const { gz, diffId } = await tarGzLayer({ [`hello-${platform.architecture}.txt`]: `hello from ${platform.architecture} ${label}\n`, 'etc/motd': 'berth e2e\n' })
  const config = Buffer.from(
    JSON.stringify({
      ...platform,
      created,
      config: { Entrypoint: ['/bin/hello'], Cmd: ['--greet'], Env: ['GREETING=hi'], ExposedPorts: { '8080/tcp': {} }, Labels: { 'org.opencontainers.image.title': 'multi' } },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created, created_by: 'COPY hello /' }]
    })
  )
  await uploadBlob(address, repo, gz)
  await uploadBlob(address, repo, config)
  const manifest = { schemaVersion: 2, mediaType: OCI.manifest, config: { mediaType: OCI.config, digest: digestOf(config), size: config.length }, layers: [{ mediaType: OCI.layer, digest: digestOf(gz), size: gz.length }] }
  const bytes = Buffer.from(JSON.stringify(manifest))
  await putManifest(address, repo, digestOf(bytes), manifest, OCI.manifest)
  return {
    digest: digestOf(bytes),
    size: bytes.length,
    blobs: [
      { digest: digestOf(gz), size: gz.length },
      { digest: digestOf(config), size: config.length }
    ]
  }
}

/** A single-platform image under every tag of `tags` (one digest); content differs per call. */
export async function pushSingle(address: string, repo: string, tags: string[], created: string): Promise<PushedManifest> {
  const m = await pushPlatformImage(address, repo, { os: 'linux', architecture: 'amd64' }, created, `${repo}:${tags[0]}`)
  await tagManifest(address, repo, m.digest, tags, OCI.manifest)
  return m
}

export interface PushedIndex {
  digest: string
  platforms: (PushedManifest & { platform: Platform })[]
}

/** An OCI index of linux/amd64 + linux/arm64/v8, under every tag of `tags`. */
export async function pushIndex(address: string, repo: string, tags: string[], created: string): Promise<PushedIndex> {
  const wanted: Platform[] = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' }
  ]
  const platforms = []
  for (const platform of wanted) platforms.push({ ...(await pushPlatformImage(address, repo, platform, created, `${repo}:${tags[0]}`)), platform })
  const index = { schemaVersion: 2, mediaType: OCI.index, manifests: platforms.map((p) => ({ mediaType: OCI.manifest, digest: p.digest, size: p.size, platform: p.platform })) }
  let digest = ''
  for (const tag of tags) digest = await putManifest(address, repo, tag, index, OCI.index)
  return { digest, platforms }
}
