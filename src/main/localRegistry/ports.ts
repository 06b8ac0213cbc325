// Is the host port free? Asked before anything is created, so a busy port never leaves a
// half-made container behind. Two sources: this engine's running containers (so the message
// can name the container) and a test bind on this machine (any other program).
import { createServer } from 'node:net'
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import type { PortInUseDetails } from '@shared/contract/localRegistry'
import { bindAddress } from './spec'
import { m } from '@shared/i18n/message'

export interface PortHolder {
  container?: { id: string; name: string }
}

/** Running containers of this engine that publish `port` on the host (except `exceptId`). */
export async function containerPublishing(docker: Docker, port: number, exceptId?: string): Promise<{ id: string; name: string } | undefined> {
  const running = await docker.listContainers({ all: false })
  const holder = running.find((c) => c.Id !== exceptId && (c.Ports ?? []).some((p) => p.PublicPort === port))
  return holder ? { id: holder.Id, name: (holder.Names[0] ?? holder.Id.slice(0, 12)).replace(/^\//, '') } : undefined
}

/**
 * True when nothing on this machine listens on host:port. Only EADDRINUSE counts as busy:
 * EACCES (a port below 1024 for a normal user) is the engine's business, not ours.
 */
export function canBind(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.unref()
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code !== 'EADDRINUSE'))
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/**
 * Who holds the port, or undefined when it is free for binding on `host`. `host` undefined: the
 * engine runs on another machine, where only its containers can be asked about.
 */
export async function portHolder(docker: Docker, port: number, host: string | undefined, exceptId?: string): Promise<PortHolder | undefined> {
  const container = await containerPublishing(docker, port, exceptId)
  if (container) return { container }
  return host === undefined || (await canBind(port, host)) ? undefined : {}
}

/** The next port after `from` that neither a container nor a program holds. */
export async function nextFreePort(docker: Docker, from: number, host: string | undefined, exceptId?: string): Promise<number | undefined> {
  const running = await docker.listContainers({ all: false })
  const published = new Set(running.filter((c) => c.Id !== exceptId).flatMap((c) => (c.Ports ?? []).map((p) => p.PublicPort)))
  for (let port = from + 1; port <= Math.min(65535, from + 200); port++) {
    if (!published.has(port) && (host === undefined || (await canBind(port, host)))) return port
  }
  return undefined
}

/** Throws PORT_IN_USE (naming the holder and a free port nearby) unless the registry can bind `port`. */
export async function assertPortFree(docker: Docker, port: number, shared: boolean, exceptId?: string, remoteEngine = false): Promise<void> {
  const host = remoteEngine ? undefined : bindAddress(shared)
  const holder = await portHolder(docker, port, host, exceptId)
  if (!holder) return
  throw portInUseError(port, holder, await nextFreePort(docker, port, host, exceptId))
}

export function portInUseError(port: number, holder: PortHolder, suggestedPort: number | undefined): BerthError {
  const by = holder.container ? m('errors.local.byContainer', { name: holder.container.name }) : m('errors.local.byProgram')
  const stop = holder.container ? m('hints.local.stopContainer') : m('hints.local.stopProgram')
  const details: PortInUseDetails = { port, ...(holder.container ? { container: holder.container } : {}), ...(suggestedPort ? { suggestedPort } : {}) }
  return new BerthError(
    'PORT_IN_USE',
    m('errors.local.portInUse', { port, by }),
    suggestedPort ? m('hints.local.useFreePort', { port: suggestedPort, stop }) : m('hints.local.choosePort', { stop }),
    details as unknown as Record<string, unknown>
  )
}

/** The engine's own words when a port binding fails at start (a race with another program). */
export function isPortBindFailure(message: string): boolean {
  return /port is already allocated|address already in use|bind: /i.test(message)
}
