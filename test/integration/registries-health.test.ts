// Health of real registries through the whole backend (services + dispatch): reachable, needs
// auth until credentials are saved, down; and a push that needs those credentials.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CallResults, RegistryHealth } from '@shared/contract'
import { createDispatch } from '../../src/main/dispatch'
import { createHandlers } from '../../src/main/handlers'
import { createServices, type Services } from '../../src/main/services'
import { describeEngine } from '../support/describeEngine'
import { dockerOptionsFromEnv, testDocker } from '../support/engine'
import { freePort } from '../support/http'
import { buildImage, cleanupByPrefix } from '../support/images'
import { htpasswdLine, startRegistry, type TestRegistry } from '../support/registries'

const prefix = `berth-it-reghealth-${process.pid}`
const docker = testDocker()

describeEngine('registry health and credentials', () => {
  let dataDir: string
  let services: Services
  let call: <K extends keyof CallResults>(name: K, args?: unknown) => Promise<CallResults[K]>
  let open: TestRegistry
  let locked: TestRegistry
  let closedPort: number

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'berth-it-reghealth-'))
    // No Docker config of the developer's may leak into the credential lookup.
    process.env.DOCKER_CONFIG = join(dataDir, 'docker-config')
    services = createServices({ dataDir, endpoints: [{ label: 'test', options: dockerOptionsFromEnv() }], webMode: true })
    await services.engine.check()
    const dispatch = createDispatch(createHandlers(services))
    call = async (name, args) => {
      const r = await dispatch(name, args)
      if (!r.ok) throw Object.assign(new Error(r.error.message), r.error)
      return r.value as never
    }
    ;[open, locked] = await Promise.all([
      startRegistry(),
      startRegistry({
        env: { REGISTRY_AUTH: 'htpasswd', REGISTRY_AUTH_HTPASSWD_REALM: 'berth', REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd' },
        files: { '/auth/htpasswd': await htpasswdLine('alice', 'wonderland') }
      })
    ])
    closedPort = await freePort()
    await buildImage(docker, { tag: `${prefix}/app:1`, layers: [{ path: '/a', size: 200_000 }] })
  })

  afterAll(async () => {
    await services?.dispose()
    await Promise.all([open?.stop(), locked?.stop()])
    await cleanupByPrefix(docker, prefix)
    rmSync(dataDir, { recursive: true, force: true })
    delete process.env.DOCKER_CONFIG
  })

  const healthOf = async (id: string): Promise<RegistryHealth> => {
    for (let i = 0; i < 200; i++) {
      const h = (await call('registries.health')).find((x) => x.id === id)
      if (h && h.state !== 'checking') return h
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error('health check never finished')
  }

  it('tells reachable, auth-required and down apart without blocking the list', async () => {
    const a = await call('registries.add', { name: 'Open', address: open.address, scheme: 'http' })
    const b = await call('registries.add', { name: 'Locked', address: locked.address, scheme: 'http' })
    const c = await call('registries.add', { name: 'Gone', address: `127.0.0.1:${closedPort}`, scheme: 'http' })
    expect((await call('registries.list')).map((e) => e.name)).toEqual(['Open', 'Locked', 'Gone'])
    expect((await healthOf(a.id)).state).toBe('reachable')
    expect(await healthOf(b.id)).toMatchObject({ state: 'auth-required' })
    const down = await healthOf(c.id)
    expect(down.state).toBe('down')
    expect(down.error).toMatch(/refused|reach/i)
  })

  it('saves credentials (0600 file, never returned), turning auth-required into reachable', async () => {
    const entry = (await call('registries.list')).find((e) => e.name === 'Locked')!
    const info = await call('credentials.set', { registry: locked.address, username: 'alice', password: 'wonderland' })
    expect(info).toMatchObject({ source: 'berth', username: 'alice' })
    expect(info.protection).toMatch(/unencrypted|only your user/)
    expect(JSON.stringify(info)).not.toContain('wonderland')
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600)
    expect((await call('registries.check', { id: entry.id })).state).toBe('reachable')
    expect(await call('credentials.status', { registry: locked.address })).toMatchObject({ source: 'berth', username: 'alice' })
  })

  it('pushes to the registry that needs auth with the saved credentials, and says what to do without them', async () => {
    const target = `${locked.address}/${prefix}/app:1`
    const ok = await call('transfers.push', { source: `${prefix}/app:1`, target })
    const done = await services.transfers.wait(ok.id)
    expect(done.digest).toMatch(/^sha256:/)

    await call('credentials.clear', { registry: locked.address })
    expect((await call('credentials.status', { registry: locked.address })).source).toBe('none')
    const denied = await call('transfers.push', { source: `${prefix}/app:1`, target: `${locked.address}/${prefix}/other:1` })
    const err = await services.transfers.wait(denied.id).catch((e: { code: string; hint?: string }) => e)
    expect(err).toMatchObject({ code: 'AUTH_REQUIRED' })
    expect((err as { hint?: string }).hint).toMatch(/credentials/i)
  })

  it('lists transfers and refuses a load by path in the web mode', async () => {
    expect((await call('transfers.list')).length).toBeGreaterThanOrEqual(2)
    await expect(call('transfers.load', { path: '/etc/passwd' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})
