// One transfer while Berth remembers it: what was asked (the spec), its progress tracker, and
// how to stop it. Runners (push, pull, load, copy, export/import; one file each) do the work through a RunContext.
import type Docker from 'dockerode'
import type { BerthEvents, EventName } from '@shared/contract'
import type { ApiErrorData } from '@shared/contract/errors'
import type { PushPreflight } from '@shared/contract/transfers'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { ExportSpec, ImportSpec } from '../archive'
import type { CopyProgress, CopySpec } from '../copy'
import type { ProgressTracker } from '../engine/progress'
import type { headPushed } from './confirm'
import type { RestoredTracker } from './history'
import type { HighWater } from './expectedLayers'
import type { UploadMeter } from './uploadMeter'
import type { RegistryScheme } from '@shared/contract/registryTypes'

export type Spec =
  | { kind: 'push'; source: string; target: string; registry: string; name: string; tag: string }
  | { kind: 'pull'; reference: string; registry: string; fromImage: string; tag: string }
  | { kind: 'load'; name: string; path?: string; stream?: NodeJS.ReadableStream; size?: number }
  | CopySpec
  | ExportSpec
  | ImportSpec

export interface Run {
  id: string
  spec: Spec
  /** The daemon's events (push, pull, load), a copy's own progress, or a snapshot read back from disk. */
  tracker: ProgressTracker | CopyProgress | RestoredTracker
  /** The state last written to the history file (a change triggers a write). */
  saved?: string
  abort: AbortController
  done: Promise<TransferSnapshot>
  upload?: UploadMeter
  /** A better-worded error than the tracker recorded (engine-specific daemon.json advice). */
  errorOverride?: ApiErrorData
  /** Push: the local layers' sizes, so the total is right before the engine announces each layer. */
  expected?: Map<string, number>
  high?: HighWater
  /** The endpoint of the engine it runs on. */
  engine?: string
}

/** What a runner may use: the engine, events, credentials, and its run's progress. */
export interface RunContext {
  docker: Docker
  emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void
  /** X-Registry-Auth for a registry, with the credentials Berth resolves for it. */
  auth(registry: string): Promise<{ base64: string }>
  /** The push preflight without credentials (it only decides whether to go on). */
  preflight(registry: string): Promise<PushPreflight>
  /** Publishes the run's progress (coalesced). */
  update(): void
  /** Throws CANCELLED once the user cancelled: between steps that do not watch the signal. */
  throwIfAborted(): void
  /** The credentials Berth resolves for a registry, for its own calls to it (the HEAD after a push). */
  registryCredentials(registry: string): Promise<RegistryCredentials | undefined>
  knownScheme?: (registry: string) => RegistryScheme | undefined
  /** True when the registry is on a remote engine's loopback: Berth cannot reach it from here. */
  onEngineLoopback(registry: string): boolean
  headPushed: typeof headPushed
}

export type Runner<K extends Spec['kind']> = (run: Run, spec: Extract<Spec, { kind: K }>, ctx: RunContext) => Promise<void>

export interface PushInput {
  /** Image ID or reference of the local image. */
  source: string
  /** Where to push it: registry/repository[:tag]. */
  target: string
}
export interface PullInput {
  reference: string
}
export type LoadInput = { path: string } | { stream: NodeJS.ReadableStream; name: string; size?: number }
/** An archive to push into a registry (see src/main/archive); `temporary`: an upload kept only for it. */
export interface ImportInput {
  path: string
  fileName?: string
  registryId: string
  repository?: string
  temporary?: boolean
}
