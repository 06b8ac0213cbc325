// Test images are built by the engine itself from generated files: nothing is pulled.
import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import { pack } from 'tar-stream'
import { familiarReference } from '../../src/shared/reference'

/** The image's names as people write them (Podman reports docker.io/… in full, Docker short). */
export async function familiarTags(docker: Docker, image: string): Promise<string[]> {
  return ((await docker.getImage(image).inspect()).RepoTags ?? []).map(familiarReference)
}

export interface LayerSpec {
  /** Path inside the image, e.g. /data/a.bin */
  path: string
  /** Random (incompressible) bytes of this size, or fixed text. */
  size?: number
  text?: string
}

export interface BuildSpec {
  tag: string
  /** One COPY (one layer) per entry, in order. */
  layers: LayerSpec[]
  labels?: Record<string, string>
  cmd?: string[]
  env?: string[]
}

/** Builds `FROM scratch` + one layer per file; resolves with the image ID once the build stream ends. */
export async function buildImage(docker: Docker, spec: BuildSpec): Promise<string> {
  const tar = pack()
  const lines = ['FROM scratch']
  spec.layers.forEach((layer, i) => {
    const name = `f${i}`
    tar.entry({ name }, layer.text ?? randomBytes(layer.size ?? 1024))
    lines.push(`COPY ${name} ${layer.path}`)
  })
  for (const [k, v] of Object.entries(spec.labels ?? {})) lines.push(`LABEL ${JSON.stringify(k)}=${JSON.stringify(v)}`)
  for (const e of spec.env ?? []) lines.push(`ENV ${e}`)
  if (spec.cmd) lines.push(`CMD ${JSON.stringify(spec.cmd)}`)
  tar.entry({ name: 'Dockerfile' }, lines.join('\n') + '\n')
  tar.finalize()
  const stream = await docker.buildImage(tar as unknown as NodeJS.ReadableStream, { t: spec.tag, rm: true, forcerm: true })
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (ev: { error?: string }) => ev.error && reject(new Error(ev.error))
    )
  })
  return (await docker.getImage(spec.tag).inspect()).Id
}

/** Removes images and containers whose names start with prefix; never fails the test. */
export async function cleanupByPrefix(docker: Docker, prefix: string): Promise<void> {
  // The prefix must end at a name boundary: berth-x-12 must not take berth-x-123's images.
  const ours = new RegExp(`(^|/)${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[/:-]`)
  const containers = await docker.listContainers({ all: true })
  for (const c of containers) {
    if (c.Names.some((n) => ours.test(`${n.replace(/^\//, '')}-`))) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})
  }
  const images = await docker.listImages()
  for (const img of images) {
    // Digests too: a second pull of the same tag for another platform leaves the first untagged.
    if ([...(img.RepoTags ?? []), ...(img.RepoDigests ?? [])].some((t) => ours.test(familiarReference(t)))) await docker.getImage(img.Id).remove({ force: true }).catch(() => {})
  }
}
