// "Remove empty repositories" for Berth's own registry: registry:2 keeps listing a repository
// after its last tag is gone, until its folder leaves the volume. Listing runs beside the running
// registry (volume read-only); removing runs with the registry stopped, re-checks each folder and
// touches nothing else, then brings the registry back as it was.
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { familiarReference } from '@shared/reference'
import type { EmptyRepositoriesResult, RemoveEmptyRepositoriesResult } from '@shared/contract/localRegistry'
import { requireRegistryContainer } from './containers'
import type { RegistryContext } from './context'
import { argumentBatches, LIST_SCRIPT, manualCommands, parseListing, parseRemoval, REMOVE_SCRIPT } from './emptyScripts'
import { assertNoPushes, EMPTY_REPOSITORIES_RISK } from './gcGuard'
import { lastLines } from './logs'
import { oneOffJobOf, runAndRemove } from './oneOffContainer'
import { setupOf } from './spec'
import { createVolumeShell } from './volumeShell'
import { whileStopped } from './whileStopped'

function removalFailed(exitCode: number, text: string): BerthError {
  return new BerthError('REGISTRY_ERROR', m('errors.emptyRepositories.removeFailed', { code: exitCode }), m('hints.emptyRepositories.restarted'), { output: lastLines(text, 40) })
}

/** The empty repositories, or (image without a shell) how to remove them by hand. */
export async function findEmptyRepositories(ctx: RegistryContext): Promise<EmptyRepositoriesResult> {
  const info = await requireRegistryContainer(ctx, m('what.local.findEmpty'))
  const docker = ctx.docker()
  const container = await createVolumeShell(docker, { ...oneOffJobOf(ctx, info), task: 'list-empty', readOnly: true, script: LIST_SCRIPT })
  if (!container) return { canRemove: false, repositories: [], uploading: [], manual: manualOf(ctx, info) }
  const { exitCode, text } = await runAndRemove(container)
  if (exitCode !== 0) throw new BerthError('REGISTRY_ERROR', m('errors.emptyRepositories.listFailed', { code: exitCode }), m('hints.emptyRepositories.nothingChanged'), { output: lastLines(text, 40) })
  return { canRemove: true, ...parseListing(text) }
}

const manualOf = (ctx: RegistryContext, info: Docker.ContainerInspectInfo): EmptyRepositoriesResult['manual'] => ({
  image: familiarReference(info.Config.Image),
  containerName: ctx.identity.containerName,
  volumeName: ctx.identity.volumeName,
  commands: manualCommands(ctx.identity.containerName, ctx.identity.volumeName)
})

/** Removes the folders of `repositories` that are still empty; the registry is stopped meanwhile. */
export async function removeEmptyRepositories(ctx: RegistryContext, repositories: string[]): Promise<Omit<RemoveEmptyRepositoriesResult, 'status'>> {
  const info = await requireRegistryContainer(ctx, m('what.local.removeEmpty'))
  const setup = setupOf(info)
  assertNoPushes(ctx, setup.port, EMPTY_REPOSITORIES_RISK)
  const docker = ctx.docker()
  const asked = [...new Set(repositories)]
  const batches = argumentBatches(asked)
  const create = (args: string[]): Promise<Docker.Container | undefined> =>
    createVolumeShell(docker, { ...oneOffJobOf(ctx, info), task: 'remove-empty', readOnly: false, script: REMOVE_SCRIPT, args })
  // Known before anything stops: the image has a shell.
  const first = await create(batches[0] ?? [])
  if (!first) {
    throw new BerthError(
      'CONFLICT',
      m('errors.emptyRepositories.noShell', { image: familiarReference(info.Config.Image) }),
      m('hints.emptyRepositories.byHand'),
      { manual: manualOf(ctx, info) }
    )
  }
  const text = await ctx.activity.run('cleaning', m('activity.removingEmpty'), () =>
    whileStopped(ctx, info, setup, async () => {
      let out = ''
      for (const [i, batch] of batches.entries()) {
        const container = i === 0 ? first : await create(batch)
        if (!container) break
        const { exitCode, text } = await runAndRemove(container)
        out += text
        if (exitCode !== 0) throw removalFailed(exitCode, out)
      }
      return out
    })
  ).catch(async (e: unknown) => {
    await first.remove({ force: true }).catch(() => undefined)
    throw e
  })
  ctx.sizes.stale()
  return parseRemoval(text, asked)
}
