// Docker image reference grammar (distribution/reference: reference.go, regexp.go, normalize.go).
// Self-written: no npm package both runs in the browser and says *where* a reference is wrong.
//
//   reference := name [":" tag] ["@" digest]
//   name      := [domain "/"] path          domain := host [":" port]
//   path      := component ("/" component)*  component := [a-z0-9]+ (sep [a-z0-9]+)*   sep := "." | "_" | "__" | "-"+
//   tag       := [\w][\w.-]{0,127}          digest := algorithm ":" hex
//
// Pure string code (no Node APIs) so the renderer can validate as the user types.
import { BerthError } from './contract/errors'
import { m, type Msg } from './i18n/message'
import { isValidPort } from './port'

export interface ParsedReference {
  /** Registry host, normalized: "docker.io" when absent, "index.docker.io" becomes "docker.io". */
  domain: string
  /** Repository path, normalized: a single name on Docker Hub becomes "library/<name>". */
  path: string
  tag?: string
  digest?: string
}

export const DEFAULT_DOMAIN = 'docker.io'
export const DEFAULT_TAG = 'latest'
export const MAX_TAG_LENGTH = 128
export const MAX_PATH_LENGTH = 255
/** The whole normalized name, domain included (docker/distribution's NameTotalLengthMax, as engines up to v26 apply it). */
export const MAX_NAME_LENGTH = 255

const LEGACY_DOMAIN = 'index.docker.io'
const OFFICIAL_PREFIX = 'library/'
const FORMAT_HINT = m('hints.ref.format')

/** Hex digits each supported digest algorithm needs (go-digest accepts only these three). */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 }

/**
 * A reference that breaks the grammar. `position` is the 0-based index in the input of the first
 * offending character; the message shows it 1-based ("at character N") for people.
 * It is a BerthError (INVALID_INPUT) so it crosses the IPC bridge with its hint and position.
 */
export class InvalidReferenceError extends BerthError {
  readonly input: string
  readonly position?: number

  constructor(input: string, message: Msg, position?: number, hint: Msg = FORMAT_HINT) {
    super('INVALID_INPUT', position === undefined ? message : m('errors.ref.at', { message, n: position + 1 }), hint, position === undefined ? { input } : { input, position })
    this.name = 'InvalidReferenceError'
    this.input = input
    this.position = position
  }
}

const isLowerAlnum = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
const isWord = (c: string): boolean => isLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c === '_'
const isSeparatorChar = (c: string): boolean => c === '.' || c === '_' || c === '-'
const quote = (s: string): string => JSON.stringify(s)

/** Parses and normalizes like Go's reference.ParseNormalizedNamed; throws InvalidReferenceError. */
export function parseReference(input: string): ParsedReference {
  if (input.length === 0) throw new InvalidReferenceError(input, m('errors.ref.empty'))
  const space = input.search(/\s/)
  if (space !== -1) throw new InvalidReferenceError(input, m('errors.ref.whitespace', { input: quote(input) }), space)
  if (/^[a-f0-9]{64}$/.test(input)) {
    throw new InvalidReferenceError(input, m('errors.ref.isImageId', { input: quote(input) }), 0, m('hints.ref.useName'))
  }

  const { at, namePart, colon } = cutPoints(input)
  const name = colon === -1 ? namePart : namePart.slice(0, colon)
  if (name === '') throw new InvalidReferenceError(input, m('errors.ref.missingNameBefore', { c: quote(input[0] ?? '') }), 0)

  const { domain, pathStart } = splitDomain(input, name)
  const typedPath = name.slice(pathStart)
  checkPath(input, typedPath, pathStart)

  // Official Docker Hub images live under library/ (normalize.go); other registries are literal.
  const prefix = domain === DEFAULT_DOMAIN && !typedPath.includes('/') ? OFFICIAL_PREFIX : ''
  const path = prefix + typedPath
  if (path.length > MAX_PATH_LENGTH) {
    throw new InvalidReferenceError(input, m('errors.ref.nameTooLong', { max: MAX_PATH_LENGTH, length: path.length }), pathStart + MAX_PATH_LENGTH - prefix.length)
  }
  // The limit covers the registry part too: `registry.example.com/` + 250 letters is too long.
  const full = `${domain}/${path}`
  if (full.length > MAX_NAME_LENGTH) {
    const implicit = full.length - name.length
    throw new InvalidReferenceError(
      input,
      implicit > 0
        ? m('errors.ref.fullNameTooLongWith', { registry: `${domain}/${prefix}`, max: MAX_NAME_LENGTH, length: full.length })
        : m('errors.ref.fullNameTooLong', { max: MAX_NAME_LENGTH, length: full.length }),
      Math.max(0, MAX_NAME_LENGTH - implicit),
      m('hints.ref.shorten', { max: MAX_NAME_LENGTH })
    )
  }

  const ref: ParsedReference = { domain, path }
  if (colon !== -1) ref.tag = checkTag(input, namePart.slice(colon + 1), colon + 1)
  if (at !== -1) ref.digest = checkDigest(input, input.slice(at + 1), at + 1)
  return ref
}

/**
 * splitDockerDomain: the first "/"-separated part is a registry when it is "localhost", contains
 * "." or ":", or has uppercase letters (repository paths never do).
 */
function splitDomain(input: string, name: string): { domain: string; pathStart: number } {
  const slash = name.indexOf('/')
  if (slash === -1) return { domain: DEFAULT_DOMAIN, pathStart: 0 }
  const candidate = name.slice(0, slash)
  const byShape = candidate === 'localhost' || /[.:]/.test(candidate)
  const byCase = candidate !== candidate.toLowerCase()
  if (!byShape && !byCase) return { domain: DEFAULT_DOMAIN, pathStart: 0 }
  const problem = domainProblem(candidate)
  if (problem) {
    // "My_Org/app" is more likely a mistyped repository than a registry host: say so.
    if (!byShape) throw lowercaseError(input, name, 0)
    throw new InvalidReferenceError(input, problem.message, problem.at, m('hints.ref.registry'))
  }
  if (slash === name.length - 1) {
    throw new InvalidReferenceError(input, m('errors.ref.missingNameAfter', { registry: quote(candidate) }), slash + 1)
  }
  return { domain: candidate === LEGACY_DOMAIN ? DEFAULT_DOMAIN : candidate, pathStart: slash + 1 }
}

/** Checks host[:port] (hostname, IPv4 or [IPv6]); returns what is wrong and where, or null. */
function domainProblem(domain: string): { message: Msg; at: number } | null {
  const bad = (rule: Msg, at: number): { message: Msg; at: number } => ({ message: m('errors.ref.badRegistry', { registry: quote(domain), rule }), at })
  let hostEnd: number
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']')
    if (close === -1) return bad(m('errors.ref.rule.ipv6Close'), domain.length - 1)
    if (close === 1) return bad(m('errors.ref.rule.ipv6Empty'), 1)
    for (let i = 1; i < close; i++) {
      if (!/[0-9a-fA-F:]/.test(domain[i])) return bad(m('errors.ref.rule.ipv6Char', { c: quote(domain[i]) }), i)
    }
    hostEnd = close + 1
    if (hostEnd < domain.length && domain[hostEnd] !== ':') return bad(m('errors.ref.rule.ipv6Port'), hostEnd)
  } else {
    const portColon = domain.indexOf(':')
    hostEnd = portColon === -1 ? domain.length : portColon
    let start = 0
    for (let i = 0; i <= hostEnd; i++) {
      if (i < hostEnd && domain[i] !== '.') {
        if (!/[a-zA-Z0-9-]/.test(domain[i])) return bad(m('errors.ref.rule.hostChar', { c: quote(domain[i]) }), i)
        continue
      }
      // End of one dot-separated label [start, i).
      if (i === start) return bad(m(i === hostEnd && i === 0 ? 'errors.ref.rule.hostMissing' : 'errors.ref.rule.hostEmptyPart'), i)
      if (domain[start] === '-') return bad(m('errors.ref.rule.hostStart'), start)
      if (domain[i - 1] === '-') return bad(m('errors.ref.rule.hostEnd'), i - 1)
      start = i + 1
    }
  }
  if (hostEnd < domain.length) {
    const port = domain.slice(hostEnd + 1)
    if (port === '') return bad(m('errors.ref.rule.portMissing'), hostEnd)
    const nonDigit = port.search(/[^0-9]/)
    if (nonDigit !== -1) return bad(m('errors.ref.rule.portNumber', { port: quote(port) }), hostEnd + 1 + nonDigit)
    if (!isValidPort(port)) return bad(m('errors.ref.rule.portRange', { port: port.length > 10 ? `${port.slice(0, 10)}…` : port }), hostEnd + 1)
  }
  return null
}

function lowercaseError(input: string, path: string, offset: number): InvalidReferenceError {
  const upper = path.search(/[A-Z]/)
  return new InvalidReferenceError(input, m('errors.ref.lowercase', { path: quote(path) }), offset + upper, m('hints.ref.lowercase', { example: quote(path.toLowerCase()) }))
}

/** Path components: lowercase alphanumerics joined by ".", "_", "__" or a run of "-". */
function checkPath(input: string, path: string, offset: number): void {
  if (/[A-Z]/.test(path)) throw lowercaseError(input, path, offset)
  const bad = (rule: Msg, at: number): InvalidReferenceError => new InvalidReferenceError(input, m('errors.ref.badName', { path: quote(path), rule }), offset + at)
  let start = 0
  for (const component of path.split('/')) {
    const end = start + component.length
    if (component === '') {
      if (start === 0) throw offset === 0 ? bad(m('errors.ref.rule.slashStart'), 0) : bad(m('errors.ref.rule.emptyComponent'), -1)
      if (end === path.length) throw bad(m('errors.ref.rule.slashEnd'), start - 1)
      throw bad(m('errors.ref.rule.emptyComponent'), start - 1)
    }
    let i = start
    while (i < end) {
      const c = path[i]
      if (isLowerAlnum(c)) {
        i++
        continue
      }
      if (!isSeparatorChar(c)) {
        throw bad(m('errors.ref.rule.nameChar', { c: quote(c) }), i)
      }
      let j = i
      while (j < end && isSeparatorChar(path[j])) j++
      const sep = path.slice(i, j)
      if (i === start) throw bad(m('errors.ref.rule.componentStart', { c: quote(c) }), i)
      if (j === end) throw bad(m('errors.ref.rule.componentEnd', { c: quote(path[j - 1]) }), j - 1)
      if (!(sep === '.' || sep === '_' || sep === '__' || /^-+$/.test(sep))) {
        throw bad(m('errors.ref.rule.separator', { sep: quote(sep) }), i)
      }
      i = j
    }
    start = end + 1
  }
}

/** tag := [\w][\w.-]{0,127} */
function checkTag(input: string, tag: string, offset: number): string {
  if (tag === '') throw new InvalidReferenceError(input, m('errors.ref.missingTag'), offset - 1)
  const problem = tagProblem(tag)
  if (problem) throw new InvalidReferenceError(input, problem.message, offset + problem.at, m('hints.ref.tag'))
  return tag
}

function tagProblem(tag: string): { message: Msg; at: number } | null {
  if (tag === '') return { message: m('errors.ref.emptyTag'), at: 0 }
  for (let i = 0; i < tag.length; i++) {
    const c = tag[i]
    if (isWord(c)) continue
    if (i === 0 && (c === '.' || c === '-')) return { message: m('errors.ref.tagStart', { tag: quote(tag) }), at: 0 }
    if (c !== '.' && c !== '-') return { message: m('errors.ref.tagChar', { tag: quote(tag), c: quote(c) }), at: i }
  }
  if (tag.length > MAX_TAG_LENGTH) return { message: m('errors.ref.tagTooLong', { max: MAX_TAG_LENGTH, length: tag.length }), at: MAX_TAG_LENGTH }
  return null
}

/** digest := algorithm ":" hex, where go-digest accepts sha256/sha384/sha512 with lowercase hex of the exact length. */
function checkDigest(input: string, digest: string, offset: number): string {
  const hint = m('hints.ref.digest')
  const bad = (message: Msg, at?: number): InvalidReferenceError => new InvalidReferenceError(input, message, at === undefined ? undefined : offset + at, hint)
  if (digest === '') throw bad(m('errors.ref.missingDigest'), -1)
  const colon = digest.indexOf(':')
  if (colon === -1) throw bad(m('errors.ref.digestShape', { digest: quote(digest) }), 0)
  const algorithm = digest.slice(0, colon)
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/.test(algorithm)) throw bad(m('errors.ref.digestAlgorithm', { algorithm: quote(algorithm) }), 0)
  const expected = DIGEST_HEX_LENGTH[algorithm]
  if (expected === undefined) throw bad(m('errors.ref.digestUnsupported', { algorithm: quote(algorithm) }), 0)
  const hex = digest.slice(colon + 1)
  for (let i = 0; i < hex.length; i++) {
    const c = hex[i]
    if (/[0-9a-f]/.test(c)) continue
    const rule = /[A-F]/.test(c) ? m('errors.ref.rule.hexLower') : m('errors.ref.rule.notHex', { c: quote(c) })
    throw bad(m('errors.ref.badDigest', { digest: quote(digest), rule }), colon + 1 + i)
  }
  if (hex.length !== expected) {
    // Point at the first extra digit, or at the start of the hex when digits are missing.
    throw bad(m('errors.ref.digestLength', { digest: quote(digest), algorithm, expected, length: hex.length }), colon + 1 + (hex.length > expected ? expected : 0))
  }
  return digest
}

/** The repository path as docker shows it: Docker Hub's official images lose "library/". */
export function familiarPath(ref: Pick<ParsedReference, 'domain' | 'path'>): string {
  if (ref.domain === DEFAULT_DOMAIN && ref.path.startsWith(OFFICIAL_PREFIX)) {
    const rest = ref.path.slice(OFFICIAL_PREFIX.length)
    if (!rest.includes('/')) return rest
  }
  return ref.path
}

/** The short name docker prints: no "docker.io/", no "library/" for official images; no tag or digest. */
export function familiarName(ref: Pick<ParsedReference, 'domain' | 'path'>): string {
  return ref.domain === DEFAULT_DOMAIN ? familiarPath(ref) : `${ref.domain}/${ref.path}`
}

/** familiarName plus ":tag" and/or "@digest", as `docker images` / `docker pull` show it. */
export function familiarString(ref: ParsedReference): string {
  return familiarName(ref) + suffix(ref)
}

/**
 * What people call an image name the engine gave ("docker.io/library/registry:2" → "registry:2",
 * as Podman spells names Docker shows short); anything unparsable is returned as is.
 */
export function familiarReference(input: string): string {
  try {
    return familiarString(parseReference(input))
  } catch {
    return input
  }
}

/** The fully qualified reference: "domain/path[:tag][@digest]". */
export function formatReference(ref: ParsedReference): string {
  return `${ref.domain}/${ref.path}` + suffix(ref)
}

function suffix(ref: ParsedReference): string {
  return (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '')
}

/** Adds the "latest" tag when the reference has neither tag nor digest (TagNameOnly). */
export function withDefaultTag(ref: ParsedReference): ParsedReference {
  return ref.tag || ref.digest ? ref : { ...ref, tag: DEFAULT_TAG }
}

/** What is wrong with a tag (for inline form errors), or null when it is valid. */
export function tagError(tag: string): Msg | null {
  return tagProblem(tag)?.message ?? null
}

/** What is wrong with a repository path such as "team/app" (for inline form errors), or null. */
export function repositoryError(path: string): Msg | null {
  if (path === '') return m('errors.ref.repositoryRequired')
  if (path.length > MAX_PATH_LENGTH) return m('errors.ref.nameTooLong', { max: MAX_PATH_LENGTH, length: path.length })
  try {
    checkPath(path, path, 0)
    return null
  } catch (e) {
    return (e as BerthError).msg ?? m('errors.ref.badName', { path: quote(path), rule: (e as Error).message })
  }
}

/**
 * Cuts what the user typed into repository, tag and digest without validating or normalizing
 * ("localhost:5000/app:1.0" → repository "localhost:5000/app", tag "1.0"): the port's ":" is
 * not a tag separator because the tag comes after the last "/".
 */
export function splitRepositoryTag(input: string): { repository: string; tag?: string; digest?: string } {
  const { at, namePart, colon } = cutPoints(input)
  const out: { repository: string; tag?: string; digest?: string } = { repository: colon === -1 ? namePart : namePart.slice(0, colon) }
  if (colon !== -1) out.tag = namePart.slice(colon + 1)
  if (at !== -1) out.digest = input.slice(at + 1)
  return out
}

/** Structure before grammar: the digest follows the first "@", the tag the first ":" after the last "/". */
function cutPoints(input: string): { at: number; namePart: string; colon: number } {
  const at = input.indexOf('@')
  const namePart = at === -1 ? input : input.slice(0, at)
  return { at, namePart, colon: namePart.indexOf(':', namePart.lastIndexOf('/') + 1) }
}
