// Auth against fake registries on 127.0.0.1: Basic, Bearer token flow, token cache and
// expiry, insufficient_scope retry, identity tokens, and redirects that must not carry
// Authorization to another host.
import type http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { Authenticator, TokenCache } from '../../src/main/registry/auth'
import { createRegistryClient, type RegistryClient } from '../../src/main/registry'
import { sendJson, startFakeServer, type FakeServer } from '../support/registries'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function server(handler: (req: http.IncomingMessage, res: http.ServerResponse, self: FakeServer) => void): Promise<FakeServer> {
  const box: { self?: FakeServer } = {}
  const self = await startFakeServer((req, res) => handler(req, res, box.self!))
  box.self = self
  cleanups.push(() => self.close())
  return self
}

function client(opts: Parameters<typeof createRegistryClient>[0]): RegistryClient {
  const c = createRegistryClient(opts)
  cleanups.push(() => c.close())
  return c
}

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let s = ''
    req.on('data', (c: Buffer) => (s += c.toString()))
    req.on('end', () => resolve(s))
  })

describe('TokenCache', () => {
  it('keeps a token until shortly before it expires', () => {
    let now = 1_000_000
    const cache = new TokenCache(() => now)
    cache.set('k', 't', 60)
    now += 50_000
    expect(cache.get('k')).toBe('t')
    now += 10_000
    expect(cache.get('k')).toBeUndefined()
    cache.set('k', 't2', 3600)
    now += 3_000_000
    expect(cache.get('k')).toBe('t2')
    cache.delete('k')
    expect(cache.get('k')).toBeUndefined()
  })
})

describe('Authenticator', () => {
  it('never sends the password of an HTTPS registry to a plain-HTTP token realm', async () => {
    let sent = 0
    const auth = new Authenticator({
      address: 'reg.example.com',
      scheme: 'https',
      credentials: async () => ({ username: 'u', password: 'secret-pw' }),
      send: async () => {
        sent++
        throw new Error('must not be called')
      }
    })
    auth.learn([{ scheme: 'bearer', params: { realm: 'http://auth.example.com/token', service: 's' } }])
    const err = await auth.authorization('repository:a:pull').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'REGISTRY_ERROR', message: expect.stringMatching(/plain HTTP/) })
    expect(JSON.stringify(err)).not.toContain('secret-pw')
    expect(sent).toBe(0)
  })

  it('turns a failing credentials callback into a BerthError without its message', async () => {
    const auth = new Authenticator({
      address: 'reg',
      scheme: 'http',
      credentials: async () => {
        throw new Error('helper said: password=oops')
      },
      send: async () => {
        throw new Error('unused')
      }
    })
    const err = await auth.credentials().catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'AUTH_REQUIRED', hint: expect.stringMatching(/credential helper/) })
    expect(JSON.stringify(err) + String(err)).not.toContain('oops')
  })
})

/** A Bearer registry: tokens are `tok-<n>`, their scopes remembered; `accepts` decides per request. */
async function bearerRegistry(opts: {
  accepts?: (req: http.IncomingMessage, token: { n: number; scopes: string[] } | undefined) => true | { error?: string; scope?: string }
  tokenAnswer?: (n: number, req: http.IncomingMessage) => { status: number; body: unknown }
  users?: Record<string, string>
} = {}) {
  const tokens = new Map<string, { n: number; scopes: string[] }>()
  const tokenRequests: { scopes: string[]; authorization?: string; method: string; body: string }[] = []
  const srv = await server(async (req, res, self) => {
    const url = new URL(req.url!, 'http://x')
    const challenge = (extra = ''): string => `Bearer realm="http://${self.address}/token",service="fake"${extra}`
    if (url.pathname === '/token') {
      const body = await readBody(req)
      const scopes = req.method === 'POST' ? new URLSearchParams(body).getAll('scope') : url.searchParams.getAll('scope')
      tokenRequests.push({ scopes, authorization: req.headers.authorization, method: req.method!, body })
      if (opts.users) {
        const [u, p] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':')
        if (opts.users[u] !== p) return sendJson(res, 401, { details: 'bad credentials' })
      }
      const n = tokenRequests.length
      const answer = opts.tokenAnswer?.(n, req) ?? { status: 200, body: { token: `tok-${n}`, expires_in: 300 } }
      tokens.set(`tok-${n}`, { n, scopes })
      return sendJson(res, answer.status, answer.body)
    }
    const token = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''))
    if (!token) return sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': challenge() })
    const ok = opts.accepts ? opts.accepts(req, token) : true
    if (ok !== true) {
      const extra = `${ok.scope ? `,scope="${ok.scope}"` : ''}${ok.error ? `,error="${ok.error}"` : ''}`
      return sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'insufficient scope' }] }, { 'www-authenticate': challenge(extra) })
    }
    if (url.pathname === '/v2/') return sendJson(res, 200, {})
    const m = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname)
    if (m) return sendJson(res, 200, { name: m[1], tags: ['b', 'a'] })
    if (req.method === 'DELETE') return sendJson(res, 202, {})
    sendJson(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] })
  })
  return { srv, tokenRequests }
}

describe('Bearer auth', () => {
  it('fetches one token per scope, caches it, and refetches after expiry', async () => {
    const { srv, tokenRequests } = await bearerRegistry({ tokenAnswer: (n) => ({ status: 200, body: { access_token: `tok-${n}` } }) })
    let now = 5_000_000
    const c = client({ address: srv.address, scheme: 'http', now: () => now })
    expect(await c.tags('app')).toEqual(['a', 'b'])
    expect(await c.tags('app')).toEqual(['a', 'b'])
    await c.tags('other')
    expect(tokenRequests.map((r) => r.scopes)).toEqual([['repository:app:pull'], ['repository:other:pull']])
    // access_token without expires_in: 60 s by default.
    now += 50_000
    await c.tags('app')
    expect(tokenRequests).toHaveLength(2)
    now += 15_000
    await c.tags('app')
    expect(tokenRequests).toHaveLength(3)
    // Discovery happened once: the API root was asked without auth a single time.
    expect(srv.requests.filter((r) => r.url === '/v2/' && !r.headers.authorization)).toHaveLength(1)
  })

  it('shares one token request between parallel calls of the same scope', async () => {
    const { srv, tokenRequests } = await bearerRegistry()
    const c = client({ address: srv.address, scheme: 'http' })
    await Promise.all(Array.from({ length: 20 }, () => c.tags('app')))
    expect(tokenRequests).toHaveLength(1)
  })

  it('retries once with a fresh token on insufficient_scope', async () => {
    let refusals = 0
    const { srv, tokenRequests } = await bearerRegistry({
      accepts: (_req, token) => (token!.n === 1 ? (refusals++, { error: 'insufficient_scope', scope: 'repository:app:pull' }) : true)
    })
    const c = client({ address: srv.address, scheme: 'http' })
    expect(await c.tags('app')).toEqual(['a', 'b'])
    expect(refusals).toBe(1)
    expect(tokenRequests.map((r) => r.scopes)).toEqual([['repository:app:pull'], ['repository:app:pull']])
  })

  it('asks for the scope the registry names', async () => {
    const { srv, tokenRequests } = await bearerRegistry({
      accepts: (_req, token) => (token!.scopes.includes('repository:app:pull,push') ? true : { error: 'insufficient_scope', scope: 'repository:app:pull,push' })
    })
    const c = client({ address: srv.address, scheme: 'http' })
    expect(await c.tags('app')).toEqual(['a', 'b'])
    expect(tokenRequests.map((r) => r.scopes[0])).toEqual(['repository:app:pull', 'repository:app:pull,push'])
  })

  it('gives up after one retry: AUTH_REQUIRED without credentials, AUTH_DENIED with them', async () => {
    const { srv, tokenRequests } = await bearerRegistry({ accepts: () => ({ error: 'insufficient_scope', scope: 'repository:app:pull' }) })
    const anon = client({ address: srv.address, scheme: 'http' })
    await expect(anon.tags('app')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    expect(tokenRequests).toHaveLength(2)
    const signedIn = client({ address: srv.address, scheme: 'http', credentials: async () => ({ username: 'u', password: 'hunter2-secret' }) })
    const err = await signedIn.tags('app').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'AUTH_DENIED' })
    expect(JSON.stringify(err)).not.toContain('hunter2')
  })

  it('sends Basic credentials to the token service and maps its refusal to AUTH_DENIED', async () => {
    const { srv, tokenRequests } = await bearerRegistry({ users: { alice: 's3cret' } })
    const ok = client({ address: srv.address, scheme: 'http', credentials: async () => ({ username: 'alice', password: 's3cret' }) })
    expect(await ok.tags('app')).toEqual(['a', 'b'])
    expect(tokenRequests[0].authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`)

    const bad = client({ address: srv.address, scheme: 'http', credentials: async () => ({ username: 'alice', password: 'wrong-pass' }) })
    const err = await bad.tags('app').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'AUTH_DENIED' })
    expect(`${(err as Error).message} ${JSON.stringify(err)}`).not.toContain('wrong-pass')
    expect(await bad.ping()).toMatchObject({ state: 'auth-required', authScheme: 'bearer', errorCode: 'AUTH_DENIED' })
  })

  it('uses an identity token as an OAuth2 refresh token', async () => {
    const { srv, tokenRequests } = await bearerRegistry()
    const c = client({ address: srv.address, scheme: 'http', credentials: async () => ({ identitytoken: 'refresh-me' }) })
    expect(await c.tags('app')).toEqual(['a', 'b'])
    expect(tokenRequests[0].method).toBe('POST')
    const form = new URLSearchParams(tokenRequests[0].body)
    expect(form.get('grant_type')).toBe('refresh_token')
    expect(form.get('refresh_token')).toBe('refresh-me')
    expect(form.get('service')).toBe('fake')
    expect(form.get('scope')).toBe('repository:app:pull')
  })

  it('pings: auth-required without credentials, reachable with them', async () => {
    const { srv } = await bearerRegistry()
    expect(await client({ address: srv.address, scheme: 'http' }).ping()).toMatchObject({ state: 'auth-required', authScheme: 'bearer', errorCode: 'AUTH_REQUIRED' })
    const c = client({ address: srv.address, scheme: 'http', credentials: async () => ({ username: 'u', password: 'p' }) })
    expect(await c.ping()).toMatchObject({ state: 'reachable', authScheme: 'bearer', apiVersionHeader: 'registry/2.0' })
  })
})

describe('Basic auth', () => {
  async function basicRegistry() {
    return server((req, res) => {
      if (req.headers.authorization !== `Basic ${Buffer.from('bob:pw').toString('base64')}`) {
        return sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': 'Basic realm="Registry Realm"' })
      }
      if (req.url === '/v2/') return sendJson(res, 200, {})
      sendJson(res, 200, { name: 'app', tags: ['1.10', '1.9'] })
    })
  }

  it('fetches credentials lazily, once, and sends them up front', async () => {
    const srv = await basicRegistry()
    let calls = 0
    const c = client({ address: srv.address, scheme: 'http', credentials: async () => (calls++, { username: 'bob', password: 'pw' }) })
    expect(calls).toBe(0)
    await Promise.all([c.tags('app'), c.tags('app'), c.tags('app')])
    expect(await c.tags('app')).toEqual(['1.9', '1.10'])
    expect(calls).toBe(1)
    // After discovery every request carried the header: no 401 round trips per call.
    expect(srv.requests.filter((r) => r.url.includes('tags') && !r.headers.authorization)).toHaveLength(0)
    expect(await c.ping()).toMatchObject({ state: 'reachable', authScheme: 'basic' })
  })

  it('AUTH_REQUIRED without credentials, AUTH_DENIED with wrong ones', async () => {
    const srv = await basicRegistry()
    await expect(client({ address: srv.address, scheme: 'http' }).tags('app')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    await expect(client({ address: srv.address, scheme: 'http', credentials: async () => ({ username: 'bob', password: 'nope' }) }).tags('app')).rejects.toMatchObject({ code: 'AUTH_DENIED' })
    expect(await client({ address: srv.address, scheme: 'http' }).ping()).toMatchObject({ state: 'auth-required', authScheme: 'basic', errorCode: 'AUTH_REQUIRED' })
  })
})

describe('redirects', () => {
  it('follows a blob redirect to another host without Authorization', async () => {
    const storage = await server((_req, res) => sendJson(res, 200, { architecture: 'amd64', os: 'linux' }))
    const digest = `sha256:${'c'.repeat(64)}`
    const reg = await server((req, res, self) => {
      if (req.headers.authorization !== `Basic ${Buffer.from('bob:pw').toString('base64')}`) {
        return sendJson(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'auth' }] }, { 'www-authenticate': 'Basic realm="r"' })
      }
      if (req.url === `/v2/app/blobs/${digest}`) {
        // First hop stays on the registry (it must keep auth), second goes to storage.
        res.writeHead(307, { location: `/v2/app/blobs/${digest}?hop=2` })
        return res.end()
      }
      if (req.url === `/v2/app/blobs/${digest}?hop=2`) {
        res.writeHead(302, { location: `http://${storage.address}/bucket/blob?sig=abc` })
        return res.end()
      }
      void self
      sendJson(res, 200, {})
    })
    const c = client({ address: reg.address, scheme: 'http', credentials: async () => ({ username: 'bob', password: 'pw' }) })
    expect(await c.getBlobJson('app', digest)).toEqual({ architecture: 'amd64', os: 'linux' })
    expect(reg.requests.find((r) => r.url.endsWith('hop=2'))?.headers.authorization).toMatch(/^Basic /)
    expect(storage.requests).toHaveLength(1)
    expect(storage.requests[0].url).toBe('/bucket/blob?sig=abc')
    expect(storage.requests[0].headers.authorization).toBeUndefined()
  })

  it('stops redirect loops', async () => {
    const reg = await server((req, res) => {
      if (req.url === '/v2/') return sendJson(res, 200, {})
      res.writeHead(302, { location: req.url })
      res.end()
    })
    await expect(client({ address: reg.address, scheme: 'http' }).getBlobJson('app', `sha256:${'d'.repeat(64)}`)).rejects.toMatchObject({ code: 'REGISTRY_ERROR' })
  })
})
