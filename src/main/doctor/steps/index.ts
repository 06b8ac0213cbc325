// The nine steps, in the order they run: each may rely on what the ones before it found.
import type { DoctorStepId } from '@shared/contract/doctor'
import type { DoctorContext, StepOutcome } from '../context'
import { checkAddress } from './address'
import { checkAuth } from './auth'
import { checkCatalog } from './catalog'
import { checkDeletes } from './deletes'
import { checkEngine } from './engine'
import { checkRegistry } from './registry'
import { checkResolve } from './resolve'
import { checkTcp } from './tcp'
import { checkTls } from './tls'

export const steps: Array<[DoctorStepId, (ctx: DoctorContext) => Promise<StepOutcome>]> = [
  ['address', checkAddress],
  ['resolve', checkResolve],
  ['tcp', checkTcp],
  ['tls', checkTls],
  ['registry', checkRegistry],
  ['auth', checkAuth],
  ['catalog', checkCatalog],
  ['deletes', checkDeletes],
  ['engine', checkEngine]
]
