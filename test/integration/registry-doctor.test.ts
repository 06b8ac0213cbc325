// The registry doctor against real registries, through the whole backend (services + dispatch):
// plain HTTP, TLS with a self-signed CA (without, then with the CA file), a stopped registry, a
// web server that is not a registry, Basic auth without and with credentials, deletes off.
// Each step's verdict and what it saw are asserted. Registries are added by address alone.
import { readFile, rm } from 'node:fs/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DoctorReport, RegistryEntry } from '@shared/contract'
import type { Services } from '../../src/main/services'
import { startBackend, type Call, type TestBackend } from '../support/backend'
import { CONNECTS, PLAIN_REGISTRY, SKIPPED, step, verdicts } from '../support/doctor'
import { describeEngine } from '../support/describeEngine'
import { expectedHttpAdvice } from '../support/engine'
import { htpasswdLine, makeSelfSignedCert, startFakeServer, startRegistry, startTokenServer, type CertFiles, type FakeServer, type TestRegistry } from '../support/registries'


describeEngine('registry doctor', () => {
  let backend: TestBackend
  let services: Services
  let call: Call
  let plain: TestRegistry
  let deletesOff: TestRegistry
  let secure: TestRegistry
  let basic: TestRegistry
  let stopped: TestRegistry
  let web: FakeServer
  let cert: CertFiles

  beforeAll(async () => {
    backend = await startBackend('doctor')
    ;({ services, call } = backend)
    cert = await makeSelfSignedCert()
    ;[plain, deletesOff, secure, basic, stopped] = await Promise.all([
      startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } }),
      startRegistry(),
      startRegistry({ tls: cert, env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } }),
      startRegistry({
        env: { REGISTRY_AUTH: 'htpasswd', REGISTRY_AUTH_HTPASSWD_REALM: 'berth', REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd', REGISTRY_STORAGE_DELETE_ENABLED: 'true' },
        files: { '/auth/htpasswd': await htpasswdLine('alice', 'wonderland') }
      }),
      startRegistry()
    ])
    web = await startFakeServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', server: 'berth-test-web/1.0' })
      res.end('<html><body>Welcome</body></html>')
    })
  })

  afterAll(async () => {
    await backend?.close()
    await Promise.all([plain, deletesOff, secure, basic, stopped].map((r) => r?.stop()))
    await web?.close()
    if (cert) await rm(cert.dir, { recursive: true, force: true })
  })

  // Added as a new user would: the address alone (Automatic scheme).
  const add = (address: string, extra: Record<string, unknown> = {}): Promise<RegistryEntry> => call('registries.add', { address, ...extra })
  const doctor = (id: string): Promise<DoctorReport> => call('registries.doctor', { id })

  it('a plain-HTTP registry: added by address alone as HTTP, every step passes, the engine accepts it on 127.0.0.1', async () => {
    const entry = await add(plain.address)
    expect(entry.scheme).toBe('http')
    const r = await doctor(entry.id)
    expect(verdicts(r)).toEqual({
      ...PLAIN_REGISTRY,
      deletes: 'ok deletes.enabled',
      engine: 'ok engine.acceptsHttp'
    })
    expect(r.schemeFound).toBe('http')
    expect(step(r, 'registry').seen.params).toMatchObject({ apiVersion: 'registry/2.0' })
    expect(step(r, 'engine').seen.params).toMatchObject({ local: true, loopbackElsewhere: false })
    expect(r.steps.every((s) => s.verdict !== 'failed' && !s.fix)).toBe(true)
  })

  it('a registry with deletes off: the probe changes nothing and says how to turn them on', async () => {
    const r = await doctor((await add(deletesOff.address)).id)
    expect(verdicts(r)).toMatchObject({ registry: 'ok registry.ok', catalog: 'ok catalog.ok', deletes: 'failed deletes.off' })
    expect(step(r, 'deletes').fix).toEqual({ code: 'deletes.enableFix' })
    expect(step(r, 'deletes').seen.params).toMatchObject({ status: 405, registryCode: 'UNSUPPORTED' })
  })

  it('a stopped registry: the TCP step fails as refused, with its fix; later steps are skipped', async () => {
    const address = stopped.address
    const entry = await add(address, { scheme: 'http' })
    await stopped.stop()
    const r = await doctor(entry.id)
    expect(verdicts(r)).toEqual({
      address: 'ok address.ok',
      resolve: 'ok resolve.literal',
      tcp: 'failed tcp.refused',
      tls: SKIPPED,
      registry: SKIPPED,
      auth: SKIPPED,
      catalog: SKIPPED,
      deletes: SKIPPED,
      engine: 'ok engine.acceptsHttp'
    })
    expect(step(r, 'tcp').fix).toEqual({ code: 'tcp.refusedFix', params: { port: Number(address.split(':')[1]) } })
  })

  it('a web server that is not a registry is named as such', async () => {
    const r = await doctor((await add(web.address)).id)
    expect(verdicts(r)).toMatchObject({ tcp: 'ok tcp.ok', tls: 'ok tls.plainHttp', registry: 'failed registry.notRegistry', auth: SKIPPED })
    expect(step(r, 'registry').seen.params).toEqual({ status: 200, server: 'berth-test-web/1.0', contentType: 'text/html' })
    expect(step(r, 'registry').fix?.code).toBe('registry.notRegistryFix')
  })

  it('TLS with a self-signed CA: untrusted without the CA file, every step passes with it', async () => {
    const entry = await add(secure.address)
    expect(entry.scheme).toBe('https')
    const without = await doctor(entry.id)
    expect(verdicts(without)).toEqual({
      ...CONNECTS,
      tls: 'failed tls.untrusted',
      registry: SKIPPED,
      auth: SKIPPED,
      catalog: SKIPPED,
      deletes: SKIPPED,
      engine: 'ok engine.https'
    })
    expect(step(without, 'tls').seen.params).toMatchObject({ subject: 'berth-test', issuer: 'berth-test', error: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    expect(step(without, 'tls').fix?.code).toBe('tls.trustFix')

    await call('registries.update', { id: entry.id, caPem: await readFile(cert.certFile, 'utf8') })
    const withCa = await doctor(entry.id)
    expect(verdicts(withCa)).toEqual({
      ...CONNECTS,
      tls: 'ok tls.ok',
      registry: 'ok registry.ok',
      auth: 'ok auth.anonymous',
      catalog: 'ok catalog.ok',
      deletes: 'ok deletes.enabled',
      engine: 'ok engine.https'
    })
    // Where this engine (Docker or Podman) looks for the registry's CA.
    expect(step(withCa, 'engine').seen.params).toMatchObject({ certsDir: (await expectedHttpAdvice(secure.address)).certsDir })
  })

  it('Basic auth: sign-in needed without credentials, signed in with them; no secret in the report', async () => {
    const entry = await add(basic.address)
    const without = await doctor(entry.id)
    expect(verdicts(without)).toMatchObject({
      registry: 'ok registry.challenge',
      auth: 'failed auth.needed',
      catalog: SKIPPED,
      deletes: SKIPPED,
      engine: 'ok engine.acceptsHttp'
    })
    expect(step(without, 'auth').fix).toEqual({ code: 'auth.signInFix', params: { address: basic.address } })

    await call('credentials.set', { registry: basic.address, username: 'alice', password: 'wrong-one' })
    expect(verdicts(await doctor(entry.id))).toMatchObject({ auth: 'failed auth.denied', catalog: SKIPPED })

    await call('credentials.set', { registry: basic.address, username: 'alice', password: 'wonderland' })
    const withCreds = await doctor(entry.id)
    expect(verdicts(withCreds)).toMatchObject({ registry: 'ok registry.challenge', auth: 'ok auth.signedIn', catalog: 'ok catalog.ok', deletes: 'ok deletes.enabled' })
    expect(step(withCreds, 'auth').seen.params).toEqual({ auth: 'basic', username: 'alice' })
    expect(JSON.stringify(withCreds)).not.toContain('wonderland')
  })

  it('Bearer token auth: the token service, which credentials work, and what they may do', async () => {
    const tokens = await startTokenServer({
      users: { alice: 'wonderland', reader: 'r34d' },
      // reader may only pull: no catalog, no delete.
      grant: (user, _type, _name, actions) => (user === 'alice' ? actions : user === 'reader' ? actions.filter((a) => a === 'pull') : [])
    })
    const reg = await startRegistry({ env: { ...tokens.registryEnv(), REGISTRY_STORAGE_DELETE_ENABLED: 'true' }, binds: [`${tokens.certFile}:/token/cert.pem:ro`] })
    try {
      const entry = await add(reg.address)
      expect(verdicts(await doctor(entry.id))).toMatchObject({ registry: 'ok registry.challenge', auth: 'failed auth.needed', catalog: SKIPPED })

      await call('credentials.set', { registry: reg.address, username: 'reader', password: 'r34d' })
      const reader = await doctor(entry.id)
      expect(verdicts(reader)).toMatchObject({ auth: 'ok auth.signedIn', catalog: 'failed catalog.refused', deletes: 'failed deletes.denied' })
      expect(step(reader, 'auth').seen.params).toEqual({ auth: 'bearer', username: 'reader' })
      expect(step(reader, 'catalog').fix?.code).toBe('catalog.openByName')

      await call('credentials.set', { registry: reg.address, username: 'alice', password: 'wonderland' })
      expect(verdicts(await doctor(entry.id))).toMatchObject({ auth: 'ok auth.signedIn', catalog: 'ok catalog.ok', deletes: 'ok deletes.enabled' })

      // The token service goes away: the registry still answers, but no token comes back.
      await tokens.close()
      const noTokens = await doctor(entry.id)
      expect(verdicts(noTokens)).toMatchObject({ registry: 'ok registry.challenge', auth: 'failed auth.tokenFailed', catalog: SKIPPED })
      expect(step(noTokens, 'auth').fix).toEqual({ code: 'auth.tokenFix', params: { address: reg.address } })
      expect(JSON.stringify(noTokens)).not.toContain('wonderland')
    } finally {
      await reg.stop()
      await tokens.close().catch(() => undefined)
    }
  })

  it('streams each step as it finishes', async () => {
    const entry = services.registries.findByAddress(plain.address)!
    const seen: string[] = []
    const off = services.events.on('doctor.step', (e) => {
      if (e.runId === 'run-1') seen.push(e.step.id)
    })
    await call('registries.doctor', { id: entry.id, runId: 'run-1' })
    off()
    expect(seen).toEqual(['address', 'resolve', 'tcp', 'tls', 'registry', 'auth', 'catalog', 'deletes', 'engine'])
  })
})
