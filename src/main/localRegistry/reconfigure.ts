// Changes that need a new container (port, sharing on the LAN, basic auth): the container is
// replaced by one made from the new setup over the same volume, so no pushed image is lost.
import type Docker from 'dockerode'
import { inspectRegistryContainer, removeContainer, requireRegistryContainer } from './containers'
import type { RegistryContext } from './context'
import { createAndStart } from './createRegistry'
import { htpasswdLine } from './htpasswd'
import { forgetLogin, moveLogin, rememberLogin } from './logins'
import { assertPortFree } from './ports'
import { setupOf, withoutAuth, type RegistrySetup } from './spec'
import { m } from '@shared/i18n/message'

export type AuthChange = { enabled: true; username: string; password: string } | { enabled: false }

/** A new port or sharing choice: applied to the container when there is one, saved for the next. */
export async function changeSetup(ctx: RegistryContext, change: { port: number } | { shared: boolean }): Promise<void> {
  const info = await inspectRegistryContainer(ctx)
  if (info) {
    const setup = setupOf(info)
    const next = { ...setup, ...change }
    if (next.port !== setup.port || next.shared !== setup.shared) await recreate(ctx, info, next)
  }
  await ctx.saveSettings(change)
}

export async function setAuth(ctx: RegistryContext, change: AuthChange): Promise<void> {
  const info = await requireRegistryContainer(ctx, m(change.enabled ? 'what.local.authOn' : 'what.local.authOff'))
  const setup = setupOf(info)
  const creds = ctx.opts.credentials
  if (change.enabled) {
    const line = await htpasswdLine(change.username, change.password)
    await recreate(ctx, info, { ...setup, authUser: change.username }, line)
    // Berth's own pushes and catalog reads must keep working: remember the login.
    await rememberLogin(creds, setup.port, { username: change.username, password: change.password })
    await ctx.saveSettings({ authUser: change.username })
  } else {
    if (setup.authUser) await recreate(ctx, info, withoutAuth(setup))
    await forgetLogin(creds, setup.port)
    await ctx.saveSettings({ authUser: undefined })
  }
}

/**
 * Replaces the container with one made from `next` (same volume: nothing is lost). When the
 * new one cannot start, the old setup is put back so a failed change never costs the registry.
 */
export async function recreate(ctx: RegistryContext, info: Docker.ContainerInspectInfo, next: RegistrySetup, htpasswd?: string): Promise<void> {
  const old = setupOf(info)
  // A new port can be checked while the old container still runs: no downtime for a refusal.
  if (next.port !== old.port) await assertPortFree(ctx.docker(), next.port, next.shared, info.Id, ctx.isRemote())
  await ctx.activity.run('recreating', m('activity.recreating'), async () => {
    await removeContainer(ctx, info.Id)
    try {
      if (next.port === old.port && next.shared !== old.shared) await assertPortFree(ctx.docker(), next.port, next.shared, undefined, ctx.isRemote())
      await createAndStart(ctx, next, htpasswd)
    } catch (e) {
      await createAndStart(ctx, old).catch(() => undefined)
      throw e
    }
    if (old.authUser && next.authUser && old.port !== next.port) await moveLogin(ctx.opts.credentials, old.port, next.port)
  })
}
