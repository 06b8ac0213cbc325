// The registry doctor: nine ordered checks of one registry, each with a verdict, what was seen
// and, for every failure, what to do. Texts cross as code + params (the renderer words them),
// so the report can be translated and never carries a secret.
import { z } from 'zod'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { RegistryEntry } from './registries'
import type { RegistryScheme } from './registryTypes'

export const doctorStepIds = ['address', 'resolve', 'tcp', 'tls', 'registry', 'auth', 'catalog', 'deletes', 'engine'] as const
export type DoctorStepId = (typeof doctorStepIds)[number]

export type DoctorVerdict = 'ok' | 'failed' | 'skipped'

/** Plain values only: they are rendered into sentences and into the copied report. */
export type DoctorParams = Record<string, string | number | boolean | string[]>

export interface DoctorMessage {
  /** e.g. `tcp.refused`; the renderer's dictionary turns it into a sentence. */
  code: string
  params?: DoctorParams
}

export interface DoctorStep {
  id: DoctorStepId
  verdict: DoctorVerdict
  /** What was seen (or, for a skipped step, why it was skipped). */
  seen: DoctorMessage
  /** What to do; set on every failed step. */
  fix?: DoctorMessage
  /** How long the step took. */
  ms: number
}

/** `name`, `address` and `scheme` as stored for the registry. */
export interface DoctorReport extends Pick<RegistryEntry, 'name' | 'address' | 'scheme'> {
  runId: string
  registryId: string
  /** The scheme the port really speaks, when the TLS step could tell. */
  schemeFound?: RegistryScheme
  /** Each step's time limit. */
  stepTimeoutMs: number
  startedAt: number
  steps: DoctorStep[]
}

export const doctorCalls = {
  /** Runs every step now; each finished step also arrives as a 'doctor.step' event. */
  'registries.doctor': z.object({
    id: z.string().trim().min(1, said(m('errors.input.registryIdRequired'))),
    /** Chosen by the caller so it can match the step events to this run. */
    runId: z.string().trim().min(1).max(100).optional()
  })
}

/** The doctor only reads: its delete probe names a digest that cannot exist. */
export const doctorReadOnly = ['registries.doctor'] as const satisfies readonly (keyof typeof doctorCalls)[]

export interface DoctorResults {
  'registries.doctor': DoctorReport
}

export interface DoctorEvents {
  'doctor.step': { runId: string; registryId: string; step: DoctorStep }
}
