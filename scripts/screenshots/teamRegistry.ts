// A team registry with several repositories, versions and multi-arch tags, written directly
// as blobs and manifests (nothing is pulled).
import { randomBytes } from 'node:crypto'
import { digestOf, OCI } from '../../test/support/ociMedia'
import { putManifest, tagManifest, uploadBlob } from '../../test/support/registries'
import { oci } from './demoImages'

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
export async function pushVersion(address: string, repo: string, tags: string[], platforms: Platform[], created: Date): Promise<void> {
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

export const AMD64: Platform = { os: 'linux', architecture: 'amd64' }
const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' }
const ARMV7: Platform = { os: 'linux', architecture: 'arm', variant: 'v7' }

/** shop/api with a release history: amd64 only at first, arm64 from 1.4, arm/v7 from 1.7. */
export async function seedTeamRegistry(address: string): Promise<void> {
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
