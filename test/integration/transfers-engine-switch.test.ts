// Transfers stay tied to the engine they started on: a push held mid-way (its registry behind a
// gate the test opens later) goes on across a switch to another engine, ends on the first one,
// and says so; the next transfer runs on the engine now chosen. The second engine is the same
// daemon behind a socket proxy: another endpoint, as the picker sees it, without a second daemon.
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { fetch } from 'undici'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract'
import { startBackend, type Call, type TestBackend } from '../support/backend'
import { describeEngine } from '../support/describeEngine'
import { testDocker, testEndpoint } from '../support/engine'
import { startEngineProxy, type EngineProxy } from '../support/engineProxy'
import { buildImage, cleanupByPrefix } from '../support/images'
import { startRegistry, type TestRegistry } from '../support/registries'

/** A TCP gate on 127.0.0.1 in front of `target`: connections wait until open() is called. */
async function startGate(target: number): Promise<{ port: number; held: () => number; open: () => void; close: () => Promise<void> }> {
  const waiting: Socket[] = []
  const sockets = new Set<Socket>()
  let opened = false
  const pass = (client: Socket): void => {
    const upstream = createConnection(target, '127.0.0.1')
    sockets.add(upstream)
    client.pipe(upstream).pipe(client)
    const drop = (): void => void (client.destroy(), upstream.destroy())
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
  }
  const server: Server = createServer((client) => {
    sockets.add(client)
    if (opened) pass(client)
    else waiting.push(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    held: () => waiting.length,
    open: () => {
      opened = true
      waiting.splice(0).forEach(pass)
    },
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

describeEngine('transfers across an engine switch', () => {
  const docker = testDocker()
  const prefix = `berth-it-switch-${process.pid}`
  const source = `${prefix}/app:1`
  const first = testEndpoint()
  let proxy: EngineProxy
  let registry: TestRegistry
  let gate: Awaited<ReturnType<typeof startGate>>
  let backend: TestBackend
  let call: Call

  beforeAll(async () => {
    await buildImage(docker, { tag: source, layers: [{ path: '/a', size: 200_000 }] })
    registry = await startRegistry()
    gate = await startGate(Number(registry.address.split(':')[1]))
    proxy = await startEngineProxy()
    backend = await startBackend('switch', { endpoints: [first, proxy.endpoint] })
    ;({ call } = backend)
  })

  afterAll(async () => {
    await backend?.close()
    await gate?.close()
    await proxy?.close()
    await registry?.stop()
    await cleanupByPrefix(docker, prefix)
  })

  it('a push begun before the switch ends on its own engine, and the next one runs on the new engine', async () => {
    const ended = new Map<string, TransferSnapshot>()
    const off = backend.services.events.on('transfers.update', (s) => {
      if (s.state === 'done' || s.state === 'failed' || s.state === 'cancelled') ended.set(s.id, s)
    })
    const target = `127.0.0.1:${gate.port}/team/app:1`
    const started = await call('transfers.push', { source, target })
    expect(started.engine).toBe(first.label)
    // Held at the registry: still running when the engine changes under it.
    await expect.poll(() => gate.held(), { timeout: 30_000 }).toBeGreaterThan(0)
    const switched = await call('engine.use', { endpoint: proxy.endpoint.label })
    expect(switched).toMatchObject({ state: 'connected', engine: { endpoint: proxy.endpoint.label } })
    expect(ended.has(started.id)).toBe(false)

    gate.open()
    await expect.poll(() => ended.has(started.id), { timeout: 60_000, interval: 50 }).toBe(true)
    expect(ended.get(started.id)).toMatchObject({ state: 'done', engine: first.label })
    const tags = (await (await fetch(`http://${registry.address}/v2/team/app/tags/list`)).json()) as { tags: string[] }
    expect(tags.tags).toEqual(['1'])

    const next = await call('transfers.push', { source, target: `127.0.0.1:${gate.port}/team/app:2` })
    expect(next.engine).toBe(proxy.endpoint.label)
    await expect.poll(() => ended.has(next.id), { timeout: 60_000, interval: 50 }).toBe(true)
    expect(ended.get(next.id)).toMatchObject({ state: 'done', engine: proxy.endpoint.label })
    off()
  })
})
