import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeAuthEntry, dockerConfigPath, findAuthEntry, helperFor, parseDockerConfig, readDockerConfig } from '../../src/main/credentials/dockerConfig'
import { helperServerUrl, registryKey } from '../../src/main/credentials/registryKey'
import { tempDirs } from '../support/tempDirs'

const b64 = (s: string): string => Buffer.from(s).toString('base64')
const tempDir = tempDirs()

describe('dockerConfigPath', () => {
  it('honours DOCKER_CONFIG, else ~/.docker/config.json', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/etc/dc' }, '/home/u')).toBe(join('/etc/dc', 'config.json'))
    expect(dockerConfigPath({}, '/home/u')).toBe(join('/home/u', '.docker', 'config.json'))
    expect(dockerConfigPath({ DOCKER_CONFIG: '  ' }, '/home/u')).toBe(join('/home/u', '.docker', 'config.json'))
  })
})

describe('registryKey', () => {
  it('drops scheme, path and case; folds Docker Hub aliases', () => {
    expect(registryKey('https://index.docker.io/v1/')).toBe('docker.io')
    expect(registryKey('registry-1.docker.io')).toBe('docker.io')
    expect(registryKey('http://LocalHost:5000/v2/')).toBe('localhost:5000')
    expect(registryKey('reg.lan:5443')).toBe('reg.lan:5443')
    expect(helperServerUrl('docker.io')).toBe('https://index.docker.io/v1/')
    expect(helperServerUrl('https://reg.lan:5443/')).toBe('reg.lan:5443')
  })
})

describe('parseDockerConfig / readDockerConfig', () => {
  it('keeps auths, credsStore, credHelpers and drops junk', () => {
    const c = parseDockerConfig(
      JSON.stringify({
        auths: { 'localhost:5000': { auth: b64('u:p') }, bad: 'nope', 'https://index.docker.io/v1/': {} },
        credsStore: 'desktop',
        credHelpers: { 'gcr.io': 'gcloud', broken: 42 },
        psFormat: 'table'
      })
    )
    expect(c).toEqual({
      auths: { 'localhost:5000': { auth: b64('u:p') }, 'https://index.docker.io/v1/': {} },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud' }
    })
  })

  it('returns undefined for a missing or broken file instead of throwing', async () => {
    const dir = tempDir('dc')
    expect(await readDockerConfig(join(dir, 'missing.json'))).toBeUndefined()
    writeFileSync(join(dir, 'config.json'), '{ not json')
    expect(await readDockerConfig(join(dir, 'config.json'))).toBeUndefined()
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { 'reg:1': { auth: b64('a:b') } } }))
    expect((await readDockerConfig(join(dir, 'config.json')))?.auths?.['reg:1']).toEqual({ auth: b64('a:b') })
  })
})

describe('findAuthEntry', () => {
  const config = {
    auths: {
      'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
      'http://reg.lan:5000/v2/': { auth: b64('lan:pw') },
      'localhost:5000': { auth: b64('local:pw') }
    }
  }

  it.each([
    ['docker.io', 'https://index.docker.io/v1/'],
    ['index.docker.io', 'https://index.docker.io/v1/'],
    ['https://index.docker.io/v1/', 'https://index.docker.io/v1/'],
    ['registry-1.docker.io', 'https://index.docker.io/v1/'],
    ['reg.lan:5000', 'http://reg.lan:5000/v2/'],
    ['https://reg.lan:5000', 'http://reg.lan:5000/v2/'],
    ['localhost:5000', 'localhost:5000'],
    ['http://localhost:5000/v1/', 'localhost:5000']
  ])('%s matches key %s', (registry, key) => {
    expect(findAuthEntry(config, registry)?.key).toBe(key)
  })

  it('does not match another port or host', () => {
    expect(findAuthEntry(config, 'localhost:5001')).toBeUndefined()
    expect(findAuthEntry(config, 'reg.lan')).toBeUndefined()
  })

  it('prefers an exact key over a normalized one', () => {
    const c = { auths: { 'https://reg:1': { auth: b64('a:1') }, 'reg:1': { auth: b64('b:2') } } }
    expect(findAuthEntry(c, 'reg:1')?.key).toBe('reg:1')
  })
})

describe('helperFor', () => {
  it('credHelpers[host] wins over credsStore; keys match loosely', () => {
    const c = { credsStore: 'desktop', credHelpers: { 'reg.lan:5000': 'pass', 'https://index.docker.io/v1/': 'osxkeychain' } }
    expect(helperFor(c, 'reg.lan:5000')).toBe('pass')
    expect(helperFor(c, 'https://reg.lan:5000/')).toBe('pass')
    expect(helperFor(c, 'docker.io')).toBe('osxkeychain')
    expect(helperFor(c, 'other:1')).toBe('desktop')
    expect(helperFor({}, 'other:1')).toBeUndefined()
  })
})

describe('decodeAuthEntry', () => {
  it('decodes base64 user:pass, splitting at the first colon only', () => {
    expect(decodeAuthEntry({ auth: b64('user:pa:ss') })).toEqual({ username: 'user', password: 'pa:ss' })
  })
  it('prefers an identity token', () => {
    expect(decodeAuthEntry({ auth: b64('u:p'), identitytoken: 'tok' })).toEqual({ identitytoken: 'tok' })
    expect(decodeAuthEntry({ identitytoken: 'tok', username: 'u' })).toEqual({ identitytoken: 'tok', username: 'u' })
  })
  it('returns undefined for placeholders and malformed auth', () => {
    expect(decodeAuthEntry({})).toBeUndefined()
    expect(decodeAuthEntry({ auth: b64('nocolon') })).toBeUndefined()
  })
  it('accepts the legacy username/password fields', () => {
    expect(decodeAuthEntry({ username: 'u', password: 'p' })).toEqual({ username: 'u', password: 'p' })
  })
})
