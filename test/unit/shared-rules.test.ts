// Rules main and the renderer both apply live once in src/shared/; these pin them down.
import { describe, expect, it } from 'vitest'
import { BerthError, errorCode, isAuthError, toBerthError, toErrorData } from '@shared/contract/errors'
import { checkAddress, DOCKER_HUB_ALIASES, isDockerHub, normalizeAddress, registryKey } from '@shared/registryAddress'
import { checkReference, parseTarget } from '@shared/referenceCheck'
import { compareTags, sortTags } from '@shared/tagOrder'
import { inEnglish } from '@shared/i18n/translator'

describe('tag order', () => {
  it('sorts versions by number, then by text', () => {
    expect(sortTags(['1.10', '1.9', 'v10', 'v2', 'latest', '1.9.1'])).toEqual(['1.9', '1.9.1', '1.10', 'latest', 'v2', 'v10'])
  })
  it('is a total order: names equal but for case still get a stable place', () => {
    expect(compareTags('A', 'a')).not.toBe(0)
    expect(Math.sign(compareTags('A', 'a'))).toBe(-Math.sign(compareTags('a', 'A')))
  })
})

const englishError = (c: ReturnType<typeof checkAddress>): string => (c.ok ? '' : inEnglish(c.error))

describe('registry addresses', () => {
  it('accepts host[:port] as typed or pasted, lower-cased, and remembers a pasted scheme', () => {
    expect(checkAddress(' 127.0.0.1:5000 ')).toEqual({ ok: true, address: '127.0.0.1:5000' })
    expect(checkAddress('http://Registry.Example.com/')).toEqual({ ok: true, address: 'registry.example.com', scheme: 'http' })
    expect(checkAddress('[::1]:5000')).toEqual({ ok: true, address: '[::1]:5000' })
  })

  it('says what is wrong with anything else', () => {
    expect(englishError(checkAddress(''))).toMatch(/Type the registry address/)
    expect(englishError(checkAddress('host/path'))).toMatch(/no path/)
    expect(englishError(checkAddress('user@host'))).toMatch(/no path, user/)
    expect(englishError(checkAddress('host:0'))).toMatch(/from 1 to 65535/)
    expect(englishError(checkAddress('host:70000'))).toMatch(/from 1 to 65535/)
    expect(checkAddress('ho st')).toMatchObject({ ok: false })
  })

  it('normalizeAddress is the same rule, thrown as INVALID_INPUT for main', () => {
    expect(normalizeAddress('HTTPS://127.0.0.1:5000//')).toBe('127.0.0.1:5000')
    expect(() => normalizeAddress('a/b')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', hint: expect.stringMatching(/host:port/) }))
  })

  it('knows every Docker Hub alias as one registry', () => {
    for (const alias of DOCKER_HUB_ALIASES) expect(isDockerHub(alias)).toBe(true)
    expect(registryKey('https://index.docker.io/v1/')).toBe('docker.io')
    expect(registryKey('http://LOCALHOST:5000/v2/')).toBe('localhost:5000')
    expect(isDockerHub('ghcr.io')).toBe(false)
  })
})

describe('errors', () => {
  it('tells sign-in problems apart, for errors and for their data', () => {
    expect(isAuthError(new BerthError('AUTH_REQUIRED', 'x'))).toBe(true)
    expect(isAuthError({ code: 'AUTH_DENIED', message: 'x' })).toBe(true)
    expect(isAuthError(new BerthError('REGISTRY_UNREACHABLE', 'x'))).toBe(false)
    expect(isAuthError(undefined)).toBe(false)
  })

  it('turns anything thrown into a BerthError, keeping Berth’s own', () => {
    const own = new BerthError('CONFLICT', 'taken', 'pick another')
    expect(toBerthError(own)).toBe(own)
    expect(toBerthError(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom', hint: undefined })
    expect(toBerthError('text')).toMatchObject({ code: 'INTERNAL', message: 'text' })
    expect(errorCode(own)).toBe('CONFLICT')
    expect(errorCode(new Error('x'))).toBe('INTERNAL')
  })

  it('marks an unknown error that reaches a transport as a bug to report', () => {
    expect(toErrorData(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom', hint: expect.stringMatching(/bug/) })
    expect(toErrorData(new BerthError('CONFLICT', 'taken'))).toMatchObject({ code: 'CONFLICT', message: 'taken' })
  })
})

describe('typed references', () => {
  const D = `sha256:${'a'.repeat(64)}`
  it('a tag or push target gets latest and refuses a digest', () => {
    expect(parseTarget(' localhost:5000/app ', 'push')).toEqual({ domain: 'localhost:5000', path: 'app', tag: 'latest' })
    expect(() => parseTarget(`app@${D}`, 'tag')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/tag target cannot contain a digest/) }))
  })

  it('live feedback says what a name becomes, or what is wrong', () => {
    expect(checkReference('ubuntu', 'pull')).toEqual({ ok: true, full: 'docker.io/library/ubuntu:latest' })
    expect(checkReference(`ubuntu@${D}`, 'pull')).toEqual({ ok: true, full: `docker.io/library/ubuntu@${D}` })
    const why = (c: ReturnType<typeof checkReference>): string => (!c.ok && c.error ? inEnglish(c.error) : '')
    expect(why(checkReference(`ubuntu@${D}`, 'tag'))).toMatch(/digest/)
    expect(why(checkReference('Shop:v1', 'tag'))).toMatch(/lowercase/)
    expect(why(checkReference('  ', 'tag'))).toMatch(/Type a name/)
    // Nothing typed in the pull field is no error worth showing.
    expect(checkReference('  ', 'pull')).toEqual({ ok: false })
  })
})
