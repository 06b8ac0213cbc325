import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch } from '../../src/main/dispatch'
import { EventBus } from '../../src/main/events'
import { startWebServer, type WebServer } from '../../src/server/server'
import type { Handlers } from '@shared/contract'

describe('web mode server', () => {
  let server: WebServer
  let base: string
  let dir: string
  const events = new EventBus()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-web-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Berth</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
    const handlers = { 'images.prune': async () => ({ deleted: 1, spaceReclaimed: 5 }) } as unknown as Handlers
    server = await startWebServer({ host: '127.0.0.1', port: 0, token: 's3cret', staticDir: dir, dispatch: createDispatch(handlers), events })
    base = new URL(server.url).origin
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints a URL with the token on 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=s3cret$/)
  })

  it('refuses every request without the right token', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401)
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401)
    expect((await fetch(`${base}/api/call/images.prune`, { method: 'POST' })).status).toBe(401)
    expect((await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await fetch(`${base}/api/events`)).status).toBe(401)
  })

  it('serves the page with the token, sets a same-site cookie, and strict headers', async () => {
    const res = await fetch(server.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/berth_token=s3cret; HttpOnly; SameSite=Strict/)
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    const asset = await fetch(`${base}/assets/app.js`, { headers: { Cookie: 'berth_token=s3cret' } })
    expect(asset.status).toBe(200)
  })

  it('runs calls with the token and returns the result envelope', async () => {
    const res = await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Authorization: 'Bearer s3cret' } })
    expect(await res.json()).toEqual({ ok: true, value: { deleted: 1, spaceReclaimed: 5 } })
  })

  it('refuses a foreign Origin even with the token', async () => {
    const res = await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Cookie: 'berth_token=s3cret', Origin: 'http://evil.example' } })
    expect(res.status).toBe(403)
  })

  it('rejects malformed JSON bodies with 400', async () => {
    const res = await fetch(`${base}/api/call/images.prune`, { method: 'POST', headers: { Authorization: 'Bearer s3cret' }, body: '{nope' })
    expect(res.status).toBe(400)
  })

  it('streams bus events as server-sent events', async () => {
    const controller = new AbortController()
    const res = await fetch(`${base}/api/events`, { headers: { Authorization: 'Bearer s3cret' }, signal: controller.signal })
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
  const auth = { Authorization: 'Bearer t0k' }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-web-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Berth</title>')
    server = await startWebServer({ host: '127.0.0.1', port: 0, token: 't0k', staticDir: dir, dispatch: createDispatch({} as Handlers), events })
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
