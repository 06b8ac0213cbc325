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
