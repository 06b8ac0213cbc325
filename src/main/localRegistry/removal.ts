// Removing Berth's registry: the container alone (the volume keeps every pushed image for the
// next start), or the container and the volume (everything pushed is lost; typed confirmation).
import { BerthError } from '@shared/contract/errors'
import { engineError } from '../engine/engineErrors'
import { inspectRegistryContainer, removeRegistryContainers } from './containers'
import type { RegistryContext } from './context'
import { forgetLogin } from './logins'
import { setupOf } from './spec'
import { volumeExists } from './volume'
import { m } from '@shared/i18n/message'

/** Removes the container; every pushed image stays in the volume for the next start. */
export async function removeContainerKeepData(ctx: RegistryContext): Promise<void> {
  await ctx.activity.run('removing', m('activity.removingContainer'), () => removeRegistryContainers(ctx))
}

/** Removes the container and the volume: every image pushed to it is lost. */
export async function removeRegistryAndData(ctx: RegistryContext, confirmVolume: string): Promise<void> {
  const { volumeName } = ctx.identity
  if (confirmVolume !== volumeName) {
    throw new BerthError('INVALID_INPUT', m('errors.local.confirmMismatch', { volume: volumeName }), m('hints.nothingRemoved'))
  }
  const info = await inspectRegistryContainer(ctx)
  const setup = info ? setupOf(info) : undefined
  await ctx.activity.run('removing', m('activity.removingAll'), async () => {
    await removeRegistryContainers(ctx)
    try {
      if (await volumeExists(ctx.docker(), volumeName)) await ctx.docker().getVolume(volumeName).remove()
    } catch (e) {
      throw engineError(e, m('what.local.removeVolume', { volume: volumeName }))
    }
  })
  // The htpasswd went with the volume: auth is off for the next registry.
  if (setup?.authUser) await forgetLogin(ctx.opts.credentials, setup.port)
  await ctx.saveSettings({ authUser: undefined })
  ctx.sizes.reset()
}
