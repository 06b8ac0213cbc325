// Garbage collection while a push runs can delete blobs the push is about to reference
// (distribution #3045): refuse while Berth itself pushes to this registry.
import { BerthError } from '@shared/contract/errors'
import type { RegistryContext } from './context'
import { m } from '@shared/i18n/message'

/** The port of a `host:port` registry address, or undefined. */
const portOf = (registry: string | undefined): number | undefined => {
  const port = registry ? /:(\d+)$/.exec(registry) : null
  return port ? Number(port[1]) : undefined
}

/** Throws CONFLICT when a push to a registry on `port` is queued or running in Berth. */
export function assertNoPushes(ctx: RegistryContext, port: number): void {
  const pushes = (ctx.opts.activePushes?.() ?? []).filter((p) => portOf(p.registry) === port)
  if (pushes.length === 0) return
  throw new BerthError(
    'CONFLICT',
    m('errors.gc.pushing', { references: pushes.map((p) => p.reference).join(', ') }),
    m('hints.gc.waitForPush'),
    { pushes: pushes.map((p) => p.reference) }
  )
}
