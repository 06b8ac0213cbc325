// Assembles the registry's status from the engine and the registry itself: container state and
// uptime, recent logs, the volume and its size, the catalog's repository count, and where it is
// reached (on this machine, and on the LAN when shared).
import { toBerthError } from '@shared/contract/errors'
import type { LocalRegistryStatus } from '@shared/contract/localRegistry'
import { nextRev } from '../revision'
import { findRegistryContainer, recentLogs } from './containers'
import type { RegistryContext } from './context'
import { savedLogin } from './logins'
import { insecureRegistriesSnippet, lanIps } from './network'
import { CatalogLoginRequired, countRepositories } from './probe'
import { localAddress, setupOf, type RegistrySetup } from './spec'
import { volumeExists } from './volume'
import { engineReachesRegistry } from './engineSide'
import { plainHttpRefused } from './plainHttp'

const LOG_LINES = 20

export interface StatusRead {
  status: LocalRegistryStatus
  /** The registry answered HTTP (not just its container running). */
  answering: boolean
}

export async function readStatus(ctx: RegistryContext): Promise<StatusRead> {
  // Stamped as the read begins: a slow read that finishes late is still the older one.
  const rev = nextRev()
  const docker = ctx.docker()
  const planned = await ctx.plannedSetup()
  const { image, containerName, volumeName } = ctx.identity
  const found = await findRegistryContainer(ctx)
  // It may be gone between the listing and the inspect (a re-creation under way): then it is absent.
  const info = found ? await docker.getContainer(found.Id).inspect().catch(() => undefined) : undefined
  const hasVolume = await volumeExists(docker, volumeName).catch(() => false)
  const size = hasVolume ? await ctx.sizes.get(docker, volumeName) : undefined

  const setup: RegistrySetup = info ? setupOf(info) : planned
  const activity = ctx.activity.current()
  const base: LocalRegistryStatus = {
    rev,
    state: 'absent',
    image,
    containerName: info ? info.Name.replace(/^\//, '') : containerName,
    volumeName,
    volumeExists: hasVolume,
    ...(size !== undefined ? { volumeSize: size } : {}),
    port: setup.port,
    shared: setup.shared,
    address: localAddress(setup.port),
    lanAddresses: [],
    auth: { enabled: Boolean(setup.authUser), ...(setup.authUser ? { username: setup.authUser } : {}) },
    logs: [],
    ...(activity ? { activity } : {})
  }
  if (setup.shared) {
    base.lanAddresses = lanIps().map((ip) => `${ip}:${setup.port}`)
    if (base.lanAddresses.length) base.insecureRegistriesSnippet = insecureRegistriesSnippet(base.lanAddresses)
  }
  const engineHost = ctx.engineHost()
  if (engineHost !== undefined) base.engineHost = engineHost
  const refused = await plainHttpRefused(docker, base.address)
  if (refused) base.plainHttpRefused = refused
  if (!info) return { status: base, answering: false }

  const state = info.State.Running ? (info.State.Restarting ? 'restarting' : 'running') : info.State.Restarting ? 'restarting' : 'stopped'
  const status: LocalRegistryStatus = { ...base, state, containerId: info.Id, imageId: info.Image, logs: await recentLogs(ctx, info.Id, LOG_LINES) }
  let answering = false
  if (state === 'running') {
    const started = Date.parse(info.State.StartedAt)
    if (Number.isFinite(started)) {
      status.startedAt = started
      status.uptimeSeconds = Math.max(0, Math.round((Date.now() - started) / 1000))
    }
    const reachable = ctx.reachableBase(setup)
    try {
      if (!reachable) {
        // Only the engine reaches it: it answers or not, but its catalog is out of Berth's reach.
        answering = await engineReachesRegistry(docker, base.address)
        status.repositoriesError = `it runs on ${engineHost} and listens on that machine's 127.0.0.1 only; share it on the network to browse it from here`
      } else {
        status.repositories = await countRepositories(reachable, await savedLogin(ctx.opts.credentials, setup))
        answering = true
      }
    } catch (e) {
      status.repositoriesError = toBerthError(e).message
      // A registry that asks for a login is up, just protected.
      answering = e instanceof CatalogLoginRequired
    }
  } else if (state === 'stopped') {
    status.exitCode = info.State.ExitCode
  }
  return { status, answering }
}
