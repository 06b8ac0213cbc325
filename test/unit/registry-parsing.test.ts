import { describe, expect, it } from 'vitest'
import { parseWwwAuthenticate, pickChallenge } from '../../src/main/registry/challenge'
import { mapLimit } from '../../src/main/registry/concurrency'
import { checkDigest, checkReference, checkRepository } from '../../src/main/registry/names'
import { cursorFromLink, parseLinkNext } from '../../src/main/registry/pagination'
import { compareTags, sortTags } from '../../src/shared/tagOrder'

describe('parseWwwAuthenticate', () => {
  it('reads a registry Bearer challenge', () => {
    const [c] = parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"')
    expect(c).toEqual({ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' } })
  })

  it('keeps commas and escaped quotes inside quoted values', () => {
    const [c] = parseWwwAuthenticate('Bearer realm="http://127.0.0.1:9/token",scope="repository:a/b:pull,push,delete",error="insufficient_scope",x="say \\"hi\\""')
    expect(c.params.scope).toBe('repository:a/b:pull,push,delete')
    expect(c.params.error).toBe('insufficient_scope')
    expect(c.params.x).toBe('say "hi"')
  })

  it('reads Basic, unquoted values, odd spacing and case', () => {
    const [c] = parseWwwAuthenticate('BASIC  Realm = "Registry Realm" , charset=UTF-8')
    expect(c).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm', charset: 'UTF-8' } })
  })

  it('splits several challenges in one header and prefers Bearer', () => {
    const cs = parseWwwAuthenticate('Basic realm="x", Bearer realm="https://t/token",service="s"')
    expect(cs.map((c) => c.scheme)).toEqual(['basic', 'bearer'])
    expect(pickChallenge(cs)?.scheme).toBe('bearer')
  })

  it('survives garbage', () => {
    for (const h of ['', '"', '=', ',,,', 'Bearer realm="unterminated', 'Negotiate abc==', undefined, null]) {
      expect(() => parseWwwAuthenticate(h)).not.toThrow()
    }
    expect(pickChallenge(parseWwwAuthenticate('Bearer service="no realm"'))).toBeUndefined()
  })
})

describe('parseLinkNext', () => {
  const base = 'http://127.0.0.1:5000/v2/_catalog?n=100'

  it('resolves a relative link against the registry URL', () => {
    const next = parseLinkNext('</v2/_catalog?last=repo-099&n=100>; rel="next"', base)
    expect(next?.href).toBe('http://127.0.0.1:5000/v2/_catalog?last=repo-099&n=100')
    expect(cursorFromLink(next!, { n: 100 })).toEqual({ n: 100, last: 'repo-099' })
  })

  it('keeps an absolute link', () => {
    const next = parseLinkNext('<https://reg.example.com/v2/app/tags/list?n=50&last=v1.2>; rel=next', base)
    expect(next?.href).toBe('https://reg.example.com/v2/app/tags/list?n=50&last=v1.2')
  })

  it('finds next among several links and ignores others', () => {
    const h = '<https://x/prev>; rel="prev", </v2/_catalog?last=b%2Fc&n=10>; rel="next"; title="a, b"'
    const next = parseLinkNext(h, base)
    expect(next?.pathname).toBe('/v2/_catalog')
    expect(cursorFromLink(next!, { n: 100 })).toEqual({ n: 10, last: 'b/c' })
    expect(parseLinkNext('<https://x/prev>; rel="prev"', base)).toBeUndefined()
    expect(parseLinkNext(undefined, base)).toBeUndefined()
    expect(parseLinkNext('garbage', base)).toBeUndefined()
  })

  it('falls back to the page when the link lacks n or last', () => {
    const next = parseLinkNext('</v2/_catalog?cursor=abc>; rel="next"', base)!
    expect(cursorFromLink(next, { n: 100, last: 'zeta' })).toEqual({ n: 100, last: 'zeta' })
    expect(cursorFromLink(next, { n: 100 })).toBeUndefined()
  })
})

describe('compareTags', () => {
  it('sorts versions naturally', () => {
    expect(sortTags(['v1.10', 'v1.9', 'latest', '1.2.10', '1.2.9', 'v2', 'v10', '1.2.9-alpine'])).toEqual([
      '1.2.9',
      '1.2.9-alpine',
      '1.2.10',
      'latest',
      'v1.9',
      'v1.10',
      'v2',
      'v10'
    ])
  })

  it('is a total order (case differences are still ordered)', () => {
    expect(compareTags('A', 'a')).not.toBe(0)
    expect(compareTags('same', 'same')).toBe(0)
  })
})

describe('mapLimit', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0
    let peak = 0
    const out = await mapLimit([...Array(20).keys()], 3, async (x) => {
      peak = Math.max(peak, ++inFlight)
      await new Promise((r) => setTimeout(r, Math.random() * 5))
      inFlight--
      return x * 2
    })
    expect(out).toEqual([...Array(20).keys()].map((x) => x * 2))
    expect(peak).toBe(3)
  })

  it('rejects with the first failure and handles empty input', async () => {
    await expect(mapLimit([1, 2, 3], 2, async (x) => (x === 2 ? Promise.reject(new Error('boom')) : x))).rejects.toThrow('boom')
    expect(await mapLimit([], 4, async (x) => x)).toEqual([])
  })
})

describe('names', () => {
  it('accepts the distribution grammar and rejects path tricks', () => {
    expect(checkRepository('team/app-1_x.y')).toBe('team/app-1_x.y')
    for (const bad of ['', 'UPPER', '../etc', 'a//b', 'a/', 'a?b', 'a b']) expect(() => checkRepository(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(checkReference('v1.0')).toBe('v1.0')
    expect(checkReference(`sha256:${'a'.repeat(64)}`)).toBeTruthy()
    for (const bad of ['', '.x', '../x', 'a/b', 'x'.repeat(129)]) expect(() => checkReference(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(() => checkDigest('latest')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })
})
