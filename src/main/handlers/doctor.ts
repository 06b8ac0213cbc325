import type { DoctorResults, Handlers } from '@shared/contract'
import type { Services } from '../services'

export function doctorHandlers(s: Services): Pick<Handlers, keyof DoctorResults> {
  return {
    'registries.doctor': async ({ id, runId }) => {
      const report = await s.doctor.run(id, runId)
      // The sidebar's dot should agree with what the doctor just saw.
      s.registries.recheck(id)
      return report
    }
  }
}
