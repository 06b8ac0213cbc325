// The one-off container that runs `registry garbage-collect` over the registry's volume with the
// registry's own image (same binary, same config path). No shell is needed: the official image's
// entrypoint passes `garbage-collect …` on to the registry binary, and an image whose entrypoint is
// the binary itself takes the same arguments. The dry run mounts the volume read-only.
import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import { GC_ENV, REGISTRY_DATA } from './spec'

const CONFIG = '/etc/docker/registry/config.yml'

export interface GcJob {
  /** The image ID the registry container runs. */
  imageId: string
  volumeName: string
  /** Prefix of the one-off container's name. */
  namePrefix: string
  deleteUntagged: boolean
}

export function gcContainerOptions(job: GcJob, run: 'dry-run' | 'collect'): Docker.ContainerCreateOptions {
  const dry = run === 'dry-run'
  return {
    name: `${job.namePrefix}-gc-${dry ? 'dry-' : ''}${randomBytes(3).toString('hex')}`,
    Image: job.imageId,
    Cmd: ['garbage-collect', ...(dry ? ['--dry-run'] : []), CONFIG, ...(job.deleteUntagged ? ['--delete-untagged'] : [])],
    Env: GC_ENV,
    Labels: { 'berth.task': dry ? 'garbage-collect-dry-run' : 'garbage-collect' },
    HostConfig: { Mounts: [{ Type: 'volume', Source: job.volumeName, Target: REGISTRY_DATA, ...(dry ? { ReadOnly: true } : {}) }], NetworkMode: 'none' }
  }
}

/** A registry nobody pushed to yet has no repositories folder: nothing to collect, not a failure. */
export function nothingPushedYet(log: string): boolean {
  return /Path not found: \S*\/repositories/.test(log)
}
