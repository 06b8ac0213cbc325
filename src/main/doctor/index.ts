// The registry doctor: why a registry cannot be reached, step by step, with a fix for each
// failure. Runs in main (plain Node, no Electron); each step has a time limit.
import { randomUUID } from 'node:crypto'
import type { BerthEvents, EventName } from '@shared/contract'
import type { DoctorReport } from '@shared/contract/doctor'
import type { RegistryEntry } from '@shared/contract/registries'
import type { DoctorDeps } from './context'
import { runDoctor } from './run'

export { runDoctor, type DoctorRunOptions } from './run'
export type { DoctorDeps, DoctorEngine } from './context'
export { runsHere } from './steps/engine'

export interface DoctorServiceOptions extends DoctorDeps {
  registry: (id: string) => RegistryEntry
  emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void
  stepTimeoutMs?: number
}

export class DoctorService {
  constructor(private readonly opts: DoctorServiceOptions) {}

  run(id: string, runId: string = randomUUID()): Promise<DoctorReport> {
    const entry = this.opts.registry(id)
    return runDoctor(entry, this.opts, {
      runId,
      stepTimeoutMs: this.opts.stepTimeoutMs,
      onStep: (step) => this.opts.emit('doctor.step', { runId, registryId: id, step })
    })
  }
}
