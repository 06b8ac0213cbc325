// The cache's container: registry:2 with REGISTRY_PROXY_REMOTEURL, its own port, volume and
// label (so it is never mistaken for the local registry). One recipe for every (re-)creation.
import type Docker from 'dockerode'
import { CONTAINER_PORT, hostIpFor, managedRegistryContainer, type RegistryIdentity } from '../localRegistry/spec'

export const HUB_CACHE_IDENTITY: RegistryIdentity = {
  image: 'registry:2',
  containerName: 'berth-hub-cache',
  volumeName: 'berth-hub-cache-data',
  labelValue: 'hub-cache'
}

export interface CacheSetup {
  port: number
  upstream: string
  /** The upstream login; the password goes into the container's environment only. */
  login?: { username: string; password: string }
}

/** `network`: a docker network to run on instead of the default one (its upstream lives there). */
export function cacheContainerOptions(id: RegistryIdentity, setup: CacheSetup, withInit = true, network?: string): Docker.ContainerCreateOptions {
  const env = [`REGISTRY_PROXY_REMOTEURL=${setup.upstream}`]
  if (setup.login) env.push(`REGISTRY_PROXY_USERNAME=${setup.login.username}`, `REGISTRY_PROXY_PASSWORD=${setup.login.password}`)
  const labels = { 'berth.upstream': setup.upstream, ...(setup.login ? { 'berth.upstream-user': setup.login.username } : {}) }
  // This machine only: the engine pulls through it on its own 127.0.0.1.
  return managedRegistryContainer(id, { port: setup.port, hostIp: hostIpFor(false), env, labels, withInit, network })
}

/** What an existing cache container was created with (its labels and binding are the truth). */
export function cacheSetupOf(info: Docker.ContainerInspectInfo): { port: number; upstream: string; username?: string } {
  const labels = info.Config?.Labels ?? {}
  const binding = info.HostConfig?.PortBindings?.[CONTAINER_PORT]?.[0] as { HostPort?: string } | undefined
  const port = Number(binding?.HostPort ?? labels['berth.port'])
  const username = labels['berth.upstream-user'] || undefined
  return { port: Number.isInteger(port) && port > 0 ? port : 0, upstream: labels['berth.upstream'] ?? '', ...(username ? { username } : {}) }
}
