// Garbage collection while a push runs can delete blobs the push is about to reference
// (distribution #3045); removing a repository's folders while a push into it runs loses the
// layers it already uploaded. Both are refused while Berth itself pushes to this registry.
import { BerthError } from '@shared/contract/errors'
import type { RegistryContext } from './context'
import { m, type Msg } from '@shared/i18n/message'

/** The port of a `host:port` registry address, or undefined. */
const portOf = (registry: string | undefined): number | undefined => {
  const port = registry ? /:(\d+)$/.exec(registry) : null
  return port ? Number(port[1]) : undefined
}

/** The refused step's own sentence (what it would risk) and hint (what to do afterwards). */
export interface PushRisk {
  message: (references: string) => Msg
  hint: Msg
}

const GC_RISK: PushRisk = { message: (references) => m('errors.gc.pushing', { references }), hint: m('hints.gc.waitForPush') }

export const EMPTY_REPOSITORIES_RISK: PushRisk = {
  message: (references) => m('errors.emptyRepositories.pushing', { references }),
  hint: m('hints.emptyRepositories.waitForPush')
}

/** Throws CONFLICT when a push to a registry on `port` is queued or running in Berth. */
export function assertNoPushes(ctx: RegistryContext, port: number, what: PushRisk = GC_RISK): void {
  const pushes = (ctx.opts.activePushes?.() ?? []).filter((p) => portOf(p.registry) === port)
  if (pushes.length === 0) return
  throw new BerthError('CONFLICT', what.message(pushes.map((p) => p.reference).join(', ')), what.hint, { pushes: pushes.map((p) => p.reference) })
}
