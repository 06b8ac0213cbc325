// A one-off container on the registry's own image that runs a shell script over the registry's
// volume (no network). The official registry:2 image is Alpine-based and has /bin/sh; an image
// without one (a FROM scratch build) is detected before anything is stopped or started.
import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import { demuxDockerLogs } from './logs'
import { REGISTRY_DATA } from './spec'

export interface ShellJob {
  /** The image ID the registry container runs. */
  imageId: string
  volumeName: string
  /** Prefix of the one-off container's name. */
  namePrefix: string
  /** `berth.task` label: what the container is for, for anyone listing containers. */
  task: string
  readOnly: boolean
  script: string
  /** Positional parameters ($1…): data stays out of the script's text. */
  args?: string[]
}

/** The created (not started) container, or undefined when the image has no /bin/sh (nothing left behind). */
export async function createVolumeShell(docker: Docker, job: ShellJob): Promise<Docker.Container | undefined> {
  const container = await docker.createContainer({
    name: `${job.namePrefix}-${job.task}-${randomBytes(3).toString('hex')}`,
    Image: job.imageId,
    Entrypoint: ['/bin/sh'],
    Cmd: ['-c', job.script, 'sh', ...(job.args ?? [])],
    Labels: { 'berth.task': job.task },
    HostConfig: { Mounts: [{ Type: 'volume', Source: job.volumeName, Target: REGISTRY_DATA, ReadOnly: job.readOnly }], NetworkMode: 'none' }
  })
  if (await hasShell(container)) return container
  await container.remove({ force: true }).catch(() => undefined)
  return undefined
}

/** The engine's archive API answers for a created container: no need to start it to look. */
async function hasShell(container: Docker.Container): Promise<boolean> {
  try {
    await container.infoArchive({ path: '/bin/sh' })
    return true
  } catch {
    return false
  }
}

/** Starts it, waits for it to end, returns its exit code and whole output; always removes it. */
export async function runVolumeShell(container: Docker.Container): Promise<{ exitCode: number; text: string }> {
  try {
    await container.start()
    const { StatusCode } = (await container.wait()) as { StatusCode: number }
    const raw = (await container.logs({ stdout: true, stderr: true })) as unknown as Buffer | string
    return { exitCode: StatusCode, text: demuxDockerLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(raw)) }
  } finally {
    await container.remove({ force: true }).catch(() => undefined)
  }
}
