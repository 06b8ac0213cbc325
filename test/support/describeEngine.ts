// describe() for tests that need the engine: skipped with the reason locally, a hard failure
// under CI=true (CI must never count a skipped engine test as passing).
import { describe } from 'vitest'
import { engineProblem, isCI } from './engine'

const problem = await engineProblem()
if (problem && isCI) throw new Error(`CI=true and ${problem}`)
if (problem) console.warn(`[skipping engine tests] ${problem}`)

export const describeEngine = problem ? describe.skip : describe
