import { z } from 'zod'
import type { Msg } from '../i18n/message'
import { said } from './issueMessage'
import { m } from '../i18n/message'

export interface EngineInfo {
  /** "Docker Engine", "Docker Desktop", "Podman"… */
  name: string
  version: string
  apiVersion: string
  os: string
  arch: string
  /** Where Berth reached it, e.g. unix:///var/run/docker.sock */
  endpoint: string
  /**
   * The engine's host when it runs on another machine (tcp:// or ssh:// to a non-loopback
   * address): its 127.0.0.1 is not this machine's.
   */
  remoteHost?: string
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

/** One engine Berth could talk to, for the engine picker. */
export interface EngineChoice {
  /** The endpoint's label (also its id): unix:///var/run/docker.sock, "ctx (tcp://…)", … */
  endpoint: string
  /** Where it comes from. */
  source: 'socket' | 'DOCKER_HOST' | 'context'
  state: 'up' | 'down'
  /** "Docker Engine", "Podman"… and its version, when up. */
  name?: string
  version?: string
  /** Why it is down. */
  error?: string
  /** Berth talks to this one now. */
  current: boolean
}

export interface EngineSelection {
  choices: EngineChoice[]
  /** The endpoint the user chose; undefined while Berth picks the first that answers. */
  chosen?: string
}

export const engineCalls = {
  'engine.status': z.void(),
  /** Forget the current connection and probe every endpoint again. */
  'engine.reconnect': z.void(),
  /** Every engine Berth knows (sockets, DOCKER_HOST, Docker contexts), each checked now. */
  'engine.list': z.void(),
  /** Talk to this engine from now on (remembered), or null to let Berth pick again. */
  'engine.use': z.object({ endpoint: z.string().trim().min(1, said(m('errors.input.chooseEngine'))).max(1000).nullable() })
}

/** Calls that only read: safe to repeat after a network failure (see lib/api.ts). */
export const engineReadOnly = ['engine.status'] as const satisfies readonly (keyof typeof engineCalls)[]

export interface EngineResults {
  'engine.status': EngineStatus
  'engine.reconnect': EngineStatus
  'engine.list': EngineSelection
  'engine.use': EngineStatus
}

export interface EngineEvents {
  'engine.status': EngineStatus
}
