import { z } from 'zod'
import type { Msg } from '../i18n/message'

export interface EngineInfo {
  /** "Docker Engine", "Docker Desktop", "Podman"… */
  name: string
  version: string
  apiVersion: string
  os: string
  arch: string
  /** Where Berth reached it, e.g. unix:///var/run/docker.sock */
  endpoint: string
}

export interface EndpointAttempt {
  endpoint: string
  /** English (logs); errorMsg is the same in the user's language when Berth wrote it. */
  error: string
  errorMsg?: Msg
}

export type EngineStatus =
  | { state: 'connected'; engine: EngineInfo; checkedAt: number }
  | { state: 'down'; tried: EndpointAttempt[]; hint: string; hintMsg?: Msg; checkedAt: number }

export const engineCalls = {
  'engine.status': z.void(),
  /** Forget the current connection and probe every endpoint again. */
  'engine.reconnect': z.void()
}

/** Calls that only read: safe to repeat after a network failure (see lib/api.ts). */
export const engineReadOnly = ['engine.status'] as const satisfies readonly (keyof typeof engineCalls)[]

export interface EngineResults {
  'engine.status': EngineStatus
  'engine.reconnect': EngineStatus
}

export interface EngineEvents {
  'engine.status': EngineStatus
}
