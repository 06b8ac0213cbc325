// Every call of the contract, every string field, hostile values (path tricks, encodings,
// control characters, prototype keys, huge strings, wrong types) through the real dispatch and
// services in web mode, against a fake engine that answers 301 to a trap. Asserts that nothing
// connects anywhere but the engine socket and hosts the arguments name, that no redirect is
// followed, and that the process survives (vitest fails the run on any unhandled error).
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { Socket, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { callSchemas } from '@shared/contract'
import { createDispatch, type Dispatch } from '../../src/main/dispatch'
import { createHandlers } from '../../src/main/handlers'
import { createServices, type Services } from '../../src/main/services'
import { startFakeEngine, type FakeEngine } from '../support/fakeEngine'

type JsonSchema = {
  type?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  minItems?: number
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

interface Connect {
  path?: string
  host?: string
  port?: number
}

describe('hostile arguments for every call of the contract', () => {
  let engine: FakeEngine
  let registry: Server
  let registryAddress: string
  let root: string
  let services: Services
  let call: Dispatch
  let registryId: string
  const named: string[] = []
  const connects: Connect[] = []
  const original = Socket.prototype.connect

  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    engine = await startFakeEngine()
    registry = createServer((req, res) => {
      req.resume()
      res.writeHead(req.url === '/v2/' ? 200 : 404, { 'Content-Type': 'application/json' }).end('{"errors":[]}')
    })
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', () => r()))
    registryAddress = `127.0.0.1:${(registry.address() as AddressInfo).port}`
    root = mkdtempSync(join(tmpdir(), 'berth-hostile-'))
    process.env.DOCKER_CONFIG = join(root, 'docker-config')
    // Every outgoing connection is seen here; anything off this machine is recorded and blocked.
    Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
      const target = describeConnect(args)
      connects.push(target)
      if (target.path || LOOPBACK.has(target.host ?? '')) return (original as (...a: unknown[]) => Socket).apply(this, args)
      process.nextTick(() => this.destroy(Object.assign(new Error(`blocked by the test: ${target.host}:${target.port}`), { code: 'ECONNREFUSED' })))
      return this
    } as typeof original
    services = createServices({ dataDir: join(root, 'data'), webMode: true, endpoints: [{ label: 'fake', options: { socketPath: engine.socketPath } }] })
    await services.engine.check()
    call = createDispatch(createHandlers(services))
    const added = await call('registries.add', { address: registryAddress, scheme: 'http' })
    if (!added.ok) throw new Error(added.error.message)
    registryId = (added.value as { id: string }).id
    named.push(registryAddress)
  })

  afterAll(async () => {
    Socket.prototype.connect = original
    await services?.dispose()
    await engine?.close()
    await new Promise((r) => registry?.close(r))
    delete process.env.DOCKER_CONFIG
    rmSync(root, { recursive: true, force: true })
    vi.restoreAllMocks()
  })

  const hostile = (): fc.Arbitrary<string> => {
    const tricks = [
      '..',
      '../',
      '../containers/json',
      '../../v1.40/images/json',
      '/etc/passwd',
      '%',
      '%2e%2e%2f',
      '%00',
      '?all=1',
      '#x',
      '\u0000',
      '\r\nX-Injected: 1',
      '__proto__',
      'constructor',
      'prototype',
      '[',
      '..\\..\\',
      ' ',
      'x'.repeat(5000),
      registryId,
      registryAddress,
      `${registryAddress}/team/app:1`,
      'app',
      'app:1.0',
      `sha256:${'a'.repeat(64)}`,
      'localhost:99999/app',
      'registry:2'
    ]
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...tricks) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...tricks), fc.constantFrom(...tricks)).map(([a, b]) => a + b) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('.', '/', '%', '?', '#', ':', '@', 'a', '\\', '\u0000'), maxLength: 20 }) }
    )
  }

  const fromSchema = (s: JsonSchema): fc.Arbitrary<unknown> => {
    const union = s.oneOf ?? s.anyOf
    if (union) return fc.oneof(...union.map(fromSchema))
    if (s.const !== undefined) return fc.constant(s.const)
    if (s.enum) return fc.constantFrom(...s.enum)
    switch (s.type) {
      case 'object': {
        const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fromSchema(v)]))
        return fc.record(props, { requiredKeys: (s.required ?? []) as never })
      }
      case 'string':
        return hostile()
      case 'integer':
      case 'number':
        return fc.oneof(fc.integer({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9 }), fc.constantFrom(0, -1, 65536, 1e12, Number.NaN))
      case 'boolean':
        return fc.boolean()
      case 'array':
        return fc.array(fromSchema(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength: 4 })
      default:
        return fc.constant(undefined)
    }
  }

  for (const name of Object.keys(callSchemas) as (keyof typeof callSchemas)[]) {
    it(name, async () => {
      const schema = z.toJSONSchema(callSchemas[name], { unrepresentable: 'any', io: 'input' }) as JsonSchema
      // Mostly well-shaped arguments with hostile strings; sometimes anything at all.
      const args = fc.oneof({ weight: 5, arbitrary: fromSchema(schema) }, { weight: 1, arbitrary: fc.anything() })
      await fc.assert(
        fc.asyncProperty(args, async (a) => {
          named.push(JSON.stringify(a) ?? '')
          const result = await call(name, a)
          expect(typeof result.ok).toBe('boolean')
          if (!result.ok) expect(result.error.message.length).toBeLessThanOrEqual(1001)
        }),
        { numRuns: 25 }
      )
      await services.transfers.dismiss()
    })
  }

  it('no connection went anywhere but the engine socket and hosts the arguments named; no redirect was followed', async () => {
    // Berth's own local registry (its address is Berth's, not the request's).
    const localPort = (await services.localRegistry.status().catch(() => ({ port: 5000 }))).port
    const text = named.join('\n').toLowerCase()
    const stray = connects.filter((c) => {
      if (c.path) return c.path !== engine.socketPath
      const host = (c.host ?? '').toLowerCase()
      if (LOOPBACK.has(host) && c.port === localPort) return false
      return !(text.includes(`${host}:${c.port}`) || ((c.port === 443 || c.port === 80) && text.includes(host)))
    })
    expect(stray).toEqual([])
    expect(engine.trapped).toEqual([])
    expect(engine.requests.length).toBeGreaterThan(0)
  })
})

function describeConnect(args: unknown[]): Connect {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0]
  if (typeof first === 'string') return { path: first }
  if (typeof first === 'number') return { port: first, host: typeof args[1] === 'string' ? args[1] : 'localhost' }
  const o = first as { path?: string; host?: string; port?: number | string }
  if (o.path) return { path: o.path }
  return { host: o.host ?? 'localhost', port: Number(o.port) }
}
