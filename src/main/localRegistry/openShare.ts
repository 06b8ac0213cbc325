// A registry bound to 0.0.0.0 without basic auth lets anyone on the network push, overwrite and
// delete. Berth only makes it so when the user has said yes to exactly that.
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { inspectRegistryContainer } from './containers'
import type { RegistryContext } from './context'
import { setupFromSettings } from './settings'
import { setupOf } from './spec'

/** Throws CONFLICT (details.confirmOpenShare) when `next` would leave the registry shared without auth, unconfirmed. */
export async function assertOpenShareConfirmed(ctx: RegistryContext, next: { shared?: boolean; auth?: boolean }, confirmed: boolean): Promise<void> {
  if (confirmed) return
  const info = await inspectRegistryContainer(ctx)
  const current = info ? setupOf(info) : setupFromSettings(await ctx.settings(), ctx.defaultPort)
  const shared = next.shared ?? current.shared
  const auth = next.auth ?? Boolean(current.authUser)
  if (shared && !auth) {
    throw new BerthError(
      'CONFLICT',
      m('errors.local.openShare'),
      m('hints.local.openShare'),
      { confirmOpenShare: true }
    )
  }
}
