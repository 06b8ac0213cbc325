// Turns the daemon's one-line error text (sent inside a 200 push/pull/load stream) into a
// BerthError that says what went wrong and what to do. The daemon's words stay in
// details.daemonMessage so nothing is lost when the decoding guesses wrong.
import { BerthError } from '@shared/contract/errors'
import { DOCKER_HUB, DOCKER_HUB_SERVICE_HOSTS } from '@shared/registryAddress'
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

const verb: Record<TransferKind, string> = { push: 'push', pull: 'pull', load: 'load', copy: 'copy', export: 'export', import: 'import' }

export function decodeDaemonError(message: string, ctx: DaemonErrorContext): BerthError {
  const daemonMessage = message.trim()
  const host = registryHost(ctx.registry) ?? hostInMessage(daemonMessage)
  const where = host ?? 'the registry'
  const base = { daemonMessage, ...(host ? { registry: host } : {}) }
  const any = (patterns: RegExp[]): boolean => patterns.some((p) => p.test(daemonMessage))

  if (/server gave HTTP response to HTTPS client/i.test(daemonMessage)) {
    const target = host ?? 'HOST:PORT'
    const snippet = `{"insecure-registries": ["${target}"]}`
    return new BerthError(
      'REGISTRY_HTTP_REFUSED',
      `The engine refused to talk plain HTTP to ${target}: it only allows HTTPS for registries that are not on localhost.`,
      `Add ${snippet} to the engine's daemon.json (merge it if the file already has settings): ` +
        `/etc/docker/daemon.json on Linux, ~/.config/docker/daemon.json for rootless Docker, ` +
        `or Docker Desktop → Settings → Docker Engine. Then restart the engine ` +
        `(sudo systemctl restart docker, or "Apply & restart" in Docker Desktop) and retry.`,
      { ...base, registry: target, snippet }
    )
  }

  if (/x509:|certificate/i.test(daemonMessage)) {
    const caPath = `/etc/docker/certs.d/${host ?? '<host:port>'}/ca.crt`
    const unknownCa = /unknown authority|not trusted|self.signed/i.test(daemonMessage)
    return new BerthError(
      'TLS_UNTRUSTED',
      unknownCa
        ? `The engine does not trust the TLS certificate of ${where}: it is signed by an unknown authority.`
        : `The engine rejected the TLS certificate of ${where}.`,
      unknownCa
        ? `Put the registry's CA certificate at ${caPath} on the engine's host (or add it to the system trust store), then retry; no engine restart is needed for certs.d.`
        : `Check that the certificate is valid for the address you used and not expired; a private CA goes to ${caPath}.`,
      { ...base, caPath }
    )
  }

  if (ctx.kind === 'load') return decodeLoadError(daemonMessage, any)

  if (ctx.kind === 'pull' && isHub(host, daemonMessage) && any(NETWORK)) {
    return new BerthError(
      'HUB_UNREACHABLE',
      'The engine could not reach Docker Hub.',
      'Check the internet connection or proxy of the engine, configure a registry mirror ("registry-mirrors" in daemon.json), or load the image from a tar file instead.',
      base
    )
  }

  if (any(NETWORK)) {
    return new BerthError(
      'REGISTRY_UNREACHABLE',
      `The engine could not reach ${where} during the ${verb[ctx.kind]}.`,
      `The registry may be down: start it, or check the address and port${host ? ` (${host})` : ''}, then retry.`,
      base
    )
  }

  if (/toomanyrequests|rate limit/i.test(daemonMessage)) {
    return new BerthError(
      'REGISTRY_ERROR',
      `${where} refused the ${verb[ctx.kind]}: too many requests.`,
      'Wait a while and retry; on Docker Hub, signing in raises the pull limit.',
      base
    )
  }

  if (any(AUTH_REQUIRED)) {
    return new BerthError(
      'AUTH_REQUIRED',
      `${capitalize(where)} requires you to sign in to ${verb[ctx.kind]}.`,
      `Enter credentials for ${where} and retry.`,
      base
    )
  }

  if (any(AUTH_DENIED)) {
    return new BerthError(
      'AUTH_DENIED',
      `${capitalize(where)} denied access to this repository.`,
      ctx.kind === 'pull'
        ? 'Check the image name (the repository may not exist), or sign in with an account that can read it.'
        : 'Check that the repository name is right and that your account may push to it, or sign in with other credentials.',
      base
    )
  }

  if (any(NOT_FOUND)) {
    return new BerthError(
      'NOT_FOUND',
      ctx.kind === 'push' ? 'The image or tag to push was not found.' : `${capitalize(where)} has no such image or tag.`,
      'Check the repository name and tag, then retry.',
      base
    )
  }

  if (/no space left on device/i.test(daemonMessage)) {
    return new BerthError('REGISTRY_ERROR', `The ${verb[ctx.kind]} failed: a disk is full.`, 'Free disk space on the engine host or the registry, then retry.', base)
  }

  return new BerthError(
    'REGISTRY_ERROR',
    `The ${verb[ctx.kind]} failed: ${daemonMessage || 'the engine reported an error without a message'}`,
    'See the engine\'s message in the details; retry once the cause is fixed.',
    base
  )
}

function decodeLoadError(daemonMessage: string, any: (p: RegExp[]) => boolean): BerthError {
  const details = { daemonMessage }
  if (/no space left on device/i.test(daemonMessage)) {
    return new BerthError('INVALID_INPUT', 'The engine ran out of disk space while loading the archive.', 'Free disk space on the engine host, then retry.', details)
  }
  return new BerthError(
    'INVALID_INPUT',
    any(ARCHIVE)
      ? 'The file is not a complete image archive the engine can load.'
      : `The engine could not load the archive: ${daemonMessage || 'no reason given'}`,
    'Choose a tar made by "docker save" (or skopeo copy … docker-archive:), and check it was not cut short.',
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

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
