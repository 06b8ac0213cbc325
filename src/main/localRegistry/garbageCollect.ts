// `registry garbage-collect` in a one-off container over the same volume. The registry must be
// stopped meanwhile: collecting while pushes run can delete blobs a push is about to reference.
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import type { GarbageCollectResult, GcDryRunResult } from '@shared/contract/localRegistry'
import { requireRegistryContainer } from './containers'
import type { RegistryContext } from './context'
import { assertNoPushes } from './gcGuard'
import { gcContainerOptions, nothingPushedYet, type GcJob } from './gcContainer'
import { blobSizes, indexChildrenAtRisk, withDryRun } from './gcPlan'
import { lastLines } from './logs'
import { oneOffJobOf, runAndRemove, type OneOffJob } from './oneOffContainer'
import { setupOf } from './spec'
import { whileStopped } from './whileStopped'
import { m } from '@shared/i18n/message'

/**
 * Refuses while Berth pushes to the registry; stops it, collects, brings it back as it was
 * (a restart also clears the blob-descriptor cache that is stale after GC, distribution #3743).
 * A dry run with the registry stopped says which blobs go and their sizes: that is what is freed
 * (the engine's disk-usage walk is not waited for: it covers every volume of the engine and can
 * take minutes). With --delete-untagged, the same dry run checks that no platform manifest of a
 * tagged index would go (distribution #3178); if one would, the option is dropped.
 */
export async function collectGarbage(ctx: RegistryContext, options: { deleteUntagged?: boolean }): Promise<Omit<GarbageCollectResult, 'status'>> {
  const info = await requireRegistryContainer(ctx, m('what.local.gc'))
  const setup = setupOf(info)
  assertNoPushes(ctx, setup.port)
  const docker = ctx.docker()
  const known = await ctx.sizes.get(docker, ctx.identity.volumeName)
  const { output, protectedManifests, freedBytes } = await ctx.activity.run('collecting', m('activity.collecting'), () =>
    whileStopped(ctx, info, setup, async () => {
      const plan = await planCollection(docker, oneOffJobOf(ctx, info), options.deleteUntagged ?? false)
      const output = await runGarbageCollect(docker, { ...oneOffJobOf(ctx, info), deleteUntagged: plan.deleteUntagged })
      return { output, protectedManifests: plan.protectedManifests, freedBytes: sum(plan.sizes) }
    })
  )
  ctx.sizes.stale()
  // The last known size may predate a push: never report less than what went.
  const sizeBefore = Math.max(known ?? 0, freedBytes)
  return { sizeBefore, sizeAfter: sizeBefore - freedBytes, freedBytes, output, protectedManifests }
}

/** What collecting now would free, exactly as collectGarbage would run it; the registry keeps running (read-only mount). */
export async function garbageDryRun(ctx: RegistryContext, options: { deleteUntagged?: boolean }): Promise<GcDryRunResult> {
  const info = await requireRegistryContainer(ctx, m('what.local.gcPreview'))
  const docker = ctx.docker()
  const plan = await planCollection(docker, oneOffJobOf(ctx, info), options.deleteUntagged ?? false)
  // The size already known, never a wait for the engine's disk-usage walk: that walk covers every
  // volume of the engine (someone else's big ones too) and can take minutes.
  const volume = await ctx.sizes.get(docker, ctx.identity.volumeName)
  return {
    eligibleBlobs: plan.sizes.length,
    eligibleManifests: plan.manifests,
    freeableBytes: sum(plan.sizes),
    protectedManifests: plan.protectedManifests,
    ...(volume !== undefined ? { volumeSize: volume } : {}),
    output: plan.output
  }
}

const sum = (sizes: number[]): number => sizes.reduce((a, b) => a + b, 0)

interface CollectionPlan {
  /** --delete-untagged as it will run: dropped when it would delete a tagged index's platform manifest. */
  deleteUntagged: boolean
  protectedManifests: number
  /** Size of each blob collecting deletes. */
  sizes: number[]
  manifests: number
  output: string[]
}

/** The dry run collectGarbage and the preview share: what goes, and whether --delete-untagged stays. */
async function planCollection(docker: Docker, job: OneOffJob, deleteUntagged: boolean): Promise<CollectionPlan> {
  const measure = (untagged: boolean): Promise<{ atRisk: string[]; sizes: number[]; manifests: number; output: string[] }> =>
    withDryRun(docker, { ...job, deleteUntagged: untagged }, async (plan, c) => ({
      atRisk: untagged ? await indexChildrenAtRisk(c, plan) : [],
      sizes: await blobSizes(c, plan.eligibleBlobs),
      manifests: plan.eligibleManifests.length,
      output: plan.output
    }))
  const first = await measure(deleteUntagged)
  if (first.atRisk.length === 0) return { deleteUntagged, protectedManifests: 0, sizes: first.sizes, manifests: first.manifests, output: first.output }
  const safe = await measure(false)
  return { deleteUntagged: false, protectedManifests: first.atRisk.length, sizes: safe.sizes, manifests: safe.manifests, output: safe.output }
}

export async function runGarbageCollect(docker: Docker, job: GcJob): Promise<string[]> {
  const { exitCode, text } = await runAndRemove(await docker.createContainer(gcContainerOptions(job, 'collect')))
  const output = lastLines(text, 40)
  // A registry nobody pushed to yet has no repositories folder: nothing to collect, not a failure.
  if (exitCode !== 0 && output.some(nothingPushedYet)) return output
  if (exitCode !== 0) throw new BerthError('REGISTRY_ERROR', m('errors.local.gcFailed', { code: exitCode }), m('hints.local.gcOutput'), { output })
  return output
}
