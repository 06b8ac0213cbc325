// Every client call against servers that are not (good) registries: each one must reject with
// a BerthError that has a message and a hint, and nothing may escape as an unhandled error.
import net from 'node:net'
import type http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BerthError } from '@shared/contract/errors'
import { createRegistryClient, type RegistryClient } from '../../src/main/registry'
import { sendJson, startFakeServer } from '../support/registries'

const digest = `sha256:${'e'.repeat(64)}`
const calls: [string, (c: RegistryClient) => Promise<unknown>][] = [
  ['catalogPage', (c) => c.catalogPage({ n: 100 })],
  ['catalogAll', async (c) => {
    for await (const page of c.catalogAll()) void page
  }],
  ['tags', (c) => c.tags('team/app')],
  ['headManifest', (c) => c.headManifest('team/app', 'v1')],
  ['getManifest', (c) => c.getManifest('team/app', 'v1')],
  ['getBlobJson', (c) => c.getBlobJson('team/app', digest)],
  ['describeTag', (c) => c.describeTag('team/app', 'v1')],
  ['deleteManifest', (c) => c.deleteManifest('team/app', digest)],
  ['tagsSharingDigest', (c) => c.tagsSharingDigest('team/app', digest, ['v1', 'v2'])]
]

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void
const apiRoot = (next: Handler): Handler => (req, res) => (req.url === '/v2/' ? sendJson(res, 200, {}) : next(req, res))

const servers: { name: string; handler?: Handler; raw?: (socket: net.Socket) => void; codes: string[]; ping: string }[] = [
  {
    name: 'a web server (HTML)',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html>hello</html>')
    },
    codes: ['REGISTRY_ERROR'],
    ping: 'down'
  },
  {
    name: 'malformed JSON',
    handler: apiRoot((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'docker-content-digest': digest })
      res.end('{"tags": [')
    }),
    // HEAD has no body to be malformed: tagsSharingDigest succeeds with the header digest.
    codes: ['REGISTRY_ERROR', 'OK'],
    ping: 'reachable'
  },
  { name: '500s', handler: (_req, res) => sendJson(res, 500, { errors: [{ code: 'UNKNOWN', message: 'unknown error' }] }), codes: ['REGISTRY_ERROR'], ping: 'down' },
  { name: 'a 502 proxy page', handler: apiRoot((_req, res) => { res.writeHead(502, { 'content-type': 'text/html' }); res.end('<h1>Bad Gateway</h1>') }), codes: ['REGISTRY_ERROR'], ping: 'reachable' },
  { name: 'dropped connections', handler: (req) => req.socket.destroy(), codes: ['REGISTRY_UNREACHABLE'], ping: 'down' },
  { name: 'dropped mid-body', handler: apiRoot((_req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 }); res.write('{"tags":'); setTimeout(() => res.socket?.destroy(), 20) }), codes: ['REGISTRY_UNREACHABLE', 'OK'], ping: 'reachable' },
  { name: 'not HTTP at all', raw: (s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'), codes: ['REGISTRY_ERROR'], ping: 'down' },
  {
    name: 'an endless body',
    handler: apiRoot((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      let sent = 0
      const pump = (): void => {
        while (sent++ < 40 && res.write(chunk));
        if (sent < 40) res.once('drain', pump)
        else res.end()
      }
      pump()
    }),
    codes: ['REGISTRY_ERROR', 'REGISTRY_UNREACHABLE', 'OK'],
    ping: 'reachable'
  }
]

describe('registry client against bad servers', () => {
  const unhandled: unknown[] = []
  const onUnhandled = (e: unknown): void => void unhandled.push(e)
  beforeAll(() => process.on('unhandledRejection', onUnhandled))
  afterAll(() => process.off('unhandledRejection', onUnhandled))

  for (const s of servers) {
    it(`${s.name}: clear BerthErrors from every call`, async () => {
      let close: () => Promise<void>
      let address: string
      if (s.raw) {
        const sockets = new Set<net.Socket>()
        const srv = net.createServer((socket) => {
          sockets.add(socket)
          s.raw!(socket)
        })
        await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
        address = `127.0.0.1:${(srv.address() as net.AddressInfo).port}`
        close = () =>
          new Promise((r) => {
            for (const socket of sockets) socket.destroy()
            srv.close(() => r())
          })
      } else {
        const srv = await startFakeServer(s.handler!)
        address = srv.address
        close = srv.close
      }
      const c = createRegistryClient({ address, scheme: 'http', timeoutMs: 2000 })
      try {
        expect((await c.ping()).state).toBe(s.ping)
        for (const [name, call] of calls) {
          const outcome = await call(c).then(
            () => 'OK',
            (e: unknown) => e
          )
          if (outcome === 'OK') {
            expect(s.codes, `${name} unexpectedly succeeded`).toContain('OK')
            continue
          }
          expect(outcome, `${name} threw a non-BerthError: ${String(outcome)}`).toBeInstanceOf(BerthError)
          const e = outcome as BerthError
          expect(s.codes, `${name}: ${e.code} ${e.message}`).toContain(e.code)
          expect(e.message.length).toBeGreaterThan(10)
          expect(e.hint, `${name} has no hint`).toBeTruthy()
        }
      } finally {
        await c.close()
        await close()
      }
      expect(unhandled).toEqual([])
    })
  }
})
