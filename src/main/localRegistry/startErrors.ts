// Why the engine refused to start the registry container, in words the user can act on: a port
// taken meanwhile (by whom, and which port is free), a missing init binary, or something else.
import type Docker from 'dockerode'
import { BerthError, isBerthError } from '@shared/contract/errors'
import { daemonMessage, engineError } from '../engine/engineErrors'
import type { RegistryContext } from './context'
import { isPortBindFailure, nextFreePort, portHolder, portInUseError } from './ports'
import { bindAddress, type RegistrySetup } from './spec'
import { m } from '@shared/i18n/message'

/** The engine refused to start it: a port taken meanwhile, or something else. */
export async function containerStartError(ctx: RegistryContext, e: unknown, id: string, setup: RegistrySetup): Promise<BerthError> {
  const message = daemonMessage(e)
  if (isPortBindFailure(message)) {
    const docker = ctx.docker()
    const host = ctx.isRemote() ? undefined : bindAddress(setup.shared)
    const holder = (await portHolder(docker, setup.port, host, id).catch(() => undefined)) ?? {}
    const err = portInUseError(setup.port, holder, await nextFreePort(docker, setup.port, host, id).catch(() => undefined))
    return new BerthError(err.code, err.msg ?? err.message, err.hintMsg ?? err.hint, { ...err.details, daemonMessage: message })
  }
  return isBerthError(e) ? e : engineError(e, m('what.local.start'))
}

/** Starts (or restarts) the container; the engine's refusal is thrown as containerStartError's BerthError. */
export async function startContainer(ctx: RegistryContext, container: Docker.Container, setup: RegistrySetup, how: 'start' | 'restart' = 'start'): Promise<void> {
  try {
    await (how === 'restart' ? container.restart({ t: 10 }) : container.start())
  } catch (e) {
    throw await containerStartError(ctx, e, container.id, setup)
  }
}

/** The engine has no init binary to run as PID 1 (some Podman setups). */
export function isMissingInit(e: unknown): boolean {
  return /docker-init|catatonit|tini|init binary/i.test(daemonMessage(e))
}
