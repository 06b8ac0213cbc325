// Berth's registry container on the engine: found by its label (never by name, never a second
// one), inspected, stopped, removed; engine failures become BerthErrors that say what to do.
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import { engineError, statusCodeOf } from '../engine/engineErrors'
import type { RegistryContext } from './context'
import { containerLogLines } from './logs'
import { managedLabelFilter } from './spec'
import { m, type Msg } from '@shared/i18n/message'

/** Every container with Berth's label, running ones first. */
export async function registryContainers(ctx: RegistryContext): Promise<Docker.ContainerInfo[]> {
  try {
    const list = await ctx.docker().listContainers({ all: true, filters: { label: [managedLabelFilter(ctx.identity)] } })
    return list.sort((a, b) => Number(b.State === 'running') - Number(a.State === 'running') || b.Created - a.Created)
  } catch (e) {
    throw engineError(e, m('what.local.find'))
  }
}

export async function findRegistryContainer(ctx: RegistryContext): Promise<Docker.ContainerInfo | undefined> {
  return (await registryContainers(ctx))[0]
}

export async function inspectContainer(ctx: RegistryContext, id: string): Promise<Docker.ContainerInspectInfo> {
  try {
    return await ctx.docker().getContainer(id).inspect()
  } catch (e) {
    throw engineError(e, m('what.local.inspect'))
  }
}

/** The registry container's details, or undefined when there is none. */
export async function inspectRegistryContainer(ctx: RegistryContext): Promise<Docker.ContainerInspectInfo | undefined> {
  const found = await findRegistryContainer(ctx)
  return found ? inspectContainer(ctx, found.Id) : undefined
}

/** `what` completes "There is no local registry to …". */
export async function requireRegistryContainer(ctx: RegistryContext, what: Msg): Promise<Docker.ContainerInspectInfo> {
  const info = await inspectRegistryContainer(ctx)
  if (!info) throw new BerthError('NOT_FOUND', m('errors.local.none', { what }), m('hints.local.startFirst'))
  return info
}

export async function stopContainer(ctx: RegistryContext, id: string): Promise<void> {
  try {
    await ctx.docker().getContainer(id).stop({ t: 10 })
  } catch (e) {
    // 304: already stopped.
    if (statusCodeOf(e) !== 304) throw engineError(e, m('what.local.stop'))
  }
}

export async function removeContainer(ctx: RegistryContext, id: string): Promise<void> {
  try {
    await ctx.docker().getContainer(id).remove({ force: true })
  } catch (e) {
    if (statusCodeOf(e) !== 404) throw engineError(e, m('what.local.remove'))
  }
}

export async function removeRegistryContainers(ctx: RegistryContext): Promise<void> {
  for (const c of await registryContainers(ctx)) await removeContainer(ctx, c.Id)
}

/** Its last log lines; none when the engine cannot give them. */
export async function recentLogs(ctx: RegistryContext, id: string, lines: number): Promise<string[]> {
  try {
    return await containerLogLines(ctx.docker().getContainer(id), lines)
  } catch {
    return []
  }
}
