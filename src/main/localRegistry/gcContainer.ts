// The one-off container that runs `registry garbage-collect` over the registry's volume with the
// registry's own image (same binary, same config path). No shell is needed: the official image's
// entrypoint passes `garbage-collect …` on to the registry binary, and an image whose entrypoint is
// the binary itself takes the same arguments. The dry run mounts the volume read-only.
import type Docker from 'dockerode'
import { oneOffOptions, type OneOffJob } from './oneOffContainer'
import { GC_ENV } from './spec'

const CONFIG = '/etc/docker/registry/config.yml'

export interface GcJob extends OneOffJob {
  deleteUntagged: boolean
}

export function gcContainerOptions(job: GcJob, run: 'dry-run' | 'collect'): Docker.ContainerCreateOptions {
  const dry = run === 'dry-run'
  return oneOffOptions(job, {
    name: dry ? 'gc-dry' : 'gc',
    task: dry ? 'garbage-collect-dry-run' : 'garbage-collect',
    readOnly: dry,
    Cmd: ['garbage-collect', ...(dry ? ['--dry-run'] : []), CONFIG, ...(job.deleteUntagged ? ['--delete-untagged'] : [])],
    Env: GC_ENV
  })
}

/** A registry nobody pushed to yet has no repositories folder: nothing to collect, not a failure. */
export function nothingPushedYet(log: string): boolean {
  return /Path not found: \S*\/repositories/.test(log)
}
