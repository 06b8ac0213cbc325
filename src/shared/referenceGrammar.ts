// The rule for each part of an image reference (distribution/reference: regexp.go): registry
// host[:port], repository path, tag and digest, each saying *where* it is broken, and the error
// that carries the position. reference.ts puts the parts together; pure string code (no Node APIs).
import { BerthError } from './contract/errors'
import { m, type Msg } from './i18n/message'
import { isValidPort } from './port'

const MAX_TAG_LENGTH = 128
export const MAX_PATH_LENGTH = 255
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
export const quote = (s: string): string => JSON.stringify(s)

/** Checks host[:port] (hostname, IPv4 or [IPv6]); returns what is wrong and where, or null. */
export function domainProblem(domain: string): { message: Msg; at: number } | null {
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

export function lowercaseError(input: string, path: string, offset: number): InvalidReferenceError {
  const upper = path.search(/[A-Z]/)
  return new InvalidReferenceError(input, m('errors.ref.lowercase', { path: quote(path) }), offset + upper, m('hints.ref.lowercase', { example: quote(path.toLowerCase()) }))
}

/** Path components: lowercase alphanumerics joined by ".", "_", "__" or a run of "-". */
export function checkPath(input: string, path: string, offset: number): void {
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
export function checkTag(input: string, tag: string, offset: number): string {
  if (tag === '') throw new InvalidReferenceError(input, m('errors.ref.missingTag'), offset - 1)
  const problem = tagProblem(tag)
  if (problem) throw new InvalidReferenceError(input, problem.message, offset + problem.at, m('hints.ref.tag'))
  return tag
}

export function tagProblem(tag: string): { message: Msg; at: number } | null {
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
export function checkDigest(input: string, digest: string, offset: number): string {
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
