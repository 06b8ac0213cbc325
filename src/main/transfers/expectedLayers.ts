// The engine announces a layer's size only when it starts pushing that layer, so a push's total
// grows as it goes and the ETA is too short until the last layer starts. The local image knows
// every layer's size up front; a push's layer ids are the short diff IDs of those layers.
import type Docker from 'dockerode'
import type { TransferSnapshot } from '@shared/contract/transferTypes'

/** Short diff ID (12 hex) → layer size, from the image's rootfs and history. */
export async function localLayerSizes(docker: Docker, imageId: string): Promise<Map<string, number> | undefined> {
  try {
    const image = docker.getImage(imageId)
    const [info, history] = await Promise.all([image.inspect(), image.history() as Promise<{ Size: number }[]>])
    const diffIds = info.RootFS?.Layers ?? []
    // History is newest first and has entries without a layer (size 0); rootfs is oldest first.
    const sizes = history
      .filter((h) => h.Size > 0)
      .map((h) => h.Size)
      .reverse()
    // Empty layers (size 0) would shift the pairing: only trust a one-to-one match.
    if (sizes.length !== diffIds.length) return undefined
    return new Map(diffIds.map((d, i) => [d.replace(/^sha256:/, '').slice(0, 12), sizes[i]!]))
  } catch {
    return undefined
  }
}

export interface HighWater {
  done: number
  total: number
}

/**
 * Adds the sizes of layers the engine has not announced yet (and of layers the registry already
 * had) to the snapshot's totals. Applied only when every reported layer is a known local layer;
 * `high` keeps both numbers from ever going down.
 */
export function withExpectedSizes(s: TransferSnapshot, expected: Map<string, number>, high: HighWater): void {
  if (s.layers.some((l) => !expected.has(l.id))) return
  let done = s.bytesDone
  let total = s.bytesTotal
  for (const [id, size] of expected) {
    const layer = s.layers.find((l) => l.id === id)
    if (!layer) total += size
    else if (layer.total === 0) {
      total += size
      if (layer.phase === 'exists' || layer.phase === 'mounted' || layer.phase === 'pushed') done += size
    }
  }
  high.total = Math.max(high.total, total)
  high.done = Math.min(Math.max(high.done, done), high.total)
  s.bytesTotal = high.total
  s.bytesDone = s.state === 'done' ? high.total : high.done
}
