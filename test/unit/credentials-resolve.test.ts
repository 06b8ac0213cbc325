import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HelperResult } from '../../src/main/credentials/helper'
import { createCredentialResolver, toRegistryAuthHeader } from '../../src/main/credentials/resolve'
import { CredentialStore, plainSecretBox } from '../../src/main/credentials/store'
import { tempDirs } from '../support/tempDirs'

const b64 = (s: string): string => Buffer.from(s).toString('base64')

const tempDir = tempDirs()

function dockerConfigDir(config: unknown): string {
  const dir = tempDir('resolve')
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  return dir
}

/** A fake helper runner that records calls and answers from a table of helper → url → result. */
function fakeHelpers(table: Record<string, Record<string, HelperResult>>) {
  const calls: string[] = []
  const runHelper = async (helper: string, url: string): Promise<HelperResult> => {
    calls.push(`${helper} ${url}`)
    if (!table[helper]) return { status: 'missing', command: `docker-credential-${helper}` }
    return table[helper][url] ?? { status: 'not-found' }
  }
  return { calls, runHelper }
}

describe('createCredentialResolver', () => {
  const config = {
    auths: { 'localhost:5000': { auth: b64('fileuser:filepass') }, 'reg.lan:5000': {}, 'https://index.docker.io/v1/': {} },
    credsStore: 'desktop',
    credHelpers: { 'reg.lan:5000': 'pass' }
  }

  it("Berth's store comes first", async () => {
    const store = new CredentialStore({ file: join(tempDir('r'), 'c.json'), box: plainSecretBox })
    await store.set('localhost:5000', { username: 'berthuser', password: 'berthpass' })
    const { calls, runHelper } = fakeHelpers({})
    const r = createCredentialResolver({ store, env: { DOCKER_CONFIG: dockerConfigDir(config) }, runHelper })
    expect(await r.resolveCredentials('localhost:5000')).toEqual({ username: 'berthuser', password: 'berthpass', source: 'berth' })
    expect(calls).toEqual([])
  })

  it('then the credential helper: credHelpers[host] wins over credsStore, asked with the auths key', async () => {
    const { calls, runHelper } = fakeHelpers({
      pass: { 'reg.lan:5000': { status: 'found', credentials: { username: 'passuser', password: 'pw' } } },
      desktop: { 'https://index.docker.io/v1/': { status: 'found', credentials: { identitytoken: 'tok' } } }
    })
    const r = createCredentialResolver({ env: { DOCKER_CONFIG: dockerConfigDir(config) }, runHelper })
    expect(await r.resolveCredentials('https://reg.lan:5000')).toEqual({ username: 'passuser', password: 'pw', source: 'credential-helper', helper: 'pass' })
    expect(await r.resolveCredentials('docker.io')).toEqual({ identitytoken: 'tok', source: 'credential-helper', helper: 'desktop' })
    expect(calls).toEqual(['pass reg.lan:5000', 'desktop https://index.docker.io/v1/'])
  })

  it('then config.json auths when the helper has nothing', async () => {
    const { runHelper } = fakeHelpers({ desktop: {} })
    const r = createCredentialResolver({ env: { DOCKER_CONFIG: dockerConfigDir(config) }, runHelper })
    expect(await r.resolveCredentials('localhost:5000')).toEqual({ username: 'fileuser', password: 'filepass', source: 'docker-config' })
    expect(await r.resolveCredentials('nowhere:1')).toBeUndefined()
  })

  it('no config file at all means no credentials (not an error)', async () => {
    const r = createCredentialResolver({ dockerConfigPath: join(tmpdir(), 'berth-no-such-dir', 'config.json') })
    expect(await r.resolveCredentials('localhost:5000')).toBeUndefined()
    expect(await r.credentialStatus('localhost:5000')).toEqual({ source: 'none' })
  })

  it('credentialStatus reports source and user name, never a secret, and why a helper gave nothing', async () => {
    const { runHelper } = fakeHelpers({ pass: { 'reg.lan:5000': { status: 'found', credentials: { username: 'passuser', password: 'TOPSECRET' } } } })
    const r = createCredentialResolver({ env: { DOCKER_CONFIG: dockerConfigDir(config) }, runHelper })
    const s = await r.credentialStatus('reg.lan:5000')
    expect(s).toEqual({ source: 'credential-helper', username: 'passuser', helper: 'pass' })
    expect(JSON.stringify(s)).not.toContain('TOPSECRET')

    // credsStore "desktop" is not installed here: fall back to the file, and say so.
    const local = await r.credentialStatus('localhost:5000')
    expect(local).toMatchObject({ source: 'docker-config', username: 'fileuser' })
    expect(local.warning).toMatch(/docker-credential-desktop was not found/)
    expect(JSON.stringify(local)).not.toContain('filepass')
  })

  it('a broken Berth secret fails resolution loudly but only warns in the status', async () => {
    const file = join(tempDir('r'), 'c.json')
    await new CredentialStore({ file, box: plainSecretBox }).set('localhost:5000', { username: 'u', password: 'p' })
    const store = new CredentialStore({ file, box: { ...plainSecretBox, decrypt: () => { throw new Error('x') } } })
    const r = createCredentialResolver({ store, dockerConfigPath: join(tmpdir(), 'berth-none', 'config.json') })
    await expect(r.resolveCredentials('localhost:5000')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    expect(await r.credentialStatus('localhost:5000')).toMatchObject({ source: 'none', warning: expect.stringMatching(/decrypted/) })
  })
})

describe('toRegistryAuthHeader', () => {
  const decode = (h: string): unknown => JSON.parse(Buffer.from(h.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'))

  it('is base64url JSON with serveraddress without scheme, and only the auth fields', () => {
    const creds = { username: 'ü>?', password: '~~~???>>>', source: 'berth' as const }
    const h = toRegistryAuthHeader(creds, 'https://reg.lan:5000')
    expect(h).not.toMatch(/[+/]/)
    expect(h.length % 4).toBe(0) // padded, as the engine's decoder expects
    expect(decode(h)).toEqual({ username: 'ü>?', password: '~~~???>>>', serveraddress: 'reg.lan:5000' })
  })

  it('sends an identity token instead of a password', () => {
    expect(decode(toRegistryAuthHeader({ identitytoken: 'tok' }, 'localhost:5000'))).toEqual({ identitytoken: 'tok', serveraddress: 'localhost:5000' })
  })
})
