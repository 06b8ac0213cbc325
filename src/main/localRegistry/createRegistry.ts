// Makes a new registry container (and the volume when missing) and waits until it answers.
// All or nothing: on any failure what this made is removed again.
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import { engineError, statusCodeOf } from '../engine/engineErrors'
import type { RegistryContext } from './context'
import { htpasswdArchive, HTPASSWD_PATH } from './htpasswd'
import { hasPath } from './oneOffContainer'
import { waitReady } from './readiness'
import { bindAddress, containerOptions, MANAGED_LABEL, REGISTRY_DATA, withoutAuth, type RegistrySetup } from './spec'
import { isMissingInit, startContainer, containerStartError } from './startErrors'
import { volumeExists } from './volume'
import { m } from '@shared/i18n/message'

/** Creates the container (and the volume when missing) and waits until it answers; on failure removes what it made. */
export async function createAndStart(ctx: RegistryContext, setup: RegistrySetup, htpasswd?: string): Promise<void> {
  const docker = ctx.docker()
  const { volumeName, labelValue, containerName } = ctx.identity
  await ctx.activity.run('starting', m('activity.startingOn', { address: `${bindAddress(setup.shared)}:${setup.port}` }), async () => {
    let createdVolume = false
    let container: Docker.Container | undefined
    try {
      if (!(await volumeExists(docker, volumeName))) {
        await docker.createVolume({ Name: volumeName, Labels: { [MANAGED_LABEL]: labelValue } })
        createdVolume = true
      }
      try {
        container = await docker.createContainer(containerOptions(ctx.identity, setup))
      } catch (e) {
        if (statusCodeOf(e) === 409) {
          throw new BerthError(
            'CONFLICT',
            m('errors.local.nameTaken', { name: containerName }),
            m('hints.local.renameContainer', { name: containerName })
          )
        }
        throw engineError(e, m('what.local.create'))
      }
      if (htpasswd) {
        await container.putArchive(htpasswdArchive(htpasswd), { path: REGISTRY_DATA })
      } else if (setup.authUser && !(await hasPath(container, HTPASSWD_PATH))) {
        // The volume lost its htpasswd (removed outside Berth): better no auth than a locked registry.
        await container.remove({ force: true })
        container = undefined
        setup = withoutAuth(setup)
        await ctx.saveSettings({ authUser: undefined })
        container = await docker.createContainer(containerOptions(ctx.identity, setup))
      }
      try {
        await container.start()
      } catch (e) {
        if (!isMissingInit(e)) throw await containerStartError(ctx, e, container.id, setup)
        // An engine without an init binary (some Podman setups): run without; stops just take longer.
        await container.remove({ force: true })
        container = undefined
        container = await docker.createContainer(containerOptions(ctx.identity, setup, false))
        if (htpasswd) await container.putArchive(htpasswdArchive(htpasswd), { path: REGISTRY_DATA })
        await startContainer(ctx, container, setup)
      }
      await waitReady(ctx, container.id, setup)
    } catch (e) {
      // Nothing half-made stays behind: the new container goes, and the volume if it is new.
      if (container) await removeDespiteRestarts(container)
      if (createdVolume) await docker.getVolume(volumeName).remove().catch(() => undefined)
      throw e
    }
  })
  ctx.sizes.stale()
}

/**
 * Podman's restart policy may be bringing a dying container back at the very moment it is
 * removed, and the removal then fails ("container state improper"); the next try finds it
 * stopped. Docker removes it at the first try.
 */
async function removeDespiteRestarts(container: Docker.Container): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await container.remove({ force: true })
      return
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return
      await new Promise((r) => setTimeout(r, 300))
    }
  }
}
