// Waits until a just-started registry answers GET /v2/; when it does not (it died, or listens
// elsewhere), fails with its last log lines, which usually name the cause.
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import { recentLogs, stopContainer } from './containers'
import type { RegistryContext } from './context'
import { waitForRegistry } from './probe'
import { m } from '@shared/i18n/message'
import { waitEngineSide } from './engineSide'
import { localAddress, type RegistrySetup } from './spec'

export async function waitReady(ctx: RegistryContext, id: string, setup: RegistrySetup): Promise<void> {
  const timeoutMs = ctx.opts.readyTimeoutMs ?? 20_000
  const container = ctx.docker().getContainer(id)
  const restarts = async (): Promise<number> => ((await container.inspect().catch(() => undefined)) as { RestartCount?: number } | undefined)?.RestartCount ?? 0
  const restartsBefore = await restarts()
  // The restart policy brings a crashing registry back again and again: one restart means it died.
  const stillRunning = async (): Promise<boolean> => {
    const info = (await container.inspect().catch(() => undefined)) as (Docker.ContainerInspectInfo & { RestartCount?: number }) | undefined
    return Boolean(info?.State.Running && !info.State.Restarting && (info.RestartCount ?? 0) === restartsBefore)
  }
  const base = ctx.reachableBase(setup)
  // Neutral text: the address goes into a translated sentence.
  const where = base ? `${base}/v2/` : `${localAddress(setup.port)} (${ctx.engineHost()})`
  const outcome = base
    ? await waitForRegistry(base, { timeoutMs, stillRunning })
    : await waitEngineSide(ctx.docker(), localAddress(setup.port), { timeoutMs, stillRunning })
  if (outcome === 'ready') return
  if (outcome === 'exited') await stopContainer(ctx, id).catch(() => undefined) // no restart loop meanwhile
  const logs = await lastWords(ctx, id, outcome === 'exited')
  const exit = outcome === 'exited' ? (await container.inspect().catch(() => undefined))?.State.ExitCode : undefined
  throw new BerthError(
    'REGISTRY_UNREACHABLE',
    outcome === 'exited'
      ? exit !== undefined
        ? m('errors.local.exitedCode', { code: exit })
        : m('errors.local.exited')
      : m('errors.local.noAnswer', { url: where, seconds: Math.round(timeoutMs / 1000) }),
    logs.length ? m('hints.local.readLogs') : m('hints.local.noLogs'),
    { logs, port: setup.port }
  )
}

/** Log lines read again after a moment of exit. */
const LOG_RETRIES = 5
const LOG_RETRY_MS = 200

/**
 * The container's last log lines. Podman's conmon writes the log of a container that died at
 * once a moment after the exit (seen empty in CI): an empty log of an exited container is
 * read again for up to a second before the error says there is none.
 */
async function lastWords(ctx: RegistryContext, id: string, exited: boolean): Promise<string[]> {
  let logs = await recentLogs(ctx, id, 15)
  for (let i = 0; exited && logs.length === 0 && i < LOG_RETRIES; i++) {
    await new Promise((r) => setTimeout(r, LOG_RETRY_MS))
    logs = await recentLogs(ctx, id, 15)
  }
  return logs
}
