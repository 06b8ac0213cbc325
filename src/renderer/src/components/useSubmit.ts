import { useState } from 'react'
import { toBerthError, type BerthError } from '@shared/contract'

/**
 * A form's submit as every form here runs it: busy while the work runs, and the failure it threw
 * (as a BerthError) shown until the next try.
 */
export function useSubmit(): { busy: boolean; problem: BerthError | undefined; run(work: () => Promise<void>): Promise<void> } {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<BerthError>()
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true)
    setProblem(undefined)
    try {
      await work()
    } catch (e) {
      setProblem(toBerthError(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, problem, run }
}
