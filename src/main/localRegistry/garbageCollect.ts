// `registry garbage-collect` in a one-off container over the same volume. The registry must be
// stopped meanwhile: collecting while pushes run can delete blobs a push is about to reference.
import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import type { GarbageCollectResult } from '@shared/contract/localRegistry'
import { requireRegistryContainer, stopContainer } from './containers'
import type { RegistryContext } from './context'
import { containerLogLines } from './logs'
import { waitReady } from './readiness'
import { GC_ENV, REGISTRY_DATA, setupOf } from './spec'
import { volumeSize } from './volume'
import { m } from '@shared/i18n/message'

/** Stops the registry, collects, brings it back as it was, and measures what was freed. */
export async function collectGarbage(ctx: RegistryContext, options: { deleteUntagged?: boolean }): Promise<Omit<GarbageCollectResult, 'status'>> {
  const info = await requireRegistryContainer(ctx, m('what.local.gc'))
  const setup = setupOf(info)
  const docker = ctx.docker()
  const wasRunning = info.State.Running
  const sizeBefore = (await volumeSize(docker, ctx.identity.volumeName, true)) ?? 0
  const output = await ctx.activity.run('collecting', m('activity.collecting'), async () => {
    if (wasRunning) await stopContainer(ctx, info.Id)
    try {
      return await runGarbageCollect(docker, {
        imageId: info.Image,
        volumeName: ctx.identity.volumeName,
        namePrefix: ctx.identity.containerName,
        deleteUntagged: options.deleteUntagged ?? false
      })
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
  return { sizeBefore, sizeAfter, freedBytes: Math.max(0, sizeBefore - sizeAfter), output }
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
    const output = await containerLogLines(container, 40, 200)
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
