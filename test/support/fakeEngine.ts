// A stand-in engine on a unix socket that records every request and answers like a daemon whose
// router "cleans" paths: anything but /version and /_ping gets a 301 to a trap server on
// 127.0.0.1. The trap counts what reaches it: Berth must never follow the engine elsewhere.
// `answer` lets a test give other paths an answer of its own (a Podman failure, say).
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FakeEngine {
  socketPath: string
  /** Method and raw path of every request the engine got. */
  requests: string[]
  /** Requests that reached the trap (must stay empty). */
  trapped: string[]
  trapOrigin: string
  close(): Promise<void>
}

const VERSION = { Version: '29.0.0', ApiVersion: '1.52', Os: 'linux', Arch: 'amd64', Components: [{ Name: 'Engine' }] }

/** A test's own answer for a request (path without the /vX.Y prefix and query), or undefined for the default. */
export type FakeAnswer = (method: string, path: string) => { status: number; body: unknown } | undefined

export async function startFakeEngine(answer?: FakeAnswer): Promise<FakeEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-fake-engine-'))
  const socketPath = join(dir, 'docker.sock')
  const requests: string[] = []
  const trapped: string[] = []
  const trap = createServer((req, res) => {
    trapped.push(`${req.method} ${req.url}`)
    res.end('[]')
  })
  await listen(trap, 0, '127.0.0.1')
  const trapOrigin = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`
  const engine = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    req.resume()
    const path = (req.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0]
    if (path === '/version') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(VERSION))
    if (path === '/_ping') return void res.writeHead(200).end('OK')
    const own = answer?.(req.method ?? 'GET', path)
    if (own) return void res.writeHead(own.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(own.body))
    // What Go's router does with `..` in a path; here for every path, to prove it is never followed.
    res.writeHead(301, { Location: `${trapOrigin}/followed${req.url}` }).end()
  })
  await listen(engine, socketPath)
  return {
    socketPath,
    requests,
    trapped,
    trapOrigin,
    async close() {
      engine.closeAllConnections()
      trap.closeAllConnections()
      await Promise.all([new Promise((r) => engine.close(r)), new Promise((r) => trap.close(r))])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

function listen(server: Server, ...args: [string] | [number, string]): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(...(args as [number, string]), () => resolve())
  })
}
