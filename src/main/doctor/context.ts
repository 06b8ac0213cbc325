// What the doctor's steps share: the registry, what earlier steps found, and the ways to reach
// the outside (credentials, the engine). Steps read what earlier steps left here and add to it.
import type { DoctorMessage, DoctorParams, DoctorStep } from '@shared/contract/doctor'
import type { RegistryEntry } from '@shared/contract/registries'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import type { EngineFacts } from '../transfers/daemonJson'
import type { EngineRegistryConfig } from '../transfers/insecure'
import type { Transport } from '../registry/transport'
import type { RegistryScheme } from '@shared/contract/registryTypes'

export interface DoctorEngine {
  info: EngineFacts & { RegistryConfig?: EngineRegistryConfig & { Mirrors?: string[] | null } }
  /** Where Berth reaches it, e.g. unix:///var/run/docker.sock or tcp://10.0.0.5:2376. */
  endpoint: string
  name?: string
}

export interface DoctorDeps {
  credentials?: (address: string) => Promise<RegistryCredentials | undefined>
  /** Who Berth signs in as (never the secret). */
  username?: (address: string) => Promise<string | undefined>
  /** The connected engine, or undefined when none answers. */
  engine?: () => Promise<DoctorEngine | undefined>
}

export interface DoctorContext {
  entry: RegistryEntry
  deps: DoctorDeps
  timeoutMs: number
  host?: string
  port?: number
  addresses?: string[]
  /** The address TCP reached. */
  reached?: string
  schemeFound?: RegistryScheme
  /** False when TLS failed: no HTTP request can succeed. */
  httpUsable?: boolean
  transport?: Transport
  /** GET /v2/ without credentials. */
  v2?: { status: number; challenge?: 'basic' | 'bearer' | 'other' }
  isRegistry?: boolean
  authOk?: boolean
  firstRepository?: string
  /** Closed when the run ends. */
  cleanup: Array<() => Promise<void>>
}

export type StepOutcome = Pick<DoctorStep, 'verdict' | 'seen' | 'fix'>

export const ok = (code: string, params?: DoctorParams): StepOutcome => ({ verdict: 'ok', seen: msg(code, params) })
export const skipped = (code: string, params?: DoctorParams): StepOutcome => ({ verdict: 'skipped', seen: msg(code, params) })
export const failed = (code: string, params: DoctorParams | undefined, fix: string, fixParams?: DoctorParams): StepOutcome => ({
  verdict: 'failed',
  seen: msg(code, params),
  fix: msg(fix, fixParams)
})

function msg(code: string, params?: DoctorParams): DoctorMessage {
  return params ? { code, params } : { code }
}

/** The first error code found on an error or its causes (undici nests them). */
export function errorCode(e: unknown, depth = 0): string | undefined {
  if (typeof e !== 'object' || e === null || depth > 5) return undefined
  const x = e as { code?: unknown; cause?: unknown }
  return (typeof x.code === 'string' ? x.code : undefined) ?? errorCode(x.cause, depth + 1)
}

export function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e)
  // eslint-disable-next-line no-control-regex
  return m.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 200)
}
