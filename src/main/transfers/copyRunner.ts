// The copy kind of transfer (registry → registry, see src/main/copy): the copy reports through
// its own progress object, published a few times a second while it runs.
import type { CopyProgress, CopyRunner, CopySpec } from '../copy'
import { publishingWhile } from './publishing'
import type { Run, RunContext } from './run'

export async function runCopy(run: Run, spec: CopySpec, ctx: RunContext, copier: CopyRunner | undefined): Promise<void> {
  if (!copier) throw new Error('copies are not configured in this TransferService')
  await publishingWhile(ctx, () => copier.run(spec, run.tracker as CopyProgress, run.abort.signal))
}
