import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type Docker from 'dockerode'

export interface Endpoint {
  /** Shown to the user: unix:///var/run/docker.sock, tcp://host:2376, ssh://me@box */
  label: string
  options: Docker.DockerOptions
}

/**
 * Where an engine may be, in the order the docker CLI would look: DOCKER_HOST alone when set,
 * else the usual sockets of Docker, Docker Desktop, rootless Docker and Podman.
 */
export function candidateEndpoints(env: NodeJS.ProcessEnv = process.env): Endpoint[] {
  const host = env.DOCKER_HOST?.trim()
  if (host) return [fromDockerHost(host, env)]
  if (process.platform === 'win32') {
    return [
      { label: 'npipe:////./pipe/docker_engine', options: { socketPath: '//./pipe/docker_engine' } },
      { label: 'npipe:////./pipe/podman-machine-default', options: { socketPath: '//./pipe/podman-machine-default' } }
    ]
  }
  const runtime = env.XDG_RUNTIME_DIR || (typeof process.getuid === 'function' ? `/run/user/${process.getuid()}` : '')
  const sockets = [
    '/var/run/docker.sock',
    join(homedir(), '.docker/run/docker.sock'),
    join(homedir(), '.docker/desktop/docker.sock'),
    runtime && join(runtime, 'docker.sock'),
    runtime && join(runtime, 'podman/podman.sock'),
    '/run/podman/podman.sock',
    join(homedir(), '.local/share/containers/podman/machine/podman.sock')
  ].filter((s): s is string => Boolean(s))
  return [...new Set(sockets)].map((socketPath) => ({ label: `unix://${socketPath}`, options: { socketPath } }))
}

export function fromDockerHost(host: string, env: NodeJS.ProcessEnv): Endpoint {
  if (host.startsWith('unix://')) return { label: host, options: { socketPath: host.slice('unix://'.length) } }
  if (host.startsWith('npipe://')) return { label: host, options: { socketPath: host.slice('npipe://'.length) } }
  if (host.startsWith('ssh://')) {
    const u = new URL(host)
    return {
      label: host,
      options: { protocol: 'ssh', host: u.hostname, port: Number(u.port || 22), username: u.username || undefined } as Docker.DockerOptions
    }
  }
  if (host.startsWith('tcp://') || host.startsWith('http://') || host.startsWith('https://')) {
    const u = new URL(host.replace(/^tcp:\/\//, 'http://'))
    const tls = env.DOCKER_TLS_VERIFY === '1' || host.startsWith('https://')
    const certDir = env.DOCKER_CERT_PATH || join(homedir(), '.docker')
    const read = (f: string): Buffer | undefined => (existsSync(join(certDir, f)) ? readFileSync(join(certDir, f)) : undefined)
    return {
      label: host,
      options: tls
        ? { protocol: 'https', host: u.hostname, port: Number(u.port || 2376), ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') }
        : { protocol: 'http', host: u.hostname, port: Number(u.port || 2375) }
    }
  }
  return { label: host, options: { socketPath: host } }
}
