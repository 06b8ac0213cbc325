// Runs the doctor's steps one after another, each within its time limit, and reports each as
// it finishes. A step that throws or overruns fails with what it saw; the next ones still run
// (they skip themselves when they need what it would have found).
import type { DoctorReport, DoctorStep } from '@shared/contract/doctor'
import type { RegistryEntry } from '@shared/contract/registries'
import { errorText, failed, type DoctorContext, type DoctorDeps, type StepOutcome } from './context'
import { steps } from './steps'

export interface DoctorRunOptions {
  runId: string
  /** Each step's time limit (default 5 s). */
  stepTimeoutMs?: number
  onStep?: (step: DoctorStep) => void
  clock?: () => number
}

export async function runDoctor(entry: RegistryEntry, deps: DoctorDeps, opts: DoctorRunOptions): Promise<DoctorReport> {
  const clock = opts.clock ?? Date.now
  const timeoutMs = opts.stepTimeoutMs ?? 5000
  const ctx: DoctorContext = { entry, deps, timeoutMs, cleanup: [] }
  const report: DoctorReport = {
    runId: opts.runId,
    registryId: entry.id,
    name: entry.name,
    address: entry.address,
    scheme: entry.scheme,
    stepTimeoutMs: timeoutMs,
    startedAt: clock(),
    steps: []
  }
  try {
    for (const [id, check] of steps) {
      const started = clock()
      const outcome = await withinLimit(check(ctx), timeoutMs)
      const step: DoctorStep = { id, ...outcome, ms: Math.max(0, clock() - started) }
      report.steps.push(step)
      opts.onStep?.(step)
    }
  } finally {
    await Promise.all(ctx.cleanup.map((c) => c().catch(() => undefined)))
  }
  if (ctx.schemeFound) report.schemeFound = ctx.schemeFound
  return report
}

function withinLimit(p: Promise<StepOutcome>, ms: number): Promise<StepOutcome> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<StepOutcome>((resolve) => {
    timer = setTimeout(() => resolve(failed('step.timeout', { seconds: ms / 1000 }, 'step.timeoutFix')), ms)
  })
  const guarded = p.catch((e: unknown) => failed('step.error', { error: errorText(e) }, 'step.errorFix'))
  return Promise.race([guarded, limit]).finally(() => clearTimeout(timer))
}
