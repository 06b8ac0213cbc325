// A one-off container on the registry's own image that runs a shell script over the registry's
// volume (no network). The official registry:2 image is Alpine-based and has /bin/sh; an image
// without one (a FROM scratch build) is detected before anything is stopped or started.
import type Docker from 'dockerode'
import { hasPath, oneOffOptions, type OneOffJob } from './oneOffContainer'

export interface ShellJob extends OneOffJob {
  /** `berth.task` label: what the container is for, for anyone listing containers. */
  task: string
  readOnly: boolean
  script: string
  /** Positional parameters ($1…): data stays out of the script's text. */
  args?: string[]
}

/** The created (not started) container, or undefined when the image has no /bin/sh (nothing left behind). */
export async function createVolumeShell(docker: Docker, job: ShellJob): Promise<Docker.Container | undefined> {
  const container = await docker.createContainer(
    oneOffOptions(job, { name: job.task, task: job.task, readOnly: job.readOnly, Entrypoint: ['/bin/sh'], Cmd: ['-c', job.script, 'sh', ...(job.args ?? [])] })
  )
  if (await hasPath(container, '/bin/sh')) return container
  await container.remove({ force: true }).catch(() => undefined)
  return undefined
}
