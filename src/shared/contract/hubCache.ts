// The Docker Hub cache: a second managed registry:2 next to the local registry, in proxy mode
// (REGISTRY_PROXY_REMOTEURL). Pulls through it fetch from the upstream (Docker Hub or a mirror
// the user names) once and are then served from its own volume. A proxy registry refuses pushes.
import { z } from 'zod'
import { isValidPort, PORT_RANGE_TEXT } from '../port'
import { checkedString } from './checkedString'

export const HUB_CACHE_DEFAULT_PORT = 5001
/** Docker Hub's registry API (what `docker pull nginx` talks to). */
export const DOCKER_HUB_UPSTREAM = 'https://registry-1.docker.io'

/** Why the cache refuses pushes, said the same way by the card, the push check and copies. */
export const HUB_CACHE_READ_ONLY = 'it is a pull-through cache (registry:2 in proxy mode), which refuses pushes'

/** Where the engine in use keeps its registry mirrors, and the exact lines that use the cache. */
export interface MirrorSetting {
  engine: 'docker' | 'podman'
  /** The file (or settings screen) to edit. */
  where: string
  /** The lines to merge in. */
  snippet: string
  /** How to make the engine read them again. */
  restart: string
}

export interface HubCacheStatus {
  /** Main's revision: of two statuses, the larger is the newer. */
  rev: number
  state: 'absent' | 'running' | 'stopped' | 'restarting'
  /** What Berth is doing to it right now (pulling the image, starting, removing…). */
  activity?: string
  containerName: string
  volumeName: string
  volumeExists: boolean
  port: number
  /** 127.0.0.1:PORT on the engine's host: the address pulls and the mirror setting use. */
  address: string
  /** The registry it fetches from, e.g. https://registry-1.docker.io. */
  upstream: string
  /** The upstream login's user, when it has one (the password never leaves main). */
  username?: string
  /** The line for the engine in use; absent while the engine cannot be asked. */
  mirrorSetting?: MirrorSetting
  /** The engine already lists the cache among its registry mirrors. */
  engineUsesIt: boolean
  /** The container's last log lines, oldest first. */
  logs: string[]
}

/**
 * An upstream as people type it: `mirror.example.com`, `https://mirror.example.com:5000` or
 * `http://10.0.0.5:5000` (no path). Loopback is refused: inside the cache's container
 * 127.0.0.1 is the container itself.
 */
export function upstreamError(value: string): string | null {
  const v = value.trim()
  if (!v) return null
  const url = parseUpstream(v)
  if (!url) return 'An upstream is a registry address such as mirror.example.com or https://mirror.example.com:5000'
  if (url.pathname !== '/' || url.search || url.hash || url.username) return 'Give the registry’s address only, without a path'
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1' || /^127\./.test(host) || host === '0.0.0.0') {
    return 'The cache runs in a container, where 127.0.0.1 is the container itself: give an address other machines use'
  }
  return null
}

/** https://host[:port] for what was typed; Docker Hub when nothing was. */
export function normalizeUpstream(value: string | undefined): string {
  const v = value?.trim()
  if (!v) return DOCKER_HUB_UPSTREAM
  const url = parseUpstream(v)
  if (!url) return v
  if (/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/i.test(url.hostname)) return DOCKER_HUB_UPSTREAM
  return `${url.protocol}//${url.host}`
}

function parseUpstream(v: string): URL | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`
  try {
    const url = new URL(withScheme)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined
  } catch {
    return undefined
  }
}

const port = z.number().refine(isValidPort, `The port must be a whole number ${PORT_RANGE_TEXT}`)

export const hubCacheCalls = {
  'hubCache.status': z.void(),
  /**
   * Starts the cache: creates it (pulling registry:2 when needed) or starts the stopped one. A
   * changed port, upstream or login re-creates the container; the cached images stay in the volume.
   * `login`: undefined keeps the saved one, null means anonymous.
   */
  'hubCache.start': z
    .object({
      port: port.optional(),
      upstream: checkedString(upstreamError).optional(),
      login: z
        .object({
          username: z.string().trim().min(1, 'A user name is required').max(256).regex(/^[^:\s]+$/, 'The user name cannot contain ":" or spaces'),
          password: z.string().max(4096).optional()
        })
        .nullable()
        .optional()
    })
    .optional(),
  'hubCache.stop': z.void(),
  /** Removes the container; `withData` also removes the volume (every cached image). */
  'hubCache.remove': z.object({ withData: z.boolean() })
}

export const hubCacheReadOnly = ['hubCache.status'] as const satisfies readonly (keyof typeof hubCacheCalls)[]

export interface HubCacheResults {
  'hubCache.status': HubCacheStatus
  'hubCache.start': HubCacheStatus
  'hubCache.stop': HubCacheStatus
  'hubCache.remove': HubCacheStatus
}

export interface HubCacheEvents {
  'hubCache.status': HubCacheStatus
}
