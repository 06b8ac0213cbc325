// The export and import kinds of transfer (see src/main/archive): they report through their own
// progress object, published a few times a second while they run.
import type { ArchiveRunner, ExportSpec, ImportSpec } from '../archive'
import type { CopyProgress } from '../copy'
import { publishingWhile } from './publishing'
import type { Run, RunContext } from './run'

export async function runArchive(run: Run, spec: ExportSpec | ImportSpec, ctx: RunContext, archive: ArchiveRunner | undefined): Promise<void> {
  if (!archive) throw new Error('exports and imports are not configured in this TransferService')
  const progress = run.tracker as CopyProgress
  await publishingWhile(ctx, async () => {
    if (spec.kind === 'export') await archive.runExport(spec, run.id, () => ctx.docker, progress, run.abort.signal)
    else await archive.runImport(spec, progress, run.abort.signal)
  })
}
