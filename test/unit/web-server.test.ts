import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDispatch } from '../../src/main/dispatch'
import { EventBus } from '../../src/main/events'
import { startWebServer, type WebServer } from '../../src/server/server'
import type { Handlers } from '@shared/contract'

const TOKEN = 's3cret-0123456789abcdef0123456789abcdef'

/** Sends bytes as they are (fetch would fix the Host header and the path) and returns the status. */
function raw(port: number, request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    const settle = (): void => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]
      socket.destroy()
      if (status) resolve(Number(status))
      else reject(new Error(`no HTTP answer: ${JSON.stringify(data.slice(0, 100))}`))
    }
    socket.on('data', (c) => {
      data += c.toString('latin1')
      if (data.includes('\r\n\r\n')) settle()
    })
    socket.on('error', reject)
    socket.on('close', settle)
    // Not end(): a half-closed client makes Node drop answers that are still being prepared.
    socket.write(request)
  })
}

describe('web mode server', () => {
  let server: WebServer
  let base: string
  let dir: string
  let cookie: string
  const events = new EventBus()
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})

  beforeAll(async () => {
    // The served folder sits in a temporary parent that also holds the file no request may reach.
    dir = join(mkdtempSync(join(tmpdir(), 'berth-web-')), 'static')
    mkdirSync(join(dir, 'assets'), { recursive: true })
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Berth</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir, '..', 'berth-outside.txt'), 'outside')
    const handlers = {
      'images.prune': async () => ({ deleted: 1, spaceReclaimed: 5 }),
      'images.list': async () => {
        throw new TypeError('secret stack detail')
      }
    } as unknown as Handlers
    server = await startWebServer({ host: '127.0.0.1', port: 0, token: TOKEN, staticDir: dir, dispatch: createDispatch(handlers), events })
    base = new URL(server.url).origin
    cookie = `berth_token_${server.port}=${TOKEN}`
  })
  afterAll(async () => {
    await server.close()
    rmSync(join(dir, '..'), { recursive: true, force: true })
    warn.mockRestore()
    error.mockRestore()
  })

  const stillServes = async (): Promise<void> => {
    expect((await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
  }

  it('prints a URL with the token on 127.0.0.1', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${TOKEN}$`))
  })

  it('refuses a token shorter than 32 characters', async () => {
    await expect(startWebServer({ host: '127.0.0.1', port: 0, token: 'short', staticDir: dir, dispatch: createDispatch({} as Handlers), events })).rejects.toThrow(/at least 32/)
  })

  it('refuses every request without the right token', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401)
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401)
    expect((await fetch(`${base}/api/call/images.prune`, { method: 'POST' })).status).toBe(401)
    expect((await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await fetch(`${base}/api/events`)).status).toBe(401)
    // The old, port-less cookie name is someone else's cookie.
    expect((await fetch(`${base}/`, { headers: { Cookie: `berth_token=${TOKEN}` } })).status).toBe(401)
  })

  it("answers its own refusals in the request's language (Accept-Language)", async () => {
    const zh = await fetch(`${base}/`, { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' } })
    expect(zh.status).toBe(401)
    expect(zh.headers.get('content-language')).toBe('zh-CN')
    expect(await zh.text()).toBe('令牌缺失或错误：请打开 Berth 启动时打印的完整网址。')
    const en = await fetch(`${base}/`, { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })
    expect(en.headers.get('content-language')).toBe('en')
    expect(await en.text()).toBe('Missing or wrong token: open the exact URL Berth printed when it started.')
  })

  it('serves the page with the token, sets a same-site cookie named with the port, and strict headers', async () => {
    const res = await fetch(server.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toBe(`${cookie}; HttpOnly; SameSite=Strict; Path=/`)
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    const asset = await fetch(`${base}/assets/app.js`, { headers: { Cookie: cookie } })
    expect(asset.status).toBe(200)
  })

  it('runs calls with the token and returns the result envelope', async () => {
    const res = await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(await res.json()).toEqual({ ok: true, value: { deleted: 1, spaceReclaimed: 5 } })
  })

  it('answers a bug with "something went wrong" and a code; the stack stays in the log', async () => {
    const res = await fetch(`${base}/api/call/images.list`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } })
    const body = (await res.json()) as { ok: false; error: { code: string; message: string; details: { incident: string } } }
    expect(body.error.code).toBe('INTERNAL')
    expect(body.error.message).toMatch(/^Something went wrong \(error [0-9a-f]{8}\)\.$/)
    expect(JSON.stringify(body)).not.toContain('secret stack detail')
    expect(error.mock.calls.some((c) => String(c[0]).includes(body.error.details.incident))).toBe(true)
  })

  it('refuses a foreign Origin even with the token', async () => {
    const res = await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://evil.example' } })
    expect(res.status).toBe(403)
  })

  it('rejects malformed JSON bodies with 400', async () => {
    const res = await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: '{nope' })
    expect(res.status).toBe(400)
  })

  it('answers an oversized body with 413 and keeps serving', async () => {
    const res = await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: 'x'.repeat(2 * 1024 * 1024) })
    expect(res.status).toBe(413)
    await stillServes()
  })

  it('drops a stalled body with 408 instead of holding the socket', async () => {
    const quick = await startWebServer({ host: '127.0.0.1', port: 0, token: TOKEN, staticDir: dir, dispatch: createDispatch({} as Handlers), events, bodyIdleMs: 100 })
    try {
      const status = await raw(quick.port, `POST /api/call/images.prune HTTP/1.1\r\nHost: 127.0.0.1:${quick.port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 100\r\n\r\n{"a"`)
      expect(status).toBe(408)
    } finally {
      await quick.close()
    }
  })

  it('answers 421 to a Host that is not its own (DNS rebinding), even with the token', async () => {
    const port = server.port
    expect(await raw(port, `GET /?token=${TOKEN} HTTP/1.1\r\nHost: evil.example:${port}\r\n\r\n`), "evil").toBe(421)
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\nCookie: ${cookie}\r\n\r\n`)).toBe(421)
    for (const ours of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect(await raw(port, `GET / HTTP/1.1\r\nHost: ${ours}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`), ours).toBe(200)
    }
  })

  describe('hostile requests get a 4xx and the server goes on', () => {
    const cases: [string, (port: number) => string, number][] = [
      ['Cookie: berth_token=%', (p) => `GET / HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nCookie: berth_token_${p}=%; berth_token=%\r\n\r\n`, 401],
      ['Host: [', () => `GET / HTTP/1.1\r\nHost: [\r\n\r\n`, 400],
      ['Host: a b', () => `GET / HTTP/1.1\r\nHost: a b\r\n\r\n`, 400],
      ['Host: x:99999', () => `GET / HTTP/1.1\r\nHost: x:99999\r\n\r\n`, 400],
      ['no Host', () => `GET / HTTP/1.0\r\n\r\n`, 400],
      ['GET //[', (p) => `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\n\r\n`, 400],
      ['GET /%', (p) => `GET /% HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nCookie: ${cookie}\r\n\r\n`, 400],
      ['GET /% without the token', (p) => `GET /% HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\n\r\n`, 400],
      ['POST /api/call/%', (p) => `POST /api/call/% HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nCookie: ${cookie}\r\nContent-Length: 0\r\n\r\n`, 400],
      ['POST /api/call/%E0%A4%A', (p) => `POST /api/call/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nCookie: ${cookie}\r\nContent-Length: 0\r\n\r\n`, 400],
      ['absolute-form target', (p) => `GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nCookie: ${cookie}\r\n\r\n`, 400],
      ['garbage request line', () => `NOT HTTP AT ALL\r\n\r\n`, 400]
    ]
    for (const [name, request, status] of cases) {
      it(name, async () => {
        expect(await raw(server.port, request(server.port))).toBe(status)
        await stillServes()
      })
    }
  })

  it('answers any request line, Host and cookie it is sent, and keeps serving (property)', async () => {
    const text = fc.string({ unit: fc.constantFrom('/', '%', '[', ']', ':', '.', '?', '#', '@', 'a', '9', '\\', ' ', '\u0000', 'é', '\t'), maxLength: 30 })
    await fc.assert(
      fc.asyncProperty(text, text, text, fc.constantFrom('GET', 'POST', 'PUT', 'OPTIONS'), async (path, host, cookieValue, method) => {
        const request = `${method} /${path} HTTP/1.1\r\nHost: ${host}\r\nCookie: berth_token_${server.port}=${cookieValue}\r\nContent-Length: 0\r\n\r\n`
        const status = await raw(server.port, request)
        expect(status).toBeGreaterThanOrEqual(400)
        expect(status).toBeLessThan(500)
      }),
      { numRuns: 150 }
    )
    await stillServes()
  })

  it('keeps static files inside the UI folder (traversal probes)', async () => {
    for (const path of ['/../berth-outside.txt', '/%2e%2e/berth-outside.txt', '/assets/..%2f..%2fberth-outside.txt', '/%2e%2e%2fberth-outside.txt', '/..%5cberth-outside.txt']) {
      const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie } })
      expect(await res.text(), path).not.toContain('outside')
    }
    for (const path of ['/../berth-outside.txt', '/assets/%2e%2e/%2e%2e/berth-outside.txt']) {
      const res = await raw(server.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`)
      expect([200, 400, 404]).toContain(res)
    }
    await stillServes()
  })

  it('streams bus events as server-sent events', async () => {
    const controller = new AbortController()
    const res = await fetch(`${base}/api/events`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal: controller.signal })
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = res.body!.getReader()
    await reader.read() // retry preamble
    events.emit('images.changed', { reason: 'test' })
    let text = ''
    while (!text.includes('images.changed')) text += new TextDecoder().decode((await reader.read()).value)
    expect(text).toContain('"payload":{"reason":"test"}')
    controller.abort()
  })
})

describe('web mode event stream: ids, replay and resync', () => {
  let server: WebServer
  let base: string
  let dir: string
  const events = new EventBus()
  const auth = { Authorization: `Bearer ${TOKEN}` }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-web-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Berth</title>')
    server = await startWebServer({ host: '127.0.0.1', port: 0, token: TOKEN, staticDir: dir, dispatch: createDispatch({} as Handlers), events })
    base = new URL(server.url).origin
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Opens a stream and reads it until `until` matches; returns the text and an abort. */
  async function readStream(headers: Record<string, string>, until: RegExp, query = ''): Promise<string> {
    const controller = new AbortController()
    const res = await fetch(`${base}/api/events${query}`, { headers: { ...auth, ...headers }, signal: controller.signal })
    const reader = res.body!.getReader()
    let text = ''
    while (!until.test(text)) text += new TextDecoder().decode((await reader.read()).value)
    controller.abort()
    return text
  }
  const hello = (text: string): { replay: string; replayed: number; lastId: string } => JSON.parse(/event: berth\.hello\ndata: (.*)\n/.exec(text)![1])
  const ids = (text: string): string[] => [...text.matchAll(/^id: (.*)$/gm)].map((m) => m[1])

  it('opens with a short retry and a hello that says there is nothing to replay', async () => {
    const text = await readStream({}, /berth\.hello/)
    expect(text).toMatch(/^retry: \d{3,4}\n\n/)
    expect(hello(text)).toMatchObject({ replay: 'none', replayed: 0 })
  })

  it('replays exactly the events after Last-Event-ID, in order, before the hello', async () => {
    events.emit('images.changed', { reason: 'one' })
    const first = await readStream({}, /berth\.hello/)
    const from = hello(first).lastId
    events.emit('images.changed', { reason: 'two' })
    events.emit('images.changed', { reason: 'three' })
    const text = await readStream({ 'Last-Event-ID': from }, /berth\.hello/)
    expect(text.indexOf('"reason":"two"')).toBeLessThan(text.indexOf('"reason":"three"'))
    expect(text.indexOf('"reason":"three"')).toBeLessThan(text.indexOf('berth.hello'))
    expect(text).not.toContain('"reason":"one"')
    expect(hello(text)).toMatchObject({ replay: 'complete', replayed: 2 })
    const [a, b] = ids(text).map((id) => Number(id.split('-')[1]))
    expect(b).toBe(a + 1)
    expect(a).toBe(Number(from.split('-')[1]) + 1)
    // The query parameter (what the browser client sends) works the same.
    const viaQuery = await readStream({}, /berth\.hello/, `?lastEventId=${encodeURIComponent(from)}`)
    expect(hello(viaQuery)).toMatchObject({ replay: 'complete', replayed: 2 })
  })

  it('says "gap" when it cannot replay: an id from another server run, or garbage', async () => {
    for (const id of ['deadbeef-1', 'nonsense', '']) {
      const text = await readStream({}, /berth\.hello/, `?lastEventId=${encodeURIComponent(id)}`)
      expect(hello(text).replay).toBe(id ? 'gap' : 'none')
      expect(ids(text)).toEqual([])
    }
  })

  it('gives every live event an id that grows by one', async () => {
    const controller = new AbortController()
    const res = await fetch(`${base}/api/events`, { headers: auth, signal: controller.signal })
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes('berth.hello')) text += new TextDecoder().decode((await reader.read()).value)
    for (const reason of ['x', 'y', 'z']) events.emit('images.changed', { reason })
    while (!text.includes('"reason":"z"')) text += new TextDecoder().decode((await reader.read()).value)
    controller.abort()
    const seqs = ids(text).map((id) => Number(id.split('-')[1]))
    expect(seqs).toHaveLength(3)
    expect(seqs[1] - seqs[0]).toBe(1)
    expect(seqs[2] - seqs[1]).toBe(1)
  })
})
