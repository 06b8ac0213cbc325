// The copy kind of transfer (registry → registry, see src/main/copy): the copy reports through
// its own progress object, published a few times a second while it runs.
import type { CopyProgress, CopyRunner, CopySpec } from '../copy'
import type { Run, RunContext } from './run'

const PUBLISH_EVERY_MS = 100

export async function runCopy(run: Run, spec: CopySpec, ctx: RunContext, copier: CopyRunner | undefined): Promise<void> {
  if (!copier) throw new Error('copies are not configured in this TransferService')
  const timer = setInterval(ctx.update, PUBLISH_EVERY_MS)
  try {
    await copier.run(spec, run.tracker as CopyProgress, run.abort.signal)
  } finally {
    clearInterval(timer)
  }
  ctx.update()
}
