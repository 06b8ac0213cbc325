// The review's engine findings against the real engine: a `..` in an image id makes the daemon's
// router answer 301, which docker-modem used to follow to any host (blind SSRF), and
// `../containers/json` crashed the process with an unhandled 'error' event.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDispatch, type Dispatch } from '../../src/main/dispatch'
import { createHandlers } from '../../src/main/handlers'
import { createServices, type Services } from '../../src/main/services'
import { describeEngine } from '../support/describeEngine'
import { dockerOptionsFromEnv } from '../support/engine'

describeEngine('hostile image ids against the real engine', () => {
  let services: Services
  let call: Dispatch
  let dataDir: string
  let trap: Server
  let trapPort: number
  const trapped: string[] = []

  beforeAll(async () => {
    trap = createServer((req, res) => {
      trapped.push(`${req.method} ${req.url}`)
      res.end('{}')
    })
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', () => r()))
    trapPort = (trap.address() as AddressInfo).port
    dataDir = mkdtempSync(join(tmpdir(), 'berth-it-hostile-'))
    services = createServices({ dataDir, webMode: true, endpoints: [{ label: 'test', options: dockerOptionsFromEnv() }] })
    await services.engine.check()
    call = createDispatch(createHandlers(services))
  })

  afterAll(async () => {
    await services?.dispose()
    await new Promise((r) => trap?.close(r))
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('refuses path tricks at the contract', async () => {
    for (const id of [`../127.0.0.1:${trapPort}/x`, '../containers/json', '..%2f..%2fcontainers/json']) {
      expect(await call('images.inspect', { id }), id).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('under the contract, an engine redirect is an error and is never followed', async () => {
    await expect(services.images.inspect(`../127.0.0.1:${trapPort}/x`)).rejects.toMatchObject({ code: expect.stringMatching(/INVALID_INPUT|NOT_FOUND/) })
    await expect(services.images.inspect('../containers/json')).rejects.toMatchObject({ code: expect.stringMatching(/INVALID_INPUT|NOT_FOUND/) })
    await expect(services.images.remove('../containers/json')).rejects.toMatchObject({ code: expect.stringMatching(/INVALID_INPUT|NOT_FOUND/) })
    // Still serving (and a follower, had there been one, has had a full engine round trip to act).
    expect(await call('images.list', undefined)).toMatchObject({ ok: true })
    await new Promise((r) => setTimeout(r, 200))
    expect(trapped).toEqual([])
  })
})
