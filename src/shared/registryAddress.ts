// What a registry address is, for main (validation, credential keys) and the renderer (live
// form feedback): one rule, so a form never accepts what main then refuses.
import { BerthError } from './contract/errors'
import type { RegistryEntry } from './contract/registries'
import { m, type Msg } from './i18n/message'
import { isValidPort } from './port'
import { parseUrl } from './url'
import type { RegistryScheme } from './contract/registryTypes'

/** Docker Hub's canonical name, and its key in config.json (what its credential helpers expect). */
export const DOCKER_HUB = 'docker.io'
export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/'

/** Every name Docker Hub's registry answers to. */
export const DOCKER_HUB_ALIASES: readonly string[] = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']

/** Hub's registry names plus the hosts a pull or push talks to on the way (token service, blob CDN). */
export const DOCKER_HUB_SERVICE_HOSTS: readonly string[] = [...DOCKER_HUB_ALIASES, 'auth.docker.io', 'production.cloudflare.docker.com']

export type AddressCheck = { ok: true; address: string; scheme?: RegistryScheme } | { ok: false; error: Msg }

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

/** host[:port], lower-cased, from what a user typed or pasted (a scheme and trailing slashes are fine). */
export function checkAddress(input: string): AddressCheck {
  const raw = String(input ?? '').trim()
  if (!raw) return { ok: false, error: m('errors.address.empty') }
  const pasted = /^(https?):\/\//i.exec(raw)
  const a = raw.replace(SCHEME, '').replace(/\/+$/, '')
  if (/[/?#@\s]/.test(a)) return { ok: false, error: m('errors.address.onlyHost') }
  // Before the URL parser, which refuses an out-of-range port without saying why.
  const port = /:(\d+)$/.exec(a)?.[1]
  if (port !== undefined && !isValidPort(port)) return { ok: false, error: m('errors.address.port') }
  if (!parseUrl(`http://${a}`)?.host) return { ok: false, error: m('errors.address.notHost', { address: a.slice(0, 100) }) }
  return { ok: true, address: a.toLowerCase(), ...(pasted ? { scheme: pasted[1]!.toLowerCase() as RegistryScheme } : {}) }
}

/** checkAddress for main: the address, or an INVALID_INPUT error that says how to write one. */
export function normalizeAddress(input: string): string {
  const c = checkAddress(input)
  if (!c.ok) throw new BerthError('INVALID_INPUT', m('errors.address.invalid', { reason: c.error }), m('hints.registry.addressForm'))
  return c.address
}

/** host[:port], lower-cased, without scheme or path; Docker Hub's aliases become "docker.io". */
export function registryKey(registry: string): string {
  const host = String(registry ?? '')
    .trim()
    .replace(SCHEME, '')
    .split('/')[0]!
    .toLowerCase()
  return DOCKER_HUB_ALIASES.includes(host) ? DOCKER_HUB : host
}

export function isDockerHub(registry: string): boolean {
  return registryKey(registry) === DOCKER_HUB
}

/** Where a registry entry points (address, scheme, TLS trust): when it changes, it is another registry. */
export type RegistryEndpoint = Pick<RegistryEntry, 'address' | 'scheme' | 'caFile' | 'insecureSkipVerify'>

/** One string per endpoint: clients, caches and open pages compare it to notice an edited entry. */
export function endpointKey(e: RegistryEndpoint): string {
  return JSON.stringify([e.address, e.scheme, e.caFile ?? '', e.insecureSkipVerify === true])
}

/** Only the endpoint's fields of an entry (what a registry client is built from). */
export function endpointOf(e: RegistryEndpoint): RegistryEndpoint {
  return { address: e.address, scheme: e.scheme, caFile: e.caFile, insecureSkipVerify: e.insecureSkipVerify }
}
