import type { DoctorResults, Handlers } from '@shared/contract'
import type { Services } from '../services'

export function doctorHandlers(s: Services): Pick<Handlers, keyof DoctorResults> {
  return {
    'registries.doctor': ({ id, runId }) => s.doctor.run(id, runId)
  }
}
