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
import { checkDigest, checkPath, checkTag, domainProblem, InvalidReferenceError, lowercaseError, MAX_PATH_LENGTH, quote, tagProblem } from './referenceGrammar'

export { InvalidReferenceError } from './referenceGrammar'

export interface ParsedReference {
  /** Registry host, normalized: "docker.io" when absent, "index.docker.io" becomes "docker.io". */
  domain: string
  /** Repository path, normalized: a single name on Docker Hub becomes "library/<name>". */
  path: string
  tag?: string
  digest?: string
}

const DEFAULT_DOMAIN = 'docker.io'
const DEFAULT_TAG = 'latest'
/** The whole normalized name, domain included (docker/distribution's NameTotalLengthMax, as engines up to v26 apply it). */
const MAX_NAME_LENGTH = 255

const LEGACY_DOMAIN = 'index.docker.io'
const OFFICIAL_PREFIX = 'library/'

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
