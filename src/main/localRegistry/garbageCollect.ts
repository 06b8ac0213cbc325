// `registry garbage-collect` in a one-off container over the same volume. The registry must be
// stopped meanwhile: collecting while pushes run can delete blobs a push is about to reference.
import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import type { GarbageCollectResult, GcDryRunResult } from '@shared/contract/localRegistry'
import { requireRegistryContainer, stopContainer } from './containers'
import type { RegistryContext } from './context'
import { assertNoPushes } from './gcGuard'
import { blobSizes, indexChildrenAtRisk, withDryRun, type DryRunJob } from './gcPlan'
import { containerLogLines } from './logs'
import { waitReady } from './readiness'
import { GC_ENV, REGISTRY_DATA, setupOf } from './spec'
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
  const job = (deleteUntagged: boolean): DryRunJob => ({ imageId: info.Image, volumeName: ctx.identity.volumeName, namePrefix: ctx.identity.containerName, deleteUntagged })
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

export interface GcJob {
  /** The image ID the registry container runs (same binary, same config path). */
  imageId: string
  volumeName: string
  /** Prefix of the one-off container's name. */
  namePrefix: string
  deleteUntagged: boolean
}

const CONFIG = '/etc/docker/registry/config.yml'

export async function runGarbageCollect(docker: Docker, job: GcJob): Promise<string[]> {
  // The official image's entrypoint passes `garbage-collect …` on to the registry binary; an image
  // whose entrypoint is the binary itself takes the same arguments. No shell is needed.
  const container = await docker.createContainer({
    name: `${job.namePrefix}-gc-${randomBytes(3).toString('hex')}`,
    Image: job.imageId,
    Cmd: ['garbage-collect', CONFIG, ...(job.deleteUntagged ? ['--delete-untagged'] : [])],
    Env: GC_ENV,
    Labels: { 'berth.task': 'garbage-collect' },
    HostConfig: { Mounts: [{ Type: 'volume', Source: job.volumeName, Target: REGISTRY_DATA }], NetworkMode: 'none' }
  })
  try {
    await container.start()
    const { StatusCode } = (await container.wait()) as { StatusCode: number }
    // The whole log: a one-off container's is short, and Podman 4.3 drops short logs under `tail`.
    const output = await containerLogLines(container, 40, 'all')
    // A registry nobody pushed to yet has no repositories folder: nothing to collect, not a failure.
    if (StatusCode !== 0 && output.some((l) => /Path not found: \S*\/repositories/.test(l))) return output
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
