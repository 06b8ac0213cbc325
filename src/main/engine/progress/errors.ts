// Turns the daemon's one-line error text (sent inside a 200 push/pull/load stream) into a
// BerthError that says what went wrong and what to do. The daemon's words stay in
// details.daemonMessage so nothing is lost when the decoding guesses wrong.
import { BerthError } from '@shared/contract/errors'
import { DOCKER_HUB, DOCKER_HUB_SERVICE_HOSTS } from '@shared/registryAddress'
import { m } from '@shared/i18n/message'
import type { TransferKind } from '@shared/contract/transferTypes'

export interface DaemonErrorContext {
  /** host[:port] of the registry involved (push target / pull source); absent for load. */
  registry?: string
  kind: TransferKind
}

/** Hosts that mean Docker Hub when a daemon message names them ("docker.io" alone is too common a substring). */
const HUB_HOSTS_IN_TEXT = DOCKER_HUB_SERVICE_HOSTS.filter((h) => h !== DOCKER_HUB)

const NETWORK = [
  /connection refused/i,
  /no such host/i,
  /i\/o timeout/i,
  /\bEOF\b/,
  /connection reset/i,
  /broken pipe/i,
  /dial tcp/i,
  /context deadline exceeded/i,
  /Client\.Timeout exceeded/i,
  /TLS handshake timeout/i,
  /network is unreachable/i,
  /no route to host/i,
  /server misbehaving/i
]
const AUTH_REQUIRED = [/no basic auth credentials/i, /\bunauthorized\b/i, /authentication required/i]
const AUTH_DENIED = [/requested access to the resource is denied/i, /\bdenied\b/i, /insufficient_scope/i]
const NOT_FOUND = [/manifest unknown/i, /not found/i, /name unknown/i, /does not exist locally/i, /tag does not exist/i, /repository name not known/i]
const ARCHIVE = [/tar/i, /\bEOF\b/, /manifest\.json/i, /invalid (?:argument|character|header)/i, /unexpected end of JSON/i, /cannot unmarshal/i, /unrecognized (?:input )?(?:header|format)/i]


export function decodeDaemonError(message: string, ctx: DaemonErrorContext): BerthError {
  const daemonMessage = message.trim()
  const host = registryHost(ctx.registry) ?? hostInMessage(daemonMessage)
  const where = host ?? m('errors.daemon.theRegistry')
  const verb = m(`kinds.${ctx.kind}`)
  const base = { daemonMessage, ...(host ? { registry: host } : {}) }
  const any = (patterns: RegExp[]): boolean => patterns.some((p) => p.test(daemonMessage))

  if (/server gave HTTP response to HTTPS client/i.test(daemonMessage)) {
    const target = host ?? 'HOST:PORT'
    const snippet = `{"insecure-registries": ["${target}"]}`
    return new BerthError(
      'REGISTRY_HTTP_REFUSED',
      m('errors.daemon.httpRefused', { target }),
      m('hints.daemon.insecure', { snippet }),
      { ...base, registry: target, snippet }
    )
  }

  if (/x509:|certificate/i.test(daemonMessage)) {
    const caPath = `/etc/docker/certs.d/${host ?? '<host:port>'}/ca.crt`
    const unknownCa = /unknown authority|not trusted|self.signed/i.test(daemonMessage)
    return new BerthError(
      'TLS_UNTRUSTED',
      m(unknownCa ? 'errors.daemon.unknownCa' : 'errors.daemon.certRejected', { where }),
      m(unknownCa ? 'hints.daemon.certsD' : 'hints.daemon.certValid', { caPath }),
      { ...base, caPath }
    )
  }

  if (ctx.kind === 'load') return decodeLoadError(daemonMessage, any)

  if (ctx.kind === 'pull' && isHub(host, daemonMessage) && any(NETWORK)) {
    return new BerthError(
      'HUB_UNREACHABLE',
      m('errors.daemon.hub'),
      m('hints.daemon.hub'),
      base
    )
  }

  if (any(NETWORK)) {
    return new BerthError(
      'REGISTRY_UNREACHABLE',
      m('errors.daemon.unreachable', { where, verb }),
      host ? m('hints.daemon.downHost', { host }) : m('hints.daemon.down'),
      base
    )
  }

  if (/toomanyrequests|rate limit/i.test(daemonMessage)) {
    return new BerthError(
      'REGISTRY_ERROR',
      m('errors.daemon.rateLimited', { where, verb }),
      m('hints.daemon.rateLimited'),
      base
    )
  }

  if (any(AUTH_REQUIRED)) {
    return new BerthError(
      'AUTH_REQUIRED',
      m('errors.daemon.signIn', { where, verb }),
      m('hints.daemon.enterCredentials', { where }),
      base
    )
  }

  if (any(AUTH_DENIED)) {
    return new BerthError(
      'AUTH_DENIED',
      m('errors.daemon.denied', { where }),
      m(ctx.kind === 'pull' ? 'hints.daemon.deniedPull' : 'hints.daemon.deniedPush'),
      base
    )
  }

  if (any(NOT_FOUND)) {
    return new BerthError(
      'NOT_FOUND',
      ctx.kind === 'push' ? m('errors.daemon.pushSourceMissing') : m('errors.daemon.noSuchImage', { where }),
      m('hints.daemon.checkNameTag'),
      base
    )
  }

  if (/no space left on device/i.test(daemonMessage)) {
    return new BerthError('REGISTRY_ERROR', m('errors.daemon.diskFull', { verb }), m('hints.daemon.freeSpace'), base)
  }

  return new BerthError(
    'REGISTRY_ERROR',
    m('errors.daemon.failed', { verb, reason: daemonMessage || m('errors.daemon.noMessage') }),
    m('hints.daemon.seeDetails'),
    base
  )
}

function decodeLoadError(daemonMessage: string, any: (p: RegExp[]) => boolean): BerthError {
  const details = { daemonMessage }
  if (/no space left on device/i.test(daemonMessage)) {
    return new BerthError('INVALID_INPUT', m('errors.daemon.loadDiskFull'), m('hints.daemon.freeEngineSpace'), details)
  }
  return new BerthError(
    'INVALID_INPUT',
    any(ARCHIVE) ? m('errors.daemon.badArchive') : m('errors.daemon.loadFailed', { reason: daemonMessage || m('errors.daemon.noReason') }),
    m('hints.daemon.chooseTar'),
    details
  )
}

/** host[:port] without scheme or path, lower-cased. */
export function registryHost(registry: string | undefined): string | undefined {
  if (!registry) return undefined
  const host = registry.trim().replace(/^[a-z]+:\/\//i, '').split('/')[0]
  return host ? host.toLowerCase() : undefined
}

/** The daemon names the URL it tried, e.g. `Get "https://10.0.0.5:5000/v2/": …`. */
function hostInMessage(message: string): string | undefined {
  const m = /https?:\/\/([^/"\s]+)/i.exec(message)
  return m ? m[1].toLowerCase() : undefined
}

function isHub(host: string | undefined, message: string): boolean {
  if (host && DOCKER_HUB_SERVICE_HOSTS.includes(host)) return true
  return HUB_HOSTS_IN_TEXT.some((h) => message.toLowerCase().includes(h))
}
