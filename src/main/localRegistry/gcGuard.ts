// Garbage collection while a push runs can delete blobs the push is about to reference
// (distribution #3045); removing a repository's folders while a push into it runs loses the
// layers it already uploaded. Both are refused while Berth itself pushes to this registry.
import { BerthError } from '@shared/contract/errors'
import type { RegistryContext } from './context'

/** The port of a `host:port` registry address, or undefined. */
const portOf = (registry: string | undefined): number | undefined => {
  const m = registry ? /:(\d+)$/.exec(registry) : null
  return m ? Number(m[1]) : undefined
}

/** What the refused step would risk, and what to do afterwards. */
export interface PushRisk {
  risk: string
  then: string
}

const GC_RISK: PushRisk = { risk: 'garbage collection now could delete layers that push still needs', then: 'collect garbage' }

export const EMPTY_REPOSITORIES_RISK: PushRisk = { risk: 'removing repository folders now could delete layers that push already uploaded', then: 'remove empty repositories' }

/** Throws CONFLICT when a push to a registry on `port` is queued or running in Berth. */
export function assertNoPushes(ctx: RegistryContext, port: number, what: PushRisk = GC_RISK): void {
  const pushes = (ctx.opts.activePushes?.() ?? []).filter((p) => portOf(p.registry) === port)
  if (pushes.length === 0) return
  throw new BerthError(
    'CONFLICT',
    `Berth is pushing to its registry (${pushes.map((p) => p.reference).join(', ')}): ${what.risk}.`,
    `Wait for the push to finish (or cancel it in Transfers), then ${what.then}.`,
    { pushes: pushes.map((p) => p.reference) }
  )
}
