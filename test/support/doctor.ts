// Reading a doctor report in tests: each step as "verdict code", and the verdicts a registry
// that answers plain HTTP on 127.0.0.1 or a LAN address gets up to its registry step.
import type { DoctorReport, DoctorStep, DoctorStepId } from '@shared/contract'

export type Verdicts = Record<DoctorStepId, string>

/** `verdict code` of every step, e.g. `failed tcp.refused`. */
export const verdicts = (r: DoctorReport): Verdicts => Object.fromEntries(r.steps.map((s) => [s.id, `${s.verdict} ${s.seen.code}`])) as Verdicts

export const step = (r: DoctorReport, id: DoctorStepId): DoctorStep => r.steps.find((s) => s.id === id)!

/** An IP address that takes connections. */
export const CONNECTS = { address: 'ok address.ok', resolve: 'ok resolve.literal', tcp: 'ok tcp.ok' } as const

/** ...and answers as a plain-HTTP registry anyone may read. */
export const PLAIN_REGISTRY = { ...CONNECTS, tls: 'ok tls.plainHttp', registry: 'ok registry.ok', auth: 'ok auth.anonymous', catalog: 'ok catalog.ok' } as const

/** What every step after a failed one says. */
export const SKIPPED = 'skipped skipped.after'
