// The two ways a test says what it needs, used by every engine and e2e file: describeEngine (a
// Docker engine) and describeE2E (the engine, Chromium and the built UI). Without them a suite
// is skipped with the reason; with CI=true it fails instead (CI never counts a skip as a pass).
import { describe } from 'vitest'
import { browserProblem } from './chromium'
import { engineProblem, isCI } from './engine'

const problem = await engineProblem()

function needs(what: string, why: string | null): boolean {
  if (why && isCI) throw new Error(`CI=true and ${why}`)
  if (why) console.warn(`[skipping ${what}] ${why}`)
  return !why
}

export const describeEngine = needs('engine tests', problem) ? describe : describe.skip

/** Checked when an e2e file declares its suite: integration runs need neither Chromium nor a build. */
export function describeE2E(name: string, body: () => void): void {
  const run = needs('e2e tests', problem ?? browserProblem()) ? describe : describe.skip
  run(name, body)
}
