// The rule for each part of an image reference (distribution/reference: regexp.go): registry
// host[:port], repository path, tag and digest, each saying *where* it is broken, and the error
// that carries the position. reference.ts puts the parts together; pure string code (no Node APIs).
import { BerthError } from './contract/errors'
import { isValidPort, PORT_RANGE_TEXT } from './port'

const MAX_TAG_LENGTH = 128
export const MAX_PATH_LENGTH = 255
const FORMAT_HINT = 'Write it as [registry[:port]/]name[:tag][@digest], for example localhost:5000/team/app:1.0.'

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

  constructor(input: string, message: string, position?: number, hint: string = FORMAT_HINT) {
    const where = position === undefined ? '' : ` (at character ${position + 1})`
    super('INVALID_INPUT', message + where, hint, position === undefined ? { input } : { input, position })
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
export function domainProblem(domain: string): { message: string; at: number } | null {
  const bad = (rule: string, at: number): { message: string; at: number } => ({ message: `Invalid registry ${quote(domain)}: ${rule}`, at })
  let hostEnd: number
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']')
    if (close === -1) return bad('an IPv6 address needs a closing "]"', domain.length - 1)
    if (close === 1) return bad('empty IPv6 address', 1)
    for (let i = 1; i < close; i++) {
      if (!/[0-9a-fA-F:]/.test(domain[i])) return bad(`an IPv6 address may contain only hex digits and ":", not ${quote(domain[i])}`, i)
    }
    hostEnd = close + 1
    if (hostEnd < domain.length && domain[hostEnd] !== ':') return bad('expected ":port" after the IPv6 address', hostEnd)
  } else {
    const portColon = domain.indexOf(':')
    hostEnd = portColon === -1 ? domain.length : portColon
    let start = 0
    for (let i = 0; i <= hostEnd; i++) {
      if (i < hostEnd && domain[i] !== '.') {
        if (!/[a-zA-Z0-9-]/.test(domain[i])) return bad(`a host name may contain only letters, digits, "-" and ".", not ${quote(domain[i])}`, i)
        continue
      }
      // End of one dot-separated label [start, i).
      if (i === start) return bad(i === hostEnd && i === 0 ? 'missing host name' : 'empty part in host name', i)
      if (domain[start] === '-') return bad('a host name part must start with a letter or digit', start)
      if (domain[i - 1] === '-') return bad('a host name part must end with a letter or digit', i - 1)
      start = i + 1
    }
  }
  if (hostEnd < domain.length) {
    const port = domain.slice(hostEnd + 1)
    if (port === '') return bad('missing port number after ":"', hostEnd)
    const nonDigit = port.search(/[^0-9]/)
    if (nonDigit !== -1) return bad(`the port must be a number, not ${quote(port)}`, hostEnd + 1 + nonDigit)
    if (!isValidPort(port)) return bad(`the port must be ${PORT_RANGE_TEXT}, not ${port.length > 10 ? `${port.slice(0, 10)}…` : port}`, hostEnd + 1)
  }
  return null
}

export function lowercaseError(input: string, path: string, offset: number): InvalidReferenceError {
  const upper = path.search(/[A-Z]/)
  return new InvalidReferenceError(input, `Repository name must be lowercase: ${quote(path)}`, offset + upper, `Docker repository names use lowercase letters only, for example ${quote(path.toLowerCase())}.`)
}

/** Path components: lowercase alphanumerics joined by ".", "_", "__" or a run of "-". */
export function checkPath(input: string, path: string, offset: number): void {
  if (/[A-Z]/.test(path)) throw lowercaseError(input, path, offset)
  const bad = (rule: string, at: number): InvalidReferenceError => new InvalidReferenceError(input, `Invalid repository name ${quote(path)}: ${rule}`, offset + at)
  let start = 0
  for (const component of path.split('/')) {
    const end = start + component.length
    if (component === '') {
      if (start === 0) throw offset === 0 ? bad('it must not start with "/"', 0) : bad('empty path component ("//")', -1)
      if (end === path.length) throw bad('it must not end with "/"', start - 1)
      throw bad('empty path component ("//")', start - 1)
    }
    let i = start
    while (i < end) {
      const c = path[i]
      if (isLowerAlnum(c)) {
        i++
        continue
      }
      if (!isSeparatorChar(c)) {
        throw bad(`a repository name may contain only lowercase letters, digits, "/" and the separators ".", "_", "__", "-", not ${quote(c)}`, i)
      }
      let j = i
      while (j < end && isSeparatorChar(path[j])) j++
      const sep = path.slice(i, j)
      if (i === start) throw bad(`a path component must start with a lowercase letter or digit, not ${quote(c)}`, i)
      if (j === end) throw bad(`a path component must end with a lowercase letter or digit, not ${quote(path[j - 1])}`, j - 1)
      if (!(sep === '.' || sep === '_' || sep === '__' || /^-+$/.test(sep))) {
        throw bad(`${quote(sep)} is not a valid separator (use one ".", one or two "_", or dashes)`, i)
      }
      i = j
    }
    start = end + 1
  }
}

/** tag := [\w][\w.-]{0,127} */
export function checkTag(input: string, tag: string, offset: number): string {
  if (tag === '') throw new InvalidReferenceError(input, 'Missing tag after ":"', offset - 1)
  const problem = tagProblem(tag)
  if (problem) throw new InvalidReferenceError(input, problem.message, offset + problem.at, 'A tag is up to 128 letters, digits, "_", "." and "-", and cannot start with "." or "-".')
  return tag
}

export function tagProblem(tag: string): { message: string; at: number } | null {
  if (tag === '') return { message: 'Empty tag', at: 0 }
  for (let i = 0; i < tag.length; i++) {
    const c = tag[i]
    if (isWord(c)) continue
    if (i === 0 && (c === '.' || c === '-')) return { message: `Invalid tag ${quote(tag)}: a tag must start with a letter, digit or "_"`, at: 0 }
    if (c !== '.' && c !== '-') return { message: `Invalid tag ${quote(tag)}: a tag may contain only letters, digits, "_", "." and "-", not ${quote(c)}`, at: i }
  }
  if (tag.length > MAX_TAG_LENGTH) return { message: `Tag is longer than ${MAX_TAG_LENGTH} characters (${tag.length})`, at: MAX_TAG_LENGTH }
  return null
}

/** digest := algorithm ":" hex, where go-digest accepts sha256/sha384/sha512 with lowercase hex of the exact length. */
export function checkDigest(input: string, digest: string, offset: number): string {
  const hint = 'A digest looks like sha256: followed by 64 lowercase hex digits.'
  const bad = (message: string, at?: number): InvalidReferenceError => new InvalidReferenceError(input, message, at === undefined ? undefined : offset + at, hint)
  if (digest === '') throw bad('Missing digest after "@"', -1)
  const colon = digest.indexOf(':')
  if (colon === -1) throw bad(`Invalid digest ${quote(digest)}: expected algorithm:hex, for example sha256:<64 hex digits>`, 0)
  const algorithm = digest.slice(0, colon)
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/.test(algorithm)) throw bad(`Invalid digest algorithm ${quote(algorithm)}`, 0)
  const expected = DIGEST_HEX_LENGTH[algorithm]
  if (expected === undefined) throw bad(`Unsupported digest algorithm ${quote(algorithm)}: use sha256, sha384 or sha512`, 0)
  const hex = digest.slice(colon + 1)
  for (let i = 0; i < hex.length; i++) {
    const c = hex[i]
    if (/[0-9a-f]/.test(c)) continue
    const rule = /[A-F]/.test(c) ? 'hex digits must be lowercase' : `${quote(c)} is not a hex digit`
    throw bad(`Invalid digest ${quote(digest)}: ${rule}`, colon + 1 + i)
  }
  if (hex.length !== expected) {
    // Point at the first extra digit, or at the start of the hex when digits are missing.
    throw bad(`Invalid digest ${quote(digest)}: a ${algorithm} digest has ${expected} hex digits, this one has ${hex.length}`, colon + 1 + (hex.length > expected ? expected : 0))
  }
  return digest
}
