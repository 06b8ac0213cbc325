import { existsSync, readFileSync } from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { join } from 'node:path'
import type Docker from 'dockerode'
import { dockerConfigDir, readContexts, type DockerContext } from './contexts'
import { sshOptions } from './ssh'

export interface Endpoint {
  /** Shown to the user: unix:///var/run/docker.sock, tcp://host:2376, ssh://me@box */
  label: string
  options: Docker.DockerOptions
  /** The Docker context this endpoint comes from. */
  context?: string
  /** Why it cannot even be tried (a context that does not exist); shown instead of a connect error. */
  problem?: string
}

/**
 * Where an engine may be, as the docker CLI decides: the DOCKER_CONTEXT context, else
 * DOCKER_HOST, else config.json's current context, each alone; else the usual sockets of
 * Docker, Docker Desktop, rootless Docker and Podman.
 */
export function candidateEndpoints(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): Endpoint[] {
  const selection = readContexts(env, home)
  if (selection.current !== 'default') {
    const context = selection.contexts.find((c) => c.name === selection.current)
    if (!context) {
      const where = selection.source === 'DOCKER_CONTEXT' ? 'DOCKER_CONTEXT names' : `${dockerConfigDir(env, home)}/config.json names`
      return [{ label: `context ${selection.current}`, options: {}, context: selection.current, problem: `${where} the Docker context "${selection.current}", which does not exist (docker context ls)` }]
    }
    return [fromContext(context, env, home)]
  }
  const host = env.DOCKER_HOST?.trim()
  if (host) return [fromDockerHost(host, env, undefined, home)]
  return defaultSockets(env, home)
}

/** Every endpoint the engine picker offers: DOCKER_HOST, each Docker context, the usual sockets. */
export function knownEndpoints(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): (Endpoint & { source: 'socket' | 'DOCKER_HOST' | 'context' })[] {
  const host = env.DOCKER_HOST?.trim()
  const all = [
    ...(host ? [{ ...fromDockerHost(host, env, undefined, home), source: 'DOCKER_HOST' as const }] : []),
    ...readContexts(env, home).contexts.map((c) => ({ ...fromContext(c, env, home), source: 'context' as const })),
    ...defaultSockets(env, home).map((s) => ({ ...s, source: 'socket' as const }))
  ]
  return all.filter((e, i) => all.findIndex((o) => o.label === e.label) === i)
}

/** Docker's, Docker Desktop's, rootless Docker's and Podman's (rootless, rootful, machine) sockets. */
function defaultSockets(env: NodeJS.ProcessEnv, home: string): Endpoint[] {
  if (process.platform === 'win32') {
    return [
      { label: 'npipe:////./pipe/docker_engine', options: { socketPath: '//./pipe/docker_engine' } },
      { label: 'npipe:////./pipe/podman-machine-default', options: { socketPath: '//./pipe/podman-machine-default' } }
    ]
  }
  const runtime = env.XDG_RUNTIME_DIR || (typeof process.getuid === 'function' ? `/run/user/${process.getuid()}` : '')
  const sockets = [
    '/var/run/docker.sock',
    join(home, '.docker/run/docker.sock'),
    join(home, '.docker/desktop/docker.sock'),
    runtime && join(runtime, 'docker.sock'),
    runtime && join(runtime, 'podman/podman.sock'),
    '/run/podman/podman.sock',
    join(home, '.local/share/containers/podman/machine/podman.sock')
  ].filter((s): s is string => Boolean(s))
  return [...new Set(sockets)].map((socketPath) => ({ label: `unix://${socketPath}`, options: { socketPath } }))
}

/** The engine's host when it is another machine (tcp/ssh to a non-loopback host), else undefined. */
export function remoteHostOf(endpoint: Endpoint): string | undefined {
  const o = endpoint.options as { socketPath?: string; host?: string; protocol?: string }
  if (o.socketPath || !o.host) return undefined
  return isLoopbackHost(o.host) ? undefined : o.host
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\./.test(h)
}

/** A context's docker endpoint, with its own TLS material (never DOCKER_CERT_PATH's). */
export function fromContext(context: DockerContext, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): Endpoint {
  const tls = context.tls
  // Only the context's own TLS material counts; env is for ssh's agent.
  const endpoint = fromDockerHost(context.host, { SSH_AUTH_SOCK: env.SSH_AUTH_SOCK }, tls ? { ...tls, skipVerify: context.skipTLSVerify } : undefined, home)
  return { ...endpoint, label: `${context.name} (${context.host})`, context: context.name }
}

type TlsMaterial = { ca?: Buffer; cert?: Buffer; key?: Buffer; skipVerify?: boolean }

export function fromDockerHost(host: string, env: NodeJS.ProcessEnv, contextTls?: TlsMaterial, home: string = homedir()): Endpoint {
  if (host.startsWith('unix://')) return { label: host, options: { socketPath: host.slice('unix://'.length) } }
  if (host.startsWith('npipe://')) return { label: host, options: { socketPath: host.slice('npipe://'.length) } }
  if (host.startsWith('ssh://')) {
    const u = new URL(host)
    const target = { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 22) }
    return {
      label: host,
      options: {
        protocol: 'ssh',
        ...target,
        // ssh's own default: the local user's name.
        username: decodeURIComponent(u.username) || userInfo().username,
        sshOptions: sshOptions(target, env, home)
      } as Docker.DockerOptions
    }
  }
  if (host.startsWith('tcp://') || host.startsWith('http://') || host.startsWith('https://')) {
    const u = new URL(host.replace(/^tcp:\/\//, 'http://'))
    const tls = contextTls !== undefined || env.DOCKER_TLS_VERIFY === '1' || host.startsWith('https://')
    const certDir = env.DOCKER_CERT_PATH || join(home, '.docker')
    const read = (f: string): Buffer | undefined => (existsSync(join(certDir, f)) ? readFileSync(join(certDir, f)) : undefined)
    const material = contextTls ?? { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') }
    return {
      label: host,
      options: tls
        ? ({
            protocol: 'https',
            host: u.hostname,
            port: Number(u.port || 2376),
            ca: material.ca,
            cert: material.cert,
            key: material.key,
            ...(contextTls?.skipVerify ? { rejectUnauthorized: false } : {})
          } as Docker.DockerOptions)
        : { protocol: 'http', host: u.hostname, port: Number(u.port || 2375) }
    }
  }
  return { label: host, options: { socketPath: host } }
}
