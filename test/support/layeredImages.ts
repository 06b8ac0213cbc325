// An image made of exactly these layer bytes (the same bytes in two images make a shared blob),
// written straight into a registry: for space accounting and tag comparison. Not pullable
// (the layers are not tar files); use pullableImages.ts for that.
import { digestOf, DOCKER } from './ociMedia'
import { imageConfig, putManifest, uploadBlob } from './registries'

export async function pushLayeredImage(address: string, repo: string, tag: string, layers: Buffer[], config: Record<string, unknown> = {}, created?: string): Promise<string> {
  for (const l of layers) await uploadBlob(address, repo, l)
  const cfg = Buffer.from(JSON.stringify({ ...imageConfig(layers, { config }), ...(created ? { created } : {}) }))
  await uploadBlob(address, repo, cfg)
  const manifest = {
    schemaVersion: 2,
    mediaType: DOCKER.manifest,
    config: { mediaType: DOCKER.config, digest: digestOf(cfg), size: cfg.length },
    layers: layers.map((l) => ({ mediaType: DOCKER.layer, digest: digestOf(l), size: l.length }))
  }
  return putManifest(address, repo, tag, manifest, DOCKER.manifest)
}
