// One-off helper containers on the registry's own image over its volume, with no network: the
// garbage collector and the shell scripts that list or remove empty repositories all run this way.
import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import { demuxDockerLogs } from './logs'
import type { RegistryContext } from './context'
import { REGISTRY_DATA } from './spec'

export interface OneOffJob {
  /** The image ID the registry container runs. */
  imageId: string
  volumeName: string
  /** Prefix of the one-off container's name. */
  namePrefix: string
}

export interface OneOffRun {
  /** Middle of the container's name, between the prefix and a random suffix. */
  name: string
  /** `berth.task` label: what the container is for, for anyone listing containers. */
  task: string
  readOnly: boolean
  Cmd: string[]
  Entrypoint?: string[]
  Env?: string[]
}

export function oneOffOptions(job: OneOffJob, run: OneOffRun): Docker.ContainerCreateOptions {
  return {
    name: `${job.namePrefix}-${run.name}-${randomBytes(3).toString('hex')}`,
    Image: job.imageId,
    ...(run.Entrypoint ? { Entrypoint: run.Entrypoint } : {}),
    Cmd: run.Cmd,
    ...(run.Env ? { Env: run.Env } : {}),
    Labels: { 'berth.task': run.task },
    HostConfig: { Mounts: [{ Type: 'volume', Source: job.volumeName, Target: REGISTRY_DATA, ...(run.readOnly ? { ReadOnly: true } : {}) }], NetworkMode: 'none' }
  }
}

/** Starts it and waits for it to end: its exit code and whole output (the container stays). */
export async function runToEnd(container: Docker.Container): Promise<{ exitCode: number; text: string }> {
  await container.start()
  const { StatusCode } = (await container.wait()) as { StatusCode: number }
  // The whole log: a one-off container's is short, and Podman 4.3 drops short logs under `tail`.
  const raw = (await container.logs({ stdout: true, stderr: true })) as unknown as Buffer | string
  return { exitCode: StatusCode, text: demuxDockerLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(raw)) }
}

/** `runToEnd`, then the container is removed whatever happened. */
export async function runAndRemove(container: Docker.Container): Promise<{ exitCode: number; text: string }> {
  try {
    return await runToEnd(container)
  } finally {
    await container.remove({ force: true }).catch(() => undefined)
  }
}

/** Whether `path` exists in a (created, not necessarily started) container: the archive API answers. */
export async function hasPath(container: Docker.Container, path: string): Promise<boolean> {
  try {
    await container.infoArchive({ path })
    return true
  } catch {
    return false
  }
}

/** The registry container's image and volume, as every one-off job over it needs them. */
export const oneOffJobOf = (ctx: RegistryContext, info: Docker.ContainerInspectInfo): OneOffJob => ({
  imageId: info.Image,
  volumeName: ctx.identity.volumeName,
  namePrefix: ctx.identity.containerName
})
