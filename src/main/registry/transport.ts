// Sends one registry request the way every call needs it: auth header for the scope, a single
// retry after a 401, redirects followed by hand (Authorization only ever goes to the registry's
// own origin), network failures and error bodies turned into BerthErrors.
import type { Agent } from 'undici'
import { BerthError } from '@shared/contract/errors'
import { normalizeAddress } from '@shared/registryAddress'
import { Authenticator, type RegistryEndpoint } from './auth'
import { parseWwwAuthenticate } from './challenge'
import { decodeRegistryError, networkError, registryErrors, type ErrorContext } from './errors'
import { fetchSend, undiciSend, type FetchLike, type HttpRequest, type HttpSend, type RawResponse } from './http'
import { createAgent } from './tls'
import { m } from '@shared/i18n/message'

export interface TransportOptions extends RegistryEndpoint {
  caFile?: string
  insecureSkipVerify?: boolean
  fetchImpl?: FetchLike
  /** Per-request header/body timeout (default 30 s). */
  timeoutMs?: number
  /** Parallel connections to the registry (default 32); more requests queue on them. */
  connections?: number
  /** Clock for token expiry (tests). */
  now?: () => number
}

export interface RegistryRequest {
  method?: 'GET' | 'HEAD' | 'DELETE' | 'PUT' | 'POST'
  /** A path under the registry ('/v2/…') or an absolute URL of the same registry (Link headers). */
  url: string | URL
  headers?: Record<string, string>
  /** Request body (manifest or blob uploads). */
  body?: string | Uint8Array
  /** Token scope, e.g. `repository:team/app:pull`. */
  scope?: string
  ctx: ErrorContext
}

const redirectStatuses = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

export class Transport {
  readonly address: string
  readonly origin: URL
  readonly auth: Authenticator
  private readonly http: HttpSend
  private agentPromise?: Promise<Agent>
  private discovery?: Promise<void>

  constructor(private readonly opts: TransportOptions) {
    this.address = normalizeAddress(opts.address)
    this.origin = new URL(`${opts.scheme}://${this.address}`)
    const agent = (): Promise<Agent> => this.agent()
    this.http = opts.fetchImpl ? fetchSend(opts.fetchImpl, agent) : undiciSend(agent)
    this.auth = new Authenticator({ address: this.address, scheme: opts.scheme, credentials: opts.credentials, send: (r) => this.send(r), now: opts.now })
  }

  agent(): Promise<Agent> {
    this.agentPromise ??= createAgent(this.opts).catch((e: unknown) => {
      this.agentPromise = undefined
      throw e
    })
    return this.agentPromise
  }

  async close(): Promise<void> {
    const p = this.agentPromise
    this.agentPromise = undefined
    if (p) await (await p.catch(() => undefined))?.close()
  }

  isRegistryOrigin(url: URL): boolean {
    return url.origin === this.origin.origin
  }

  /** One HTTP exchange, network failures mapped to BerthErrors; no auth, no redirects. */
  async send(req: HttpRequest): Promise<RawResponse> {
    try {
      return await this.http(req)
    } catch (e) {
      throw networkError(e, { host: req.url.host, address: this.address, isRegistry: this.isRegistryOrigin(req.url), scheme: this.opts.scheme })
    }
  }

  /** Follows redirects; Authorization is attached only on the registry's own origin. */
  async sendFollowing(method: string, start: URL, headers: Record<string, string>, authorization: string | undefined, body?: string | Uint8Array): Promise<RawResponse> {
    let url = start
    for (let hop = 0; ; hop++) {
      const h = { ...headers }
      if (authorization && this.isRegistryOrigin(url)) h.authorization = authorization
      const res = await this.send({ url, method, headers: h, ...(body !== undefined ? { body } : {}) })
      const location = res.headers.location
      if (!redirectStatuses.has(res.status) || !location) return res
      if (hop >= MAX_REDIRECTS) {
        throw new BerthError('REGISTRY_ERROR', m('errors.reg.tooManyRedirects', { address: this.address, max: MAX_REDIRECTS }), m('hints.reg.misconfigured'))
      }
      let next: URL
      try {
        next = new URL(location, url)
      } catch {
        throw new BerthError('REGISTRY_ERROR', m('errors.reg.badRedirect', { address: this.address }), m('hints.reg.redirectMisconfigured'))
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new BerthError('REGISTRY_ERROR', m('errors.reg.nonHttpRedirect', { address: this.address }), m('hints.reg.redirectMisconfigured'))
      }
      if (res.status === 303) {
        method = method === 'HEAD' ? 'HEAD' : 'GET'
        body = undefined
      }
      url = next
    }
  }

  /** Learns the auth challenge once per client, so parallel requests authenticate up front. */
  discover(): Promise<void> {
    this.discovery ??= (async () => {
      const res = await this.send({ url: new URL('/v2/', this.origin), method: 'GET', headers: {} })
      if (res.status === 401) this.auth.learn(parseWwwAuthenticate(res.headers['www-authenticate']))
    })().catch((e: unknown) => {
      this.discovery = undefined
      throw e
    })
    return this.discovery
  }

  resolve(url: string | URL): URL {
    const u = new URL(url, this.origin)
    if (!this.isRegistryOrigin(u)) throw new BerthError('REGISTRY_ERROR', m('errors.reg.otherServer', { address: this.address, host: u.host }), m('hints.reg.linksElsewhere'))
    return u
  }

  /** A 2xx answer, or a BerthError describing the failure. */
  async request(req: RegistryRequest): Promise<RawResponse> {
    await this.discover()
    const method = req.method ?? 'GET'
    const url = this.resolve(req.url)
    const headers = req.headers ?? {}
    let sent = await this.auth.authorization(req.scope)
    let res = await this.sendFollowing(method, url, headers, sent, req.body)
    if (res.status === 401 && this.isRegistryOrigin(res.url)) {
      const retry = await this.auth.retryAuthorization(parseWwwAuthenticate(res.headers['www-authenticate']), req.scope, sent)
      if (retry) {
        sent = retry
        res = await this.sendFollowing(method, url, headers, sent, req.body)
      }
    }
    if (res.status >= 200 && res.status < 300) return res
    if (res.status === 401 && this.isRegistryOrigin(res.url)) throw await this.unauthorized(res, req.ctx, sent)
    throw decodeRegistryError(res, req.ctx)
  }

  private async unauthorized(res: RawResponse, ctx: ErrorContext, sent: string | undefined): Promise<BerthError> {
    const registryCode = registryErrors(res.body)?.[0]?.code
    const details = { status: 401, registryCode, authScheme: this.auth.scheme, tokenGranted: sent?.startsWith('Bearer ') ?? false }
    if (await this.auth.hasCredentials()) {
      return new BerthError('AUTH_DENIED', m('errors.auth.savedRefused', { address: this.address, what: ctx.what }), m('hints.auth.checkSavedAccess'), details)
    }
    return new BerthError('AUTH_REQUIRED', m('errors.auth.requiredFor', { address: this.address, what: ctx.what }), m('hints.auth.addOrLogin', { address: this.address }), details)
  }
}

export const repositoryScope = (repository: string, actions = 'pull'): string => `repository:${repository}:${actions}`
export const CATALOG_SCOPE = 'registry:catalog:*'
