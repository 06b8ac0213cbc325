// Anonymous, Basic and Bearer (token) auth, the way docker does it: learn the challenge, then
// fetch a token per scope from the realm, cache it until it expires, and retry once with a
// fresh one when the registry says the grant was too small. Credentials are fetched lazily and
// only ever put into Authorization headers — never into messages or details.
import { BerthError, isBerthError } from '@shared/contract/errors'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import { pickChallenge, type Challenge } from './challenge'
import { decodeRegistryError, tryJson } from './errors'
import type { HttpSend } from './http'
import { m } from '@shared/i18n/message'
import type { RegistryScheme } from '@shared/contract/registryTypes'

/** Tokens by `realm|service|scope`, valid until shortly before they expire. */
export class TokenCache {
  private readonly entries = new Map<string, { token: string; expiresAt: number }>()
  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): string | undefined {
    const e = this.entries.get(key)
    if (!e) return undefined
    if (this.now() >= e.expiresAt) {
      this.entries.delete(key)
      return undefined
    }
    return e.token
  }

  /** `expiresInSec` per the token spec; a small margin keeps a token from dying mid-request. */
  set(key: string, token: string, expiresInSec: number): void {
    const ms = expiresInSec * 1000
    this.entries.set(key, { token, expiresAt: this.now() + ms - Math.min(30_000, ms / 10) })
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }
}

export const DEFAULT_TOKEN_SECONDS = 60

/** A registry as a client reaches it: host[:port], scheme, and where its credentials come from. */
export interface RegistryEndpoint {
  /** host[:port] */
  address: string
  scheme: RegistryScheme
  credentials?: () => Promise<RegistryCredentials | undefined>
}

export interface AuthenticatorOptions extends RegistryEndpoint {
  /** Sends without auth handling; network errors already mapped. */
  send: HttpSend
  now?: () => number
}

export class Authenticator {
  private challenge?: Challenge
  private creds?: Promise<RegistryCredentials | undefined>
  private readonly inflight = new Map<string, Promise<string>>()
  readonly tokens: TokenCache

  constructor(private readonly opts: AuthenticatorOptions) {
    this.tokens = new TokenCache(opts.now)
  }

  get scheme(): 'basic' | 'bearer' | undefined {
    return this.challenge?.scheme === 'bearer' ? 'bearer' : this.challenge?.scheme === 'basic' ? 'basic' : undefined
  }

  /** Remembers the registry's challenge; false when there is none Berth can answer. */
  learn(challenges: Challenge[]): boolean {
    const c = pickChallenge(challenges)
    if (c) this.challenge = c
    return c !== undefined
  }

  /** Forget credentials and tokens (e.g. after the user signed in again). */
  reset(): void {
    this.creds = undefined
    this.tokens.clear()
  }

  async credentials(): Promise<RegistryCredentials | undefined> {
    if (!this.opts.credentials) return undefined
    this.creds ??= this.opts.credentials().catch((e: unknown) => {
      this.creds = undefined
      if (isBerthError(e)) throw e
      // Only the error's kind: a helper's message might echo what it was given.
      throw new BerthError('AUTH_REQUIRED', m('errors.auth.unreadable', { address: this.opts.address }), m('hints.auth.checkHelper'), { cause: e instanceof Error ? e.name : typeof e })
    })
    return this.creds
  }

  async hasCredentials(): Promise<boolean> {
    return (await this.credentials()) !== undefined
  }

  /** The Authorization header for a request needing `scope`, or undefined (anonymous). */
  async authorization(scope: string | undefined, fresh = false, challenge = this.challenge): Promise<string | undefined> {
    if (!challenge) return undefined
    if (challenge.scheme === 'basic') {
      const c = await this.credentials()
      return c && 'username' in c ? basicHeader(c.username, c.password) : undefined
    }
    return `Bearer ${await this.token(challenge, scope, fresh)}`
  }

  /**
   * After a 401: the Authorization to retry with once, or undefined when a retry cannot help
   * (no usable challenge, Basic already sent, or no credentials for Basic).
   */
  async retryAuthorization(challenges: Challenge[], scope: string | undefined, sent: string | undefined): Promise<string | undefined> {
    if (!this.learn(challenges)) return undefined
    const c = this.challenge!
    if (c.scheme === 'basic') {
      if (sent?.startsWith('Basic ')) return undefined
      return this.authorization(scope)
    }
    // The registry names the scope it wants (e.g. insufficient_scope for a delete): ask for
    // exactly that, fresh if it is the scope whose token was just refused.
    const wanted = c.params.scope || scope
    const sameScope = sent?.startsWith('Bearer ') && (wanted === scope || !c.params.scope)
    return this.authorization(wanted, sameScope || c.params.error === 'insufficient_scope', c)
  }

  private async token(c: Challenge, scope: string | undefined, fresh: boolean): Promise<string> {
    const key = `${c.params.realm}|${c.params.service ?? ''}|${scope ?? ''}`
    if (fresh) this.tokens.delete(key)
    else {
      const cached = this.tokens.get(key)
      if (cached) return cached
    }
    let p = this.inflight.get(key)
    if (!p) {
      p = this.fetchToken(c, scope)
        .then(({ token, expiresIn }) => {
          this.tokens.set(key, token, expiresIn)
          return token
        })
        .finally(() => this.inflight.delete(key))
      this.inflight.set(key, p)
    }
    return p
  }

  private async fetchToken(c: Challenge, scope: string | undefined): Promise<{ token: string; expiresIn: number }> {
    const { address } = this.opts
    let realm: URL
    try {
      realm = new URL(c.params.realm)
      if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new Error('scheme')
    } catch {
      throw new BerthError('REGISTRY_ERROR', m('errors.auth.badRealm', { address }), m('hints.auth.fixRealm'))
    }
    const creds = await this.credentials()
    // An HTTPS registry must not lure the password onto plain HTTP elsewhere (loopback aside).
    if (creds && this.opts.scheme === 'https' && realm.protocol === 'http:' && !isLoopback(realm.hostname)) {
      throw new BerthError('REGISTRY_ERROR', m('errors.auth.plainRealm', { address, host: realm.host }), m('hints.auth.realmHttps'), { realmHost: realm.host })
    }
    const headers: Record<string, string> = { accept: 'application/json' }
    let method = 'GET'
    let body: string | undefined
    if (creds && 'identitytoken' in creds) {
      // OAuth2 refresh-token grant, as docker does with an identity token.
      method = 'POST'
      headers['content-type'] = 'application/x-www-form-urlencoded'
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identitytoken, client_id: 'berth' })
      if (c.params.service) form.set('service', c.params.service)
      if (scope) form.set('scope', scope)
      body = form.toString()
    } else {
      if (c.params.service) realm.searchParams.set('service', c.params.service)
      for (const s of (scope ?? '').split(' ').filter(Boolean)) realm.searchParams.append('scope', s)
      if (creds) headers.authorization = basicHeader(creds.username, creds.password)
    }

    const res = await this.opts.send({ url: realm, method, headers, body })
    if (res.status === 401 || res.status === 403) {
      throw creds
        ? new BerthError('AUTH_DENIED', m('errors.auth.tokenRejected', { address }), m('hints.auth.checkSaved'), { status: res.status })
        : new BerthError('AUTH_REQUIRED', m('errors.auth.required', { address }), m('hints.auth.add'), { status: res.status })
    }
    if (res.status < 200 || res.status >= 300) {
      throw decodeRegistryError(res, { address: `${realm.host} (token service of ${address})`, what: m('what.reg.token') })
    }
    const json = tryJson(res.body) as { token?: unknown; access_token?: unknown; expires_in?: unknown } | undefined
    const token = typeof json?.token === 'string' && json.token ? json.token : typeof json?.access_token === 'string' ? json.access_token : ''
    if (!token) {
      throw new BerthError('REGISTRY_ERROR', m('errors.auth.noToken', { address, host: realm.host }), m('hints.auth.checkRealm'), { status: res.status })
    }
    const e = Number(json?.expires_in)
    return { token, expiresIn: Number.isFinite(e) && e > 0 ? e : DEFAULT_TOKEN_SECONDS }
  }
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)

export function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}
