// Kinds of transfer that report through their own progress object (copy, export, import): the
// snapshot is published a few times a second while they run, and once more at the end.
import type { RunContext } from './run'

const PUBLISH_EVERY_MS = 100

export async function publishingWhile(ctx: RunContext, work: () => Promise<unknown>): Promise<void> {
  const timer = setInterval(ctx.update, PUBLISH_EVERY_MS)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  ctx.update()
}
