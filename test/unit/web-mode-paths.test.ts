import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch, type Dispatch } from '../../src/main/dispatch'
import { createHandlers } from '../../src/main/handlers'
import { createServices, type Services } from '../../src/main/services'
import { startFakeEngine, type FakeEngine } from '../support/fakeEngine'

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n'

describe('the web mode reads no server paths', () => {
  let engine: FakeEngine
  let dataDir: string
  let services: Services
  let call: Dispatch

  beforeAll(async () => {
    engine = await startFakeEngine()
    dataDir = join(mkdtempSync(join(tmpdir(), 'berth-webpaths-')), 'data')
    services = createServices({ dataDir, webMode: true, endpoints: [{ label: 'fake', options: { socketPath: engine.socketPath } }] })
    call = createDispatch(createHandlers(services))
  })
  afterAll(async () => {
    await services.dispose()
    await engine.close()
    rmSync(join(dataDir, '..'), { recursive: true, force: true })
  })

  it('creates the data directory for this user only', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
  })

  it.each([
    ['localRegistry.loadImage', { path: '/etc/passwd' }],
    ['transfers.load', { path: '/etc/passwd' }],
    ['transfers.import', { path: '/etc/passwd', registryId: 'any' }],
    ['registries.add', { address: 'registry.example.com', scheme: 'https', caFile: '/etc/passwd' }]
  ])('refuses %s with a path and says to upload instead', async (name, args) => {
    const r = await call(name, args)
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/upload the file instead/) } })
  })

  it('writes no export to a server path and has no save dialog: the browser downloads the archive', async () => {
    const from = { kind: 'registry', registryId: 'any', repository: 'team/app', tags: ['1'] }
    expect(await call('transfers.export', { from, path: join(dataDir, 'x.tar') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/browser downloads it/) } })
    expect(await call('archive.choosePath', { defaultName: 'x.tar', filterName: 'Image archive' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('keeps an uploaded CA in its data directory and lets the entry keep that file', async () => {
    const added = await call('registries.add', { address: 'registry.example.com', scheme: 'https', caPem: PEM })
    if (!added.ok) throw new Error(added.error.message)
    const entry = added.value as { id: string; caFile: string }
    expect(entry.caFile.startsWith(join(dataDir, 'ca'))).toBe(true)
    expect(readFileSync(entry.caFile, 'utf8')).toBe(PEM)
    expect(statSync(entry.caFile).mode & 0o777).toBe(0o600)
    // The dialog sends the stored path back unchanged: accepted. Another path: refused.
    expect((await call('registries.update', { id: entry.id, name: 'Team', caFile: entry.caFile })).ok).toBe(true)
    expect(await call('registries.update', { id: entry.id, caFile: '/etc/hostname' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/upload the file instead/) } })
    expect(await call('registries.add', { address: 'other.example.com', scheme: 'https', caPem: 'not a certificate' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
