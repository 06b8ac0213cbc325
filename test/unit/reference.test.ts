import { describe, expect, it } from 'vitest'
import { BerthError } from '@shared/contract/errors'
import { inEnglish } from '@shared/i18n/translator'
import {
  InvalidReferenceError,
  familiarName,
  familiarPath,
  formatReference,
  parseReference,
  splitRepositoryTag,
  tagError,
  withDefaultTag,
  type ParsedReference
} from '@shared/reference'

const H = 'a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4'
const D = `sha256:${H}`
const H384 = 'b'.repeat(96)
const H512 = 'c'.repeat(128)
const TAG128 = 'x'.repeat(128)
const HUB = 'docker.io'

/** The InvalidReferenceError parseReference throws for this input. */
function thrown(input: string): InvalidReferenceError {
  try {
    parseReference(input)
  } catch (e) {
    if (e instanceof InvalidReferenceError) return e
    throw e
  }
  throw new Error(`${input} parsed`)
}

// input → expected normalized parts (as ParseNormalizedNamed would give them)
const valid: Array<[string, ParsedReference]> = [
  ['ubuntu', { domain: HUB, path: 'library/ubuntu' }],
  ['ubuntu:22.04', { domain: HUB, path: 'library/ubuntu', tag: '22.04' }],
  ['library/ubuntu', { domain: HUB, path: 'library/ubuntu' }],
  ['docker.io/ubuntu', { domain: HUB, path: 'library/ubuntu' }],
  ['docker.io/library/ubuntu:latest', { domain: HUB, path: 'library/ubuntu', tag: 'latest' }],
  ['index.docker.io/x', { domain: HUB, path: 'library/x' }],
  ['index.docker.io/foo/bar:1', { domain: HUB, path: 'foo/bar', tag: '1' }],
  ['registry-1.docker.io/library/ubuntu', { domain: 'registry-1.docker.io', path: 'library/ubuntu' }],
  ['foo/bar', { domain: HUB, path: 'foo/bar' }],
  ['foo/bar/baz', { domain: HUB, path: 'foo/bar/baz' }],
  ['docker.io/library/foo/bar', { domain: HUB, path: 'library/foo/bar' }],
  [`foo/bar@${D}`, { domain: HUB, path: 'foo/bar', digest: D }],
  [`foo/bar:1.0@${D}`, { domain: HUB, path: 'foo/bar', tag: '1.0', digest: D }],
  [`ubuntu@${D}`, { domain: HUB, path: 'library/ubuntu', digest: D }],
  [`ubuntu:latest@${D}`, { domain: HUB, path: 'library/ubuntu', tag: 'latest', digest: D }],
  [`foo@sha384:${H384}`, { domain: HUB, path: 'library/foo', digest: `sha384:${H384}` }],
  [`foo@sha512:${H512}`, { domain: HUB, path: 'library/foo', digest: `sha512:${H512}` }],
  ['localhost/app', { domain: 'localhost', path: 'app' }],
  ['localhost/library/x', { domain: 'localhost', path: 'library/x' }],
  ['localhost:5000/app:1.0', { domain: 'localhost:5000', path: 'app', tag: '1.0' }],
  [`localhost:5000/team/app:1.0@${D}`, { domain: 'localhost:5000', path: 'team/app', tag: '1.0', digest: D }],
  ['192.168.1.111:5000/app:1.0', { domain: '192.168.1.111:5000', path: 'app', tag: '1.0' }],
  ['127.0.0.1/app', { domain: '127.0.0.1', path: 'app' }],
  ['1.2.3.4:80/x:y', { domain: '1.2.3.4:80', path: 'x', tag: 'y' }],
  ['[::1]:5000/a', { domain: '[::1]:5000', path: 'a' }],
  ['[::1]/a', { domain: '[::1]', path: 'a' }],
  ['[2001:db8::1]:5000/team/app:v2', { domain: '[2001:db8::1]:5000', path: 'team/app', tag: 'v2' }],
  ['[fe80::AbC]/x', { domain: '[fe80::AbC]', path: 'x' }],
  ['registry.example.com/team/app', { domain: 'registry.example.com', path: 'team/app' }],
  ['registry.example.com:443/a/b/c:tag', { domain: 'registry.example.com:443', path: 'a/b/c', tag: 'tag' }],
  ['my-registry.local:5000/a', { domain: 'my-registry.local:5000', path: 'a' }],
  ['a-b.example.com/c', { domain: 'a-b.example.com', path: 'c' }],
  ['xn--bcher-kva.example/x', { domain: 'xn--bcher-kva.example', path: 'x' }],
  ['example:5000/app', { domain: 'example:5000', path: 'app' }],
  ['gcr.io/project/img@' + D, { domain: 'gcr.io', path: 'project/img', digest: D }],
  ['ghcr.io/owner/repo:main', { domain: 'ghcr.io', path: 'owner/repo', tag: 'main' }],
  ['quay.io/a/b:1', { domain: 'quay.io', path: 'a/b', tag: '1' }],
  // splitDockerDomain: an uppercase first component is taken as a host, like Go does.
  ['Foo/bar', { domain: 'Foo', path: 'bar' }],
  ['LocalHost:5000/bar', { domain: 'LocalHost:5000', path: 'bar' }],
  // A bare "localhost[:port]" is a Docker Hub name (normalize.go's FIXME), ":5000" then is a tag.
  ['localhost', { domain: HUB, path: 'library/localhost' }],
  ['localhost:5000', { domain: HUB, path: 'library/localhost', tag: '5000' }],
  ['a__b', { domain: HUB, path: 'library/a__b' }],
  ['a-----b', { domain: HUB, path: 'library/a-----b' }],
  ['a.b', { domain: HUB, path: 'library/a.b' }],
  ['a_b', { domain: HUB, path: 'library/a_b' }],
  ['a.b_c-d__e---f', { domain: HUB, path: 'library/a.b_c-d__e---f' }],
  ['0/1', { domain: HUB, path: '0/1' }],
  ['a', { domain: HUB, path: 'library/a' }],
  ['foo:bar', { domain: HUB, path: 'library/foo', tag: 'bar' }],
  [`foo:${TAG128}`, { domain: HUB, path: 'library/foo', tag: TAG128 }],
  ['foo:_x', { domain: HUB, path: 'library/foo', tag: '_x' }],
  ['foo:V1.0-RC_2', { domain: HUB, path: 'library/foo', tag: 'V1.0-RC_2' }],
  ['foo:a', { domain: HUB, path: 'library/foo', tag: 'a' }],
  ['foo:1..--x', { domain: HUB, path: 'library/foo', tag: '1..--x' }],
  // A bare "sha256:<hex>" is the name library/sha256 with a 64-character tag (Go agrees).
  [D, { domain: HUB, path: 'library/sha256', tag: H }],
  // The whole normalized name (domain/path) may have 255 characters, not more.
  [`localhost/${'a'.repeat(245)}`, { domain: 'localhost', path: 'a'.repeat(245) }],
  [`registry.example.com/${'a'.repeat(234)}`, { domain: 'registry.example.com', path: 'a'.repeat(234) }],
  ['a'.repeat(237), { domain: HUB, path: `library/${'a'.repeat(237)}` }]
]

// input → message fragment, 0-based position (undefined: no position)
const invalid: Array<[string, string, number | undefined]> = [
  ['', 'Empty reference', undefined],
  [':tag', 'Missing repository name before ":"', 0],
  [`@${D}`, 'Missing repository name before "@"', 0],
  ['MyApp', 'Repository name must be lowercase: "MyApp" (at character 1)', 0],
  ['foo/MyApp:1', 'Repository name must be lowercase: "foo/MyApp"', 4],
  ['localhost:5000/Team/app', 'Repository name must be lowercase: "Team/app"', 15],
  ['My_Org/app', 'Repository name must be lowercase', 0],
  ['UPPER', 'must be lowercase', 0],
  [`foo:${'a'.repeat(129)}`, 'Tag is longer than 128 characters (129)', 132],
  ['foo:v1!', 'Invalid tag "v1!": a tag may contain only letters, digits, "_", "." and "-", not "!" (at character 7)', 6],
  ['foo:.v1', 'Invalid tag ".v1": a tag must start with a letter, digit or "_"', 4],
  ['foo:-x', 'a tag must start with', 4],
  ['foo:bar:baz', 'Invalid tag "bar:baz"', 7],
  ['foo:', 'Missing tag after ":"', 3],
  ['foo/', 'it must not end with "/"', 3],
  ['foo//bar', 'empty path component ("//")', 3],
  ['/foo', 'it must not start with "/"', 0],
  ['localhost//foo', 'empty path component ("//")', 9],
  ['localhost/', 'Missing repository name after registry "localhost"', 10],
  ['localhost:5000/:1.0', 'Missing repository name after registry', 15],
  ['foo@sha256:abc', 'a sha256 digest has 64 hex digits, this one has 3', 11],
  [`foo@sha256:${H}0`, 'this one has 65', 75],
  [`foo@sha256:${H.toUpperCase()}`, 'hex digits must be lowercase', 11],
  [`foo@sha256:${H.slice(0, 63)}g`, '"g" is not a hex digit', 74],
  [`foo@sha256:${H}@x`, '"@" is not a hex digit', 75],
  [`foo@md5:${'d'.repeat(32)}`, 'Unsupported digest algorithm "md5"', 4],
  [`foo@SHA256:${H}`, 'Unsupported digest algorithm "SHA256"', 4],
  [`foo@1sha:${H}`, 'Invalid digest algorithm "1sha"', 4],
  ['foo@', 'Missing digest after "@"', 3],
  ['foo@sha256', 'expected algorithm:hex', 4],
  [`foo/${'a'.repeat(252)}`, 'Repository name is longer than 255 characters (256)', 255],
  ['a'.repeat(248), 'Repository name is longer than 255 characters (256)', 247],
  [`x.io/${'a'.repeat(256)}`, 'longer than 255 characters', 260],
  // distribution/reference limits the whole name, domain included (issue 10).
  [`registry.example.com/${'a'.repeat(250)}`, 'The full name is longer than 255 characters (271)', 255],
  [`registry.example.com/${'a'.repeat(235)}`, 'The full name is longer than 255 characters (256)', 255],
  [`localhost/${'a'.repeat(255)}`, 'The full name is longer than 255 characters (265)', 255],
  ['a'.repeat(238), 'The full name (with its registry docker.io/library/) is longer than 255 characters (256)', 237],
  ['-foo', 'a path component must start with a lowercase letter or digit, not "-"', 0],
  ['foo/_bar', 'must start with a lowercase letter or digit', 4],
  ['foo-', 'a path component must end with a lowercase letter or digit, not "-"', 3],
  ['.foo', 'must start with', 0],
  ['a..b', '".." is not a valid separator', 1],
  ['a___b', '"___" is not a valid separator', 1],
  ['a._b', '"._" is not a valid separator', 1],
  ['a-_b', '"-_" is not a valid separator', 1],
  ['foo bar', 'contains whitespace', 3],
  [' ubuntu', 'contains whitespace', 0],
  ['ubuntu\n', 'contains whitespace', 6],
  ['foo!bar', 'not "!"', 3],
  ['foo/b%r', 'not "%"', 5],
  ['my_host.com/app', 'Invalid registry "my_host.com": a host name may contain only letters, digits, "-" and ".", not "_"', 2],
  ['foo.com:abc/app', 'the port must be a number, not "abc"', 8],
  ['foo.com:/app', 'missing port number after ":"', 7],
  ['-foo.com/app', 'a host name part must start with a letter or digit', 0],
  ['foo-.com/app', 'a host name part must end with a letter or digit', 3],
  ['foo..com/app', 'empty part in host name', 4],
  [':5000/app', 'missing host name', 0],
  ['[::1/app', 'an IPv6 address needs a closing "]"', 3],
  ['[::g]/x', 'an IPv6 address may contain only hex digits and ":", not "g"', 3],
  ['[::1]x/app', 'expected ":port" after the IPv6 address', 5],
  ['[]:5000/app', 'empty IPv6 address', 1],
  ['2001:db8::1/repo', 'the port must be a number', 5],
  ['foo:tag/x', 'Invalid registry "foo:tag"', 4],
  [H, 'is a 64-character image ID, not a repository name', 0]
]

describe('parseReference: valid references', () => {
  it.each(valid)('%s', (input, expected) => {
    expect(parseReference(input)).toEqual(expected)
  })
})

describe('parseReference: invalid references', () => {
  it.each(invalid)('%j', (input, fragment, position) => {
    let error: unknown
    try {
      parseReference(input)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InvalidReferenceError)
    const e = error as InvalidReferenceError
    expect(e.message).toContain(fragment)
    expect(e.position).toBe(position)
    if (position !== undefined) expect(e.message).toContain(`(at character ${position + 1})`)
  })
})

describe('InvalidReferenceError', () => {
  it('is an Error and a BerthError that carries input, position and a hint across IPC', () => {
    const error = thrown('foo:v1!')
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(BerthError)
    expect(error.name).toBe('InvalidReferenceError')
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.hint).toMatch(/tag/)
    expect(error.toData().details).toEqual({ input: 'foo:v1!', position: 6 })
  })

  it('suggests the lowercase name', () => {
    expect(() => parseReference('MyApp')).toThrow(InvalidReferenceError)
    expect(thrown('MyApp').hint).toContain('"myapp"')
  })
})

describe('familiar forms', () => {
  const cases: Array<[string, string, string]> = [
    // input, familiarName, the familiar form with tag and digest (parses back to the same reference)
    ['docker.io/library/ubuntu', 'ubuntu', 'ubuntu'],
    ['ubuntu:22.04', 'ubuntu', 'ubuntu:22.04'],
    ['index.docker.io/library/redis:7', 'redis', 'redis:7'],
    ['docker.io/foo/bar:1', 'foo/bar', 'foo/bar:1'],
    ['docker.io/library/foo/bar', 'library/foo/bar', 'library/foo/bar'],
    ['localhost:5000/library/app:1.0', 'localhost:5000/library/app', 'localhost:5000/library/app:1.0'],
    ['localhost:5000/app', 'localhost:5000/app', 'localhost:5000/app'],
    [`foo@${D}`, 'foo', `foo@${D}`],
    [`ghcr.io/o/r:v1@${D}`, 'ghcr.io/o/r', `ghcr.io/o/r:v1@${D}`],
    ['[::1]:5000/a:b', '[::1]:5000/a', '[::1]:5000/a:b']
  ]
  it.each(cases)('%s', (input, name, str) => {
    const ref = parseReference(input)
    expect(familiarName(ref)).toBe(name)
    expect(parseReference(str)).toEqual(ref)
  })
})

describe('formatReference and friends', () => {
  it('formats the fully qualified reference', () => {
    expect(formatReference(parseReference('ubuntu'))).toBe('docker.io/library/ubuntu')
    expect(formatReference(parseReference(`localhost:5000/app:1.0@${D}`))).toBe(`localhost:5000/app:1.0@${D}`)
    expect(formatReference(parseReference('foo/bar'))).toBe('docker.io/foo/bar')
  })

  it('round-trips every valid case through formatReference', () => {
    for (const [input] of valid) {
      const ref = parseReference(input)
      expect(parseReference(formatReference(ref))).toEqual(ref)
    }
  })

  it('adds latest only when there is neither tag nor digest', () => {
    expect(withDefaultTag(parseReference('ubuntu'))).toEqual({ domain: HUB, path: 'library/ubuntu', tag: 'latest' })
    expect(withDefaultTag(parseReference('ubuntu:1'))).toEqual({ domain: HUB, path: 'library/ubuntu', tag: '1' })
    expect(withDefaultTag(parseReference(`ubuntu@${D}`))).toEqual({ domain: HUB, path: 'library/ubuntu', digest: D })
  })

  it('validates tags on their own', () => {
    for (const ok of ['v1.0', '_', TAG128]) expect(tagError(ok)).toBeNull()
    for (const bad of [`${TAG128}x`, '.v1', 'a/b']) expect(tagError(bad)).toEqual(expect.objectContaining({ key: expect.any(String) }))
    expect(inEnglish(tagError('a b')!)).toContain('not " "')
  })

  it('drops library/ only from Docker Hub official images', () => {
    expect(familiarPath(parseReference('ubuntu:1'))).toBe('ubuntu')
    expect(familiarPath(parseReference('docker.io/library/foo/bar'))).toBe('library/foo/bar')
    expect(familiarPath(parseReference('localhost:5000/library/app'))).toBe('library/app')
  })

  it('splits repository, tag and digest as typed, keeping a registry port', () => {
    expect(splitRepositoryTag('localhost:5000/app:1.0')).toEqual({ repository: 'localhost:5000/app', tag: '1.0' })
    expect(splitRepositoryTag('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app' })
    expect(splitRepositoryTag('ubuntu')).toEqual({ repository: 'ubuntu' })
    expect(splitRepositoryTag(`a/b:c@${D}`)).toEqual({ repository: 'a/b', tag: 'c', digest: D })
    expect(splitRepositoryTag(`a@${D}`)).toEqual({ repository: 'a', digest: D })
  })
})
