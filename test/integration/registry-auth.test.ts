// Real registry:2 with auth: htpasswd Basic over TLS with a self-signed CA, and Bearer token
// auth against a token server run by the test (ES256 JWT with an x5c chain).
import { readFile, rm } from 'node:fs/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createRegistryClient, type RegistryClient } from '../../src/main/registry'
import { describeEngine } from '../support/describeEngine'
import { closeSeedConnections, htpasswdLine, makeSelfSignedCert, seedImage, startRegistry, startTokenServer, type CertFiles, type TestRegistry, type TokenServer } from '../support/registries'
import { basicAuth } from '../support/http'

const clients: RegistryClient[] = []
function client(opts: Parameters<typeof createRegistryClient>[0]): RegistryClient {
  const c = createRegistryClient(opts)
  clients.push(c)
  return c
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await closeSeedConnections()
})

describeEngine('htpasswd Basic auth over TLS with a self-signed CA', () => {
  let reg: TestRegistry
  let cert: CertFiles
  let ca: string
  const creds = async () => ({ username: 'berth', password: 'p4ss-w0rd' })

  beforeAll(async () => {
    cert = await makeSelfSignedCert()
    ca = await readFile(cert.certFile, 'utf8')
    reg = await startRegistry({
      tls: { certFile: cert.certFile, keyFile: cert.keyFile },
      files: { '/auth/htpasswd': await htpasswdLine('berth', 'p4ss-w0rd') },
      env: { REGISTRY_AUTH: 'htpasswd', REGISTRY_AUTH_HTPASSWD_REALM: 'Berth Test Realm', REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd' }
    })
    await seedImage(reg.address, 'secure/app', 'v1', { scheme: 'https', ca, authorization: basicAuth('berth', 'p4ss-w0rd'), layers: 1 })
  })

  afterAll(async () => {
    await reg?.stop()
    if (cert) await rm(cert.dir, { recursive: true, force: true })
  })

  it('TLS_UNTRUSTED without the CA file', async () => {
    const c = client({ address: reg.address, scheme: 'https', credentials: creds })
    expect(await c.ping()).toMatchObject({ state: 'down', errorCode: 'TLS_UNTRUSTED', hint: expect.stringMatching(/CA file/) })
    await expect(c.tags('secure/app')).rejects.toMatchObject({ code: 'TLS_UNTRUSTED' })
  })

  it('works with the CA file and credentials', async () => {
    const c = client({ address: reg.address, scheme: 'https', caFile: cert.certFile, credentials: creds })
    expect(await c.ping()).toMatchObject({ state: 'reachable', authScheme: 'basic' })
    expect(await c.tags('secure/app')).toEqual(['v1'])
    expect((await c.catalogPage()).repositories).toContain('secure/app')
    expect((await c.describeTag('secure/app', 'v1')).config?.os).toBe('linux')
  })

  it('insecureSkipVerify also connects', async () => {
    const c = client({ address: reg.address, scheme: 'https', insecureSkipVerify: true, credentials: creds })
    expect(await c.tags('secure/app')).toEqual(['v1'])
  })

  it('AUTH_REQUIRED without credentials, AUTH_DENIED with a wrong password', async () => {
    const anon = client({ address: reg.address, scheme: 'https', caFile: cert.certFile })
    expect(await anon.ping()).toMatchObject({ state: 'auth-required', authScheme: 'basic', errorCode: 'AUTH_REQUIRED' })
    await expect(anon.tags('secure/app')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    await expect(anon.catalogPage()).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    const wrong = client({ address: reg.address, scheme: 'https', caFile: cert.certFile, credentials: async () => ({ username: 'berth', password: 'nope-nope' }) })
    const err = await wrong.tags('secure/app').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'AUTH_DENIED' })
    expect(JSON.stringify(err) + String(err)).not.toContain('nope-nope')
  })

  it('plain HTTP against the TLS registry says to use https', async () => {
    const c = client({ address: reg.address, scheme: 'http', credentials: creds })
    const p = await c.ping()
    expect(p).toMatchObject({ state: 'down', errorCode: 'REGISTRY_HTTP_REFUSED', hint: expect.stringMatching(/https/) })
  })
})

describeEngine('Bearer token auth (registry:2 REGISTRY_AUTH=token)', () => {
  let reg: TestRegistry
  let tokens: TokenServer

  beforeAll(async () => {
    tokens = await startTokenServer({
      users: { alice: 'wonderland', reader: 'r34d' },
      // reader may only pull; alice gets whatever she asks for.
      grant: (user, _type, _name, actions) => (user === 'alice' ? actions : user === 'reader' ? actions.filter((a) => a === 'pull') : [])
    })
    reg = await startRegistry({ env: { ...tokens.registryEnv(), REGISTRY_STORAGE_DELETE_ENABLED: 'true' }, binds: [`${tokens.certFile}:/token/cert.pem:ro`] })
    const push = `Bearer ${tokens.mint(['repository:tok/app:pull,push'], 'alice')}`
    await seedImage(reg.address, 'tok/app', 'v1', { authorization: push, layers: 1 })
    await seedImage(reg.address, 'tok/app', 'v2', { authorization: push, layers: 1 })
  })

  afterAll(async () => {
    await reg?.stop()
    await tokens?.close()
  })

  it('gets, caches and reuses tokens per scope', async () => {
    const c = client({ address: reg.address, scheme: 'http', credentials: async () => ({ username: 'alice', password: 'wonderland' }) })
    expect(await c.ping()).toMatchObject({ state: 'reachable', authScheme: 'bearer' })
    const before = tokens.issued.length
    expect(await c.tags('tok/app')).toEqual(['v1', 'v2'])
    expect(await c.tags('tok/app')).toEqual(['v1', 'v2'])
    const d = await c.describeTag('tok/app', 'v2')
    expect(d.layers).toHaveLength(1)
    const asked = tokens.issued.slice(before).map((i) => i.scopes.join(' '))
    expect(asked).toEqual(['repository:tok/app:pull'])
    expect((await c.catalogPage()).repositories).toContain('tok/app')
  })

  it('AUTH_REQUIRED anonymously, AUTH_DENIED with a wrong password', async () => {
    const anon = client({ address: reg.address, scheme: 'http' })
    expect(await anon.ping()).toMatchObject({ state: 'auth-required', authScheme: 'bearer', errorCode: 'AUTH_REQUIRED' })
    await expect(anon.tags('tok/app')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    const wrong = client({ address: reg.address, scheme: 'http', credentials: async () => ({ username: 'alice', password: 'queen' }) })
    await expect(wrong.tags('tok/app')).rejects.toMatchObject({ code: 'AUTH_DENIED' })
  })

  it('a pull-only grant cannot delete: insufficient_scope retried once, then AUTH_DENIED', async () => {
    const c = client({ address: reg.address, scheme: 'http', credentials: async () => ({ username: 'reader', password: 'r34d' }) })
    const digest = (await c.headManifest('tok/app', 'v1')).digest
    const before = tokens.issued.length
    await expect(c.deleteManifest('tok/app', digest)).rejects.toMatchObject({ code: 'AUTH_DENIED' })
    expect(tokens.issued.length - before).toBe(2)
    expect(tokens.issued.slice(before).every((i) => i.scopes.join(' ').includes('delete'))).toBe(true)
  })

  it('a full grant deletes', async () => {
    const c = client({ address: reg.address, scheme: 'http', credentials: async () => ({ username: 'alice', password: 'wonderland' }) })
    const digest = (await c.headManifest('tok/app', 'v1')).digest
    expect(await c.tagsSharingDigest('tok/app', digest)).toEqual(['v1'])
    await c.deleteManifest('tok/app', digest)
    expect(await c.tags('tok/app')).toEqual(['v2'])
  })
})
