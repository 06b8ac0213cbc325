import { useState } from 'react'
import { toBerthError, type BerthError } from '@shared/contract'
import { useBusy } from './useBusy'

/**
 * A form's submit as every form here runs it: busy while the work runs, and the failure it threw
 * (as a BerthError) shown until the next try.
 */
export function useSubmit(): { busy: boolean; problem: BerthError | undefined; run(work: () => Promise<void>): Promise<void> } {
  const { busy, during } = useBusy()
  const [problem, setProblem] = useState<BerthError>()
  const run = (work: () => Promise<void>): Promise<void> =>
    during(async () => {
      setProblem(undefined)
      try {
        await work()
      } catch (e) {
        setProblem(toBerthError(e))
      }
    })
  return { busy, problem, run }
}
