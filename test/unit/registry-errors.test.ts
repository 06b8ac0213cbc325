// Bad servers must give clear BerthErrors, never a crash: error bodies, HTML, malformed JSON,
// 5xx, dropped connections, wrong scheme, timeouts.
import type http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { BerthError } from '@shared/contract/errors'
import { createRegistryClient, type RegistryClient } from '../../src/main/registry'
import { decodeRegistryError, networkError } from '../../src/main/registry/errors'
import type { RawResponse } from '../../src/main/registry/http'
import { sendJson, startFakeServer } from '../support/registries'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function against(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, opts: { timeoutMs?: number } = {}): Promise<RegistryClient> {
  const srv = await startFakeServer(handler)
  const c = createRegistryClient({ address: srv.address, scheme: 'http', ...opts })
  cleanups.push(async () => {
    await c.close()
    await srv.close()
  })
  return c
}

const raw = (status: number, body: string, headers: Record<string, string> = {}): RawResponse => ({ status, headers, body: Buffer.from(body), url: new URL('http://r/v2/') })
const ctx = { address: 'reg:5000', what: 'the tags of "app"', repository: 'app' }

describe('decodeRegistryError', () => {
  it('decodes registry error bodies into codes with message and hint', () => {
    const json = { 'content-type': 'application/json' }
    const e = decodeRegistryError(raw(404, '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"app"}}]}', json), ctx)
    expect(e).toBeInstanceOf(BerthError)
    expect(e).toMatchObject({ code: 'NOT_FOUND', details: { status: 404, registryCode: 'NAME_UNKNOWN' } })
    expect(e.message).toContain('"app"')
    expect(e.hint).toBeTruthy()
    expect(decodeRegistryError(raw(404, '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}', json), { ...ctx, reference: 'v1' }).message).toContain('app:v1')
    expect(decodeRegistryError(raw(403, '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}', json), ctx).code).toBe('AUTH_DENIED')
    expect(decodeRegistryError(raw(429, '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}', json), ctx).hint).toMatch(/wait/i)
  })

  it('500s: REGISTRY_ERROR with the status and what the registry said', () => {
    const e = decodeRegistryError(raw(500, '{"errors":[{"code":"UNKNOWN","message":"filesystem: disk full"}]}', { 'content-type': 'application/json' }), ctx)
    expect(e.code).toBe('REGISTRY_ERROR')
    expect(e.message).toContain('500')
    expect(e.message).toContain('disk full')
    expect(decodeRegistryError(raw(502, '', {}), ctx).message).toContain('502')
  })

  it('HTML or garbage: says the server did not answer like a registry', () => {
    const e = decodeRegistryError(raw(404, '<html><body>Not Found</body></html>', { 'content-type': 'text/html' }), ctx)
    expect(e.code).toBe('REGISTRY_ERROR')
    expect(e.message).toMatch(/did not answer like a registry/)
    expect(e.hint).toMatch(/address and port/)
    expect(decodeRegistryError(raw(400, '{"errors":[', { 'content-type': 'application/json' }), ctx).message).toMatch(/did not answer like a registry/)
  })

  it('recognises plain HTTP sent to an HTTPS registry', () => {
    const e = decodeRegistryError(raw(400, 'Client sent an HTTP request to an HTTPS server.\n', {}), ctx)
    expect(e).toMatchObject({ code: 'REGISTRY_HTTP_REFUSED' })
    expect(e.hint).toMatch(/https/)
  })

  it('strips control characters and bounds server text', () => {
    const e = decodeRegistryError(raw(500, JSON.stringify({ errors: [{ code: 'UNKNOWN', message: `evil\u001b[31m${'x'.repeat(1000)}` }] }), { 'content-type': 'application/json' }), ctx)
    expect(e.message).not.toContain('\u001b')
    expect(e.message.length).toBeLessThan(500)
  })
})

describe('networkError', () => {
  const t = { host: 'reg:5000', address: 'reg:5000', isRegistry: true, scheme: 'https' }
  const wrapped = (code: string, message = code): Error => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) })

  it('maps refused, unknown host, timeouts and drops to REGISTRY_UNREACHABLE', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_SOCKET', 'ECONNRESET']) {
      expect(networkError(wrapped(code), t).code).toBe('REGISTRY_UNREACHABLE')
    }
    const agg = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {})
    expect(networkError(agg, t).message).toMatch(/connection refused/)
  })

  it('maps certificate problems to TLS_UNTRUSTED with a CA-file hint', () => {
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      const e = networkError(wrapped(code), t)
      expect(e.code).toBe('TLS_UNTRUSTED')
      expect(e.hint).toMatch(/CA file/)
    }
  })

  it('maps an HTTPS handshake answered in plain HTTP to REGISTRY_HTTP_REFUSED', () => {
    const e = networkError(wrapped('ERR_SSL_WRONG_VERSION_NUMBER', 'ssl3_get_record:wrong version number'), t)
    expect(e.code).toBe('REGISTRY_HTTP_REFUSED')
    expect(e.hint).toMatch(/scheme to http/)
  })
})

describe('bad servers, end to end', () => {
  it('a web server that is not a registry', async () => {
    const c = await against((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>Welcome to nginx!</title>')
    })
    expect(await c.ping()).toMatchObject({ state: 'down', errorCode: 'REGISTRY_ERROR', error: expect.stringMatching(/did not answer like a registry/) })
    await expect(c.tags('app')).rejects.toMatchObject({ code: 'REGISTRY_ERROR', message: expect.stringMatching(/not JSON/) })
    await expect(c.catalogPage()).rejects.toMatchObject({ code: 'REGISTRY_ERROR' })
  })

  it('a 404 HTML server (wrong port / path)', async () => {
    const c = await against((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' })
      res.end('<h1>Not Found</h1>')
    })
    expect(await c.ping()).toMatchObject({ state: 'down', errorCode: 'REGISTRY_ERROR' })
    await expect(c.describeTag('app', 'v1')).rejects.toMatchObject({ code: 'REGISTRY_ERROR', message: expect.stringMatching(/did not answer like a registry/) })
  })

  it('malformed JSON from a registry-looking server', async () => {
    const c = await against((req, res) => {
      if (req.url === '/v2/') return sendJson(res, 200, {})
      res.writeHead(200, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' })
      res.end('{"repositories": ["a", ')
    })
    expect(await c.ping()).toMatchObject({ state: 'reachable' })
    await expect(c.catalogPage()).rejects.toMatchObject({ code: 'REGISTRY_ERROR', message: expect.stringMatching(/not JSON/) })
    await expect(c.getManifest('app', 'v1')).rejects.toMatchObject({ code: 'REGISTRY_ERROR' })
  })

  it('500s everywhere', async () => {
    const c = await against((_req, res) => sendJson(res, 500, { errors: [{ code: 'UNKNOWN', message: 'unknown error' }] }))
    expect(await c.ping()).toMatchObject({ state: 'down', errorCode: 'REGISTRY_ERROR', error: expect.stringContaining('500') })
    await expect(c.tags('app')).rejects.toMatchObject({ code: 'REGISTRY_ERROR', details: { status: 500 } })
  })

  it('a server that drops every connection', async () => {
    const c = await against((req) => req.socket.destroy())
    expect(await c.ping()).toMatchObject({ state: 'down', errorCode: 'REGISTRY_UNREACHABLE' })
    await expect(c.tags('app')).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE', message: expect.stringMatching(/closed the connection/) })
  })

  it('a server that never answers: timeout', async () => {
    const c = await against(() => undefined, { timeoutMs: 300 })
    await expect(c.tags('app')).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE', message: expect.stringMatching(/in time/) })
  })

  it('nothing listening', async () => {
    const probe = net.createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as net.AddressInfo).port
    await new Promise((r) => probe.close(r))
    const c = createRegistryClient({ address: `127.0.0.1:${port}`, scheme: 'http' })
    cleanups.push(() => c.close())
    expect(await c.ping()).toMatchObject({ state: 'down', errorCode: 'REGISTRY_UNREACHABLE', error: expect.stringMatching(/connection refused/) })
    await expect(c.tags('app')).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE' })
  })

  it('https against a plain HTTP registry', async () => {
    const srv = await startFakeServer((_req, res) => sendJson(res, 200, {}))
    const c = createRegistryClient({ address: srv.address, scheme: 'https' })
    cleanups.push(async () => {
      await c.close()
      await srv.close()
    })
    expect(await c.ping()).toMatchObject({ state: 'down', errorCode: 'REGISTRY_HTTP_REFUSED', hint: expect.stringMatching(/scheme to http/) })
    await expect(c.tags('app')).rejects.toMatchObject({ code: 'REGISTRY_HTTP_REFUSED' })
  })

  it('rejects bad input before any request', async () => {
    const c = createRegistryClient({ address: '127.0.0.1:9', scheme: 'http' })
    cleanups.push(() => c.close())
    await expect(c.tags('../../etc')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(c.deleteManifest('app', 'latest')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(() => createRegistryClient({ address: 'http://a b/', scheme: 'http' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(createRegistryClient({ address: 'https://reg.example.com:5000/', scheme: 'https' }).address).toBe('reg.example.com:5000')
  })

  it('a missing CA file is INVALID_INPUT, not a crash', async () => {
    const c = createRegistryClient({ address: '127.0.0.1:9', scheme: 'https', caFile: '/nonexistent/ca.pem' })
    cleanups.push(() => c.close())
    await expect(c.tags('app')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('/nonexistent/ca.pem') })
  })
})
