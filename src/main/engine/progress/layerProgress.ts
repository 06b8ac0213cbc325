// One layer's life in a push, pull or load: the daemon's status words become a phase, and its
// byte counters only ever grow, so a layer never moves back and never passes 100 %.
import type { LayerPhase, LayerProgress } from '@shared/contract/transferTypes'
import type { DaemonEvent } from './daemonEvent'

export interface Layer extends LayerProgress {
  /** Transferred completely (its bytes count as done). */
  complete: boolean
}

/** Applies one status event of this layer (status text and the optional byte counters). */
export function applyLayerEvent(layer: Layer, status: string, detail: DaemonEvent['progressDetail']): void {
  layer.label = status
  const phase = phaseOf(status)
  switch (phase) {
    case 'pushing':
    case 'downloading':
      addBytes(layer, detail)
      break
    case 'verifying':
    case 'downloaded':
    case 'pushed':
    case 'exists':
    case 'mounted':
      completeLayer(layer)
      break
    case 'extracting':
      completeLayer(layer)
      if (detail && (detail.current !== undefined || detail.total !== undefined)) {
        const prev = layer.extract ?? { current: 0, total: 0 }
        const total = Math.max(prev.total, detail.total ?? 0)
        layer.extract = { current: Math.min(Math.max(prev.current, detail.current ?? 0), total || Infinity), total }
      }
      break
    case 'loading':
      addBytes(layer, detail)
      if (layer.total > 0 && layer.current >= layer.total) layer.complete = true
      break
    case 'done':
      completeLayer(layer)
      if (layer.extract) layer.extract.current = layer.extract.total
      break
    default:
      break
  }
  // A late or repeated event must not move a finished layer back (e.g. "Waiting" after a retry
  // still shows its label, but the bytes already counted stay counted).
  if (phase === 'loading') layer.phase = layer.complete ? 'done' : 'extracting'
  else if (phase && !(layer.complete && RANK[phase] < RANK[layer.phase])) layer.phase = phase
}

function addBytes(layer: Layer, detail: DaemonEvent['progressDetail']): void {
  if (!detail || layer.complete) return
  const current = finite(detail.current)
  const total = finite(detail.total)
  // Sizes only grow; a current above the announced size raises the size (the daemon's
  // counters are not always of the same stream), so the bar never passes 100 %.
  layer.total = Math.max(layer.total, total, current)
  layer.current = Math.max(layer.current, current)
}

/** Marks a layer fully transferred (its size is what was counted, if more). */
export function completeLayer(layer: Layer): void {
  if (layer.total < layer.current) layer.total = layer.current
  layer.current = layer.total
  layer.complete = true
}

type Phase = LayerPhase | 'loading'

function phaseOf(status: string): Phase | undefined {
  switch (status) {
    case 'Preparing':
      return 'preparing'
    case 'Waiting':
    case 'Pulling fs layer':
      return 'waiting'
    case 'Pushing':
      return 'pushing'
    case 'Pushed':
      return 'pushed'
    case 'Layer already exists':
    case 'Already exists':
      return 'exists'
    case 'Downloading':
      return 'downloading'
    case 'Verifying Checksum':
      return 'verifying'
    case 'Download complete':
      return 'downloaded'
    case 'Extracting':
      return 'extracting'
    case 'Pull complete':
      return 'done'
    case 'Loading layer':
      return 'loading'
  }
  if (status.startsWith('Mounted from')) return 'mounted'
  // "Retrying in 5 seconds" and anything new: keep the phase, show the text.
  return undefined
}

// Order of phases within a layer's life; used to ignore events that would move a finished layer back.
const RANK: Record<LayerPhase, number> = {
  waiting: 0,
  preparing: 1,
  pushing: 2,
  downloading: 2,
  verifying: 3,
  downloaded: 4,
  extracting: 5,
  pushed: 6,
  exists: 6,
  mounted: 6,
  done: 7
}

function finite(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0
}
