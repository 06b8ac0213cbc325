// The registry container Berth creates: one recipe, so every (re-)creation is the same.
import type Docker from 'dockerode'
import { HTPASSWD_PATH } from './htpasswd'
import type { RegistryNames } from '@shared/contract/localRegistry'

export const MANAGED_LABEL = 'berth.managed'
export const REGISTRY_DATA = '/var/lib/registry'
export const CONTAINER_PORT = '5000/tcp'

export interface RegistryIdentity extends RegistryNames {
  /** Value of the berth.managed label that marks Berth's container and volume. */
  labelValue: string
}

export interface RegistrySetup {
  port: number
  shared: boolean
  authUser?: string
}

/** The address the registry listens on, as people (and a bind test on this machine) spell it. */
export function bindAddress(shared: boolean): string {
  return shared ? '0.0.0.0' : '127.0.0.1'
}

/**
 * The HostIp the engine gets. "All interfaces" is "", not "0.0.0.0": both mean the same to
 * Docker, but netavark 1.4 (Podman) writes a rule for 0.0.0.0 that matches no packet.
 */
export function hostIpFor(shared: boolean): string {
  return shared ? '' : '127.0.0.1'
}

/** Where Berth itself reaches the registry: its address in the sidebar and the key of its saved login. */
export function localAddress(port: number): string {
  return `127.0.0.1:${port}`
}

/** The label filter that finds what Berth manages under this identity (and nothing of anyone else's). */
export function managedLabelFilter(id: RegistryIdentity): string {
  return `${MANAGED_LABEL}=${id.labelValue}`
}

export function withoutAuth(setup: RegistrySetup): RegistrySetup {
  return { port: setup.port, shared: setup.shared }
}

/**
 * `withInit`: a tiny init as PID 1 forwards SIGTERM. The registry binary as PID 1 ignores it, so
 * every stop would wait the full timeout and end in SIGKILL.
 */
export function containerOptions(id: RegistryIdentity, setup: RegistrySetup, withInit = true): Docker.ContainerCreateOptions {
  const env = ['REGISTRY_STORAGE_DELETE_ENABLED=true']
  if (setup.authUser) {
    env.push('REGISTRY_AUTH=htpasswd', 'REGISTRY_AUTH_HTPASSWD_REALM=Berth local registry', `REGISTRY_AUTH_HTPASSWD_PATH=${HTPASSWD_PATH}`)
  }
  const labels = { 'berth.shared': String(setup.shared), ...(setup.authUser ? { 'berth.auth-user': setup.authUser } : {}) }
  return managedRegistryContainer(id, { port: setup.port, hostIp: hostIpFor(setup.shared), env, labels, withInit })
}

/**
 * A registry:2 container of Berth's (the local registry, the Docker Hub cache): its label, the
 * port on the host, the volume at the registry's storage, restarted unless stopped.
 */
export function managedRegistryContainer(
  id: RegistryIdentity,
  o: { port: number; hostIp: string; env: string[]; labels: Record<string, string>; withInit: boolean; network?: string }
): Docker.ContainerCreateOptions {
  return {
    name: id.containerName,
    Image: id.image,
    Env: o.env,
    Labels: { [MANAGED_LABEL]: id.labelValue, 'berth.port': String(o.port), ...o.labels },
    ExposedPorts: { [CONTAINER_PORT]: {} },
    HostConfig: {
      PortBindings: { [CONTAINER_PORT]: [{ HostIp: o.hostIp, HostPort: String(o.port) }] },
      Mounts: [{ Type: 'volume', Source: id.volumeName, Target: REGISTRY_DATA }],
      RestartPolicy: { Name: 'unless-stopped' },
      Init: o.withInit,
      ...(o.network ? { NetworkMode: o.network } : {})
    }
  }
}

/** What an existing container was created with (its bindings and labels are the truth). */
export function setupOf(info: Docker.ContainerInspectInfo): RegistrySetup {
  const binding = info.HostConfig?.PortBindings?.[CONTAINER_PORT]?.[0] as { HostIp?: string; HostPort?: string } | undefined
  const labels = info.Config?.Labels ?? {}
  const port = Number(binding?.HostPort ?? labels['berth.port'])
  const hostIp = binding?.HostIp ?? ''
  const authUser = labels['berth.auth-user'] || undefined
  return { port: Number.isInteger(port) && port > 0 ? port : 0, shared: hostIp === '' || hostIp === '0.0.0.0' || hostIp === '::', ...(authUser ? { authUser } : {}) }
}

/** Env of a one-off container (garbage-collect) over the same volume: same storage settings, no auth needed. */
export const GC_ENV = ['REGISTRY_STORAGE_DELETE_ENABLED=true']
