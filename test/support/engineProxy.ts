// A unix-socket proxy in front of the test engine, so a test can make "the engine" vanish and
// come back without stopping the daemon every other test uses.
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Endpoint } from '../../src/main/engine/endpoints'
import { dockerOptionsFromEnv } from './engine'

export interface EngineProxy {
  endpoint: Endpoint
  down(): Promise<void>
  up(): Promise<void>
  close(): Promise<void>
}

export async function startEngineProxy(): Promise<EngineProxy> {
  const target = dockerOptionsFromEnv().socketPath
  if (!target) throw new Error('the engine proxy needs DOCKER_HOST=unix://…')
  const dir = mkdtempSync(join(tmpdir(), 'berth-proxy-'))
  const path = join(dir, 'docker.sock')
  const sockets = new Set<Socket>()
  let server: Server | undefined

  const up = (): Promise<void> =>
    new Promise((resolve) => {
      server = createServer((client) => {
        const upstream = createConnection(target)
        sockets.add(client).add(upstream)
        client.pipe(upstream).pipe(client)
        const drop = (): void => {
          client.destroy()
          upstream.destroy()
          sockets.delete(client)
          sockets.delete(upstream)
        }
        client.on('error', drop).on('close', drop)
        upstream.on('error', drop).on('close', drop)
      })
      server.listen(path, () => resolve())
    })

  const down = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy()
      sockets.clear()
      if (!server) return resolve()
      server.close(() => resolve())
      server = undefined
    })

  await up()
  return {
    endpoint: { label: `unix://${path}`, options: { socketPath: path } },
    down,
    up,
    async close() {
      await down()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
