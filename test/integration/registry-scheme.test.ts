// The scheme of a registry: Automatic finds it (HTTPS first, HTTP when the port answers plain
// HTTP), a pasted http:// or https:// decides, and when a registry changes (TLS put in front or
// taken away) the health check switches the entry and says so; nothing else about it changes.
import { readFile, rm } from 'node:fs/promises'
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { BerthEvents } from '@shared/contract'
import type { Services } from '../../src/main/services'
import { startBackend, type Call, type TestBackend } from '../support/backend'
import { describeEngine } from '../support/describeEngine'
import { freePort } from '../support/http'
import { makeSelfSignedCert, startRegistry, type CertFiles, type TestRegistry } from '../support/registries'

describeEngine('registry scheme: automatic, pasted, switched', () => {
  let backend: TestBackend
  let services: Services
  let call: Call
  let plain: TestRegistry
  let secure: TestRegistry
  let cert: CertFiles
  let closedPort: number
  const switched: Array<BerthEvents['registries.schemeChanged']> = []

  beforeAll(async () => {
    backend = await startBackend('scheme')
    ;({ services, call } = backend)
    services.events.on('registries.schemeChanged', (e) => switched.push(e))
    cert = await makeSelfSignedCert()
    ;[plain, secure] = await Promise.all([startRegistry(), startRegistry({ tls: cert })])
    closedPort = await freePort()
  })

  afterAll(async () => {
    await backend?.close()
    await Promise.all([plain?.stop(), secure?.stop()])
    if (cert) await rm(cert.dir, { recursive: true, force: true })
  })

  it('Automatic: HTTP for a port that answers plain HTTP, HTTPS for a TLS port and when nothing answers', async () => {
    expect((await call('registries.add', { address: plain.address })).scheme).toBe('http')
    expect((await call('registries.add', { address: secure.address, scheme: 'auto', caPem: await readFile(cert.certFile, 'utf8') })).scheme).toBe('https')
    expect((await call('registries.add', { address: `127.0.0.1:${closedPort}` })).scheme).toBe('https')
  })

  it('a pasted prefix decides; an explicit choice wins', async () => {
    const pasted = await call('registries.add', { address: `http://localhost:${closedPort}/` })
    expect(pasted).toMatchObject({ address: `localhost:${closedPort}`, scheme: 'http' })
    const explicit = await call('registries.update', { id: pasted.id, scheme: 'https' })
    expect(explicit.scheme).toBe('https')
  })

  it('TLS taken away: an HTTPS entry for a plain-HTTP registry switches to HTTP on its health check', async () => {
    const entry = services.registries.findByAddress(plain.address)!
    // The update checks the entry again on its own and may switch it before the call below: listen from here.
    switched.length = 0
    const stale = await call('registries.update', { id: entry.id, scheme: 'https', name: 'Team' })
    expect(stale.scheme).toBe('https')
    const health = await call('registries.check', { id: entry.id })
    expect(health.state).toBe('reachable')
    expect(services.registries.get(entry.id)).toEqual({ ...stale, scheme: 'http' })
    expect(switched).toEqual([{ id: entry.id, name: 'Team', address: plain.address, from: 'https', to: 'http' }])
  })

  it('TLS put in front: an HTTP entry for a TLS registry switches to HTTPS on its health check', async () => {
    const entry = services.registries.findByAddress(secure.address)!
    switched.length = 0
    const stale = await call('registries.update', { id: entry.id, scheme: 'http' })
    expect((await call('registries.check', { id: entry.id })).state).toBe('reachable')
    expect(services.registries.get(entry.id)).toEqual({ ...stale, scheme: 'https' })
    expect(switched).toMatchObject([{ id: entry.id, from: 'http', to: 'https' }])
  })

  it('browsing notices too: TLS put in front of a registry being browsed switches it on the next catalog load', async () => {
    // A port of the test that forwards to the plain registry, then (TLS "put in front") to the TLS one.
    const proxy = await startSwitchableProxy(Number(plain.address.split(':')[1]))
    try {
      const entry = await call('registries.add', { address: proxy.address, name: 'Proxied', caPem: await readFile(cert.certFile, 'utf8') })
      expect(entry.scheme).toBe('http')
      await call('registries.check', { id: entry.id }) // waits for the add's own check
      expect((await call('browse.catalogPage', { registryId: entry.id })).repositories).toEqual([])
      proxy.target(Number(secure.address.split(':')[1]))
      switched.length = 0
      const changed = new Promise<void>((resolve) => {
        const off = services.events.on('registries.schemeChanged', () => (off(), resolve()))
      })
      // No health check runs now (the next is a minute away): only this failed load can notice. It
      // fails as "HTTP to an HTTPS port", or as a dropped connection when it was sent on a kept-alive one.
      await expect(call('browse.catalogPage', { registryId: entry.id })).rejects.toMatchObject({ code: expect.stringMatching(/^REGISTRY_(HTTP_REFUSED|UNREACHABLE)$/) })
      await changed
      expect(switched).toEqual([{ id: entry.id, name: 'Proxied', address: proxy.address, from: 'http', to: 'https' }])
      expect((await call('browse.catalogPage', { registryId: entry.id })).repositories).toEqual([])
    } finally {
      await proxy.close()
    }
  })

  it('a registry that is down keeps its scheme', async () => {
    const entry = services.registries.findByAddress(`127.0.0.1:${closedPort}`)!
    switched.length = 0
    expect((await call('registries.check', { id: entry.id })).state).toBe('down')
    expect(services.registries.get(entry.id).scheme).toBe('https')
    expect(switched).toEqual([])
  })
})

/** A TCP forwarder on 127.0.0.1 whose target port can change; switching cuts every open connection. */
async function startSwitchableProxy(initial: number): Promise<{ address: string; target(port: number): void; close(): Promise<void> }> {
  let port = initial
  const open = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1')
    for (const s of [client, upstream]) {
      open.add(s)
      s.on('close', () => open.delete(s))
      s.on('error', () => s.destroy())
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const cut = (): void => open.forEach((s) => s.destroy())
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    target(next) {
      port = next
      cut()
    },
    close: () => new Promise<void>((r) => (cut(), server.close(() => r())))
  }
}
