// DTOs for push / pull / load progress. Main builds them from the daemon's JSON-lines stream
// (src/main/engine/progress) and pushes them as events; the renderer only renders them.
import type { ApiErrorData } from './errors'
import type { Msg } from '../i18n/message'

export type TransferKind = 'push' | 'pull' | 'load' | 'copy' | 'export' | 'import'

/** 'interrupted': Berth quit while it ran (restored from the data directory, with Retry). */
export type TransferState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted'

export type LayerPhase =
  | 'waiting'
  | 'preparing'
  | 'pushing'
  | 'pushed'
  | 'exists'
  | 'mounted'
  | 'downloading'
  | 'verifying'
  | 'downloaded'
  | 'extracting'
  | 'done'

export interface LayerProgress {
  /** The daemon's short layer id (12 hex characters on Docker). */
  id: string
  phase: LayerPhase
  /** The daemon's status text as sent, e.g. "Mounted from library/x" or "Retrying in 5 seconds". */
  label: string
  /** Berth's own label (copies) as a catalog message; the renderer words the daemon's known ones itself. */
  labelMsg?: Msg
  /** Bytes transferred (pushed, downloaded or loaded). Only ever grows; never above `total`. */
  current: number
  /** Layer size in bytes once the daemon told it; 0 while unknown. Only ever grows. */
  total: number
  /** Pull only: extraction progress, shown per layer and not counted in the transfer's bytes. */
  extract?: { current: number; total: number }
}

export interface TransferSnapshot {
  id: string
  /** Main's revision: of two snapshots of one transfer, the larger rev is the newer. */
  rev: number
  kind: TransferKind
  /** Fully qualified target (push, copy) or source (pull); for load, the archive's name. */
  reference: string
  /** Copy, export, import: where the images come from (registry/repository[:tag], "… (N tags)", a file). */
  source?: string
  registry?: string
  state: TransferState
  /** Epoch milliseconds. */
  startedAt: number
  /** Epoch milliseconds; set once the transfer is done, failed or cancelled. */
  endedAt?: number
  /** Sum of the layers' `current`: never decreases and never exceeds `bytesTotal`. */
  bytesDone: number
  /** Sum of the layers' known sizes: never decreases (it grows as sizes become known). */
  bytesTotal: number
  /** Bytes per second, smoothed over the last few seconds. */
  speed: number
  /** null while unknown (no speed yet, or no size known). */
  etaSeconds: number | null
  layers: LayerProgress[]
  /** Manifest digest reported at the end of a push or pull. */
  digest?: string
  /** Manifest size in bytes (push). */
  size?: number
  error?: ApiErrorData
  /** Load only: what the archive contained ("repo:tag", or "sha256:…" for untagged images). */
  images?: string[]
  /** The daemon's final status line ("Downloaded newer image for …") or a warning from Berth. */
  message?: string
  /** `message` as a catalog message, when Berth wrote it (the daemon's own lines have none). */
  messageMsg?: Msg
  /**
   * Running, and the engine has sent no byte counts (Podman's Docker-compatible API never does):
   * show activity, elapsed time and the bytes known so far, not a percentage.
   */
  indeterminate?: boolean
  /** The endpoint of the engine it ran on (it stays there when Berth switches engines). */
  engine?: string
}
