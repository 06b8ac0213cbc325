// `registry garbage-collect` in a one-off container over the same volume. The registry must be
// stopped meanwhile: collecting while pushes run can delete blobs a push is about to reference.
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import type { GarbageCollectResult, GcDryRunResult } from '@shared/contract/localRegistry'
import { requireRegistryContainer, stopContainer } from './containers'
import type { RegistryContext } from './context'
import { assertNoPushes } from './gcGuard'
import { gcContainerOptions, nothingPushedYet, type GcJob } from './gcContainer'
import { blobSizes, indexChildrenAtRisk, withDryRun } from './gcPlan'
import { containerLogLines } from './logs'
import { waitReady } from './readiness'
import { setupOf } from './spec'
import { volumeSize } from './volume'
import { m } from '@shared/i18n/message'

/**
 * Refuses while Berth pushes to the registry; stops it, collects, brings it back as it was
 * (a restart also clears the blob-descriptor cache that is stale after GC, distribution #3743),
 * and measures what was freed. With --delete-untagged, a dry run first checks that no platform
 * manifest of a tagged index would go (distribution #3178); if one would, the option is dropped.
 */
export async function collectGarbage(ctx: RegistryContext, options: { deleteUntagged?: boolean }): Promise<Omit<GarbageCollectResult, 'status'>> {
  const info = await requireRegistryContainer(ctx, m('what.local.gc'))
  const setup = setupOf(info)
  assertNoPushes(ctx, setup.port)
  const docker = ctx.docker()
  const wasRunning = info.State.Running
  const sizeBefore = (await volumeSize(docker, ctx.identity.volumeName, true)) ?? 0
  const job = (deleteUntagged: boolean): GcJob => ({ imageId: info.Image, volumeName: ctx.identity.volumeName, namePrefix: ctx.identity.containerName, deleteUntagged })
  const { output, protectedManifests } = await ctx.activity.run('collecting', m('activity.collecting'), async () => {
    if (wasRunning) await stopContainer(ctx, info.Id)
    try {
      let deleteUntagged = options.deleteUntagged ?? false
      const atRisk = deleteUntagged ? await withDryRun(docker, job(true), (plan, c) => indexChildrenAtRisk(c, plan)) : []
      if (atRisk.length > 0) deleteUntagged = false
      return { output: await runGarbageCollect(docker, job(deleteUntagged)), protectedManifests: atRisk.length }
    } finally {
      // Whatever happened, the registry comes back as it was.
      if (wasRunning) {
        await docker.getContainer(info.Id).start().catch(() => undefined)
        await waitReady(ctx, info.Id, setup).catch(() => undefined)
      }
    }
  })
  ctx.sizes.stale()
  const sizeAfter = (await volumeSize(docker, ctx.identity.volumeName, true)) ?? sizeBefore
  return { sizeBefore, sizeAfter, freedBytes: Math.max(0, sizeBefore - sizeAfter), output, protectedManifests }
}

/** What collecting now would free, exactly as collectGarbage would run it; the registry keeps running (read-only mount). */
export async function garbageDryRun(ctx: RegistryContext, options: { deleteUntagged?: boolean }): Promise<GcDryRunResult> {
  const info = await requireRegistryContainer(ctx, m('what.local.gcPreview'))
  const docker = ctx.docker()
  const measure = (deleteUntagged: boolean): Promise<{ atRisk: string[]; sizes: number[]; manifests: number; output: string[] }> =>
    withDryRun(docker, { imageId: info.Image, volumeName: ctx.identity.volumeName, namePrefix: ctx.identity.containerName, deleteUntagged }, async (plan, c) => ({
      atRisk: deleteUntagged ? await indexChildrenAtRisk(c, plan) : [],
      sizes: await blobSizes(c, plan.eligibleBlobs),
      manifests: plan.eligibleManifests.length,
      output: plan.output
    }))
  let r = await measure(options.deleteUntagged ?? false)
  const protectedManifests = r.atRisk.length
  if (protectedManifests > 0) r = await measure(false)
  const volume = await volumeSize(docker, ctx.identity.volumeName).catch(() => undefined)
  return {
    eligibleBlobs: r.sizes.length,
    eligibleManifests: r.manifests,
    freeableBytes: r.sizes.reduce((a, b) => a + b, 0),
    protectedManifests,
    ...(volume !== undefined ? { volumeSize: volume } : {}),
    output: r.output
  }
}

export async function runGarbageCollect(docker: Docker, job: GcJob): Promise<string[]> {
  const container = await docker.createContainer(gcContainerOptions(job, 'collect'))
  try {
    await container.start()
    const { StatusCode } = (await container.wait()) as { StatusCode: number }
    // The whole log: a one-off container's is short, and Podman 4.3 drops short logs under `tail`.
    const output = await containerLogLines(container, 40, 'all')
    if (StatusCode !== 0 && output.some(nothingPushedYet)) return output
    if (StatusCode !== 0) {
      throw new BerthError(
        'REGISTRY_ERROR',
        m('errors.local.gcFailed', { code: StatusCode }),
        m('hints.local.gcOutput'),
        { output }
      )
    }
    return output
  } finally {
    await container.remove({ force: true }).catch(() => undefined)
  }
}
