// The Docker Hub cache: a second managed registry:2 next to the local registry, in proxy mode
// (REGISTRY_PROXY_REMOTEURL). Pulls through it fetch from the upstream (Docker Hub or a mirror
// the user names) once and are then served from its own volume. A proxy registry refuses pushes.
import { z } from 'zod'
import { m, type Msg } from '../i18n/message'
import { parseUrl } from '../url'
import { checkedString } from './checkedString'
import { basicAuthUser, hostPort } from './fields'
import type { EngineSettingStep } from './explained'

export const HUB_CACHE_DEFAULT_PORT = 5001
/** Docker Hub's registry API (what `docker pull nginx` talks to). */
export const DOCKER_HUB_UPSTREAM = 'https://registry-1.docker.io'

/** Where the engine in use keeps its registry mirrors, and the exact lines that use the cache. */
export interface MirrorSetting extends EngineSettingStep {
  engine: 'docker' | 'podman'
}

export interface HubCacheStatus {
  /** Main's revision: of two statuses, the larger is the newer. */
  rev: number
  state: 'absent' | 'running' | 'stopped' | 'restarting'
  /** What Berth is doing to it right now (pulling the image, starting, removing…). */
  activity?: string
  /** The same line as a catalog message, for the user's language. */
  activityMsg?: Msg
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
export function upstreamError(value: string): Msg | null {
  const v = value.trim()
  if (!v) return null
  const url = parseUpstream(v)
  if (!url) return m('errors.input.hubCache.upstreamShape')
  if (url.pathname !== '/' || url.search || url.hash || url.username) return m('errors.input.hubCache.upstreamPath')
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1' || /^127\./.test(host) || host === '0.0.0.0') {
    return m('errors.input.hubCache.upstreamLoopback')
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
  const url = parseUrl(withScheme)
  return url?.protocol === 'https:' || url?.protocol === 'http:' ? url : undefined
}


export const hubCacheCalls = {
  'hubCache.status': z.void(),
  /**
   * Starts the cache: creates it (pulling registry:2 when needed) or starts the stopped one. A
   * changed port, upstream or login re-creates the container; the cached images stay in the volume.
   * `login`: undefined keeps the saved one, null means anonymous.
   */
  'hubCache.start': z
    .object({
      port: hostPort.optional(),
      upstream: checkedString(upstreamError).optional(),
      login: z
        .object({
          username: basicAuthUser,
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

/** What `hubCache.start` takes, for main's service and the renderer's store alike. */
export type HubCacheStartInput = NonNullable<z.input<(typeof hubCacheCalls)['hubCache.start']>>

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
