// Starting, stopping and restarting Berth's registry. A start creates the container (pulling
// its image first) when there is none, and checks the port before anything is made.
import type Docker from 'dockerode'
import { inspectRegistryContainer, requireRegistryContainer, stopContainer } from './containers'
import type { RegistryContext } from './context'
import { createAndStart } from './createRegistry'
import { assertPortFree } from './ports'
import { waitReady } from './readiness'
import { recreate } from './reconfigure'
import { ensureImage } from './registryImage'
import { setupOf, type RegistrySetup } from './spec'
import { startContainer } from './startErrors'
import { m } from '@shared/i18n/message'

/** Starts Berth's registry, creating it (and pulling its image) when there is none. */
export async function startRegistry(ctx: RegistryContext, options: { port?: number; mirror?: string }): Promise<void> {
  const info = await inspectRegistryContainer(ctx)
  if (info) {
    const setup = setupOf(info)
    if (options.port && options.port !== setup.port) {
      await recreate(ctx, info, { ...setup, port: options.port })
      await ctx.saveSettings({ port: options.port })
    } else if (!info.State.Running) {
      await startExisting(ctx, info, setup)
    }
    return
  }
  const planned = await ctx.plannedSetup()
  const setup: RegistrySetup = { ...planned, port: options.port ?? planned.port }
  // Port first: a busy port must fail before a long pull and before anything is created.
  await assertPortFree(ctx.docker(), setup.port, setup.shared, undefined, ctx.isRemote())
  await ensureImage(ctx, options.mirror)
  await createAndStart(ctx, setup)
  await ctx.saveSettings({ port: setup.port })
}

export async function stopRegistry(ctx: RegistryContext): Promise<void> {
  const info = await requireRegistryContainer(ctx, m('what.local.stopIt'))
  if (info.State.Running || info.State.Restarting) {
    await ctx.activity.run('stopping', m('activity.stopping'), () => stopContainer(ctx, info.Id))
  }
}

export async function restartRegistry(ctx: RegistryContext): Promise<void> {
  const info = await requireRegistryContainer(ctx, m('what.local.restartIt'))
  const setup = setupOf(info)
  await ctx.activity.run('starting', m('activity.restarting'), async () => {
    // A running registry holds its own port; only a stopped one can find it taken.
    if (!info.State.Running) await assertPortFree(ctx.docker(), setup.port, setup.shared, info.Id, ctx.isRemote())
    await startContainer(ctx, ctx.docker().getContainer(info.Id), setup, 'restart')
    await waitReady(ctx, info.Id, setup)
  })
}

async function startExisting(ctx: RegistryContext, info: Docker.ContainerInspectInfo, setup: RegistrySetup): Promise<void> {
  await ctx.activity.run('starting', m('activity.starting'), async () => {
    await assertPortFree(ctx.docker(), setup.port, setup.shared, info.Id, ctx.isRemote())
    await startContainer(ctx, ctx.docker().getContainer(info.Id), setup)
    try {
      await waitReady(ctx, info.Id, setup)
    } catch (e) {
      // Not answering: stop it rather than leave it restarting forever (its data stays).
      await stopContainer(ctx, info.Id).catch(() => undefined)
      throw e
    }
  })
}
