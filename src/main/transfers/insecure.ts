// Will the engine talk plain HTTP to a registry? Each engine has its own rule:
// - Docker (registry/config.go, isSecureIndex): an explicit "insecure-registries" entry for
//   host:port wins; otherwise the host's IP addresses are matched against
//   InsecureRegistryCIDRs (127.0.0.0/8 by default).
// - Podman (containers/image, sysregistriesv2): the registries.conf [[registry]] whose location
//   is the longest prefix of the address decides ("127.0.0.1" covers every port of it); /info
//   reports those locations as IndexConfigs and no CIDRs. Nothing matching means HTTPS only,
//   even for 127.0.0.1.
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

export interface EngineRegistryConfig {
  InsecureRegistryCIDRs?: string[] | null
  IndexConfigs?: Record<string, { Name?: string; Secure?: boolean }> | null
}

/** The parts of GET /info the decision needs. */
export interface EngineInsecureInfo {
  RegistryConfig?: EngineRegistryConfig
  /** Only Podman's /info has it. */
  BuildahVersion?: string
}

export function isPodmanInfo(info: EngineInsecureInfo | undefined, engineName?: string): boolean {
  return engineName === 'Podman' || typeof info?.BuildahVersion === 'string'
}

/** host and port of `host[:port]`, with IPv6 brackets removed. */
export function splitHostPort(address: string): { host: string; port?: number } {
  const a = address.trim()
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(a)
  if (v6) return { host: v6[1]!, port: v6[2] ? Number(v6[2]) : undefined }
  const i = a.lastIndexOf(':')
  // A bare IPv6 address has several colons and no port.
  if (i > 0 && a.indexOf(':') === i) return { host: a.slice(0, i), port: Number(a.slice(i + 1)) }
  return { host: a }
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [network, bits] = cidr.split('/')
  const family = isIP(network ?? '')
  const ipFamily = isIP(ip)
  if (!family || !ipFamily) return false
  const list = new BlockList()
  const type = family === 6 ? 'ipv6' : 'ipv4'
  list.addSubnet(network!, bits === undefined ? (family === 6 ? 128 : 32) : Number(bits), type)
  return list.check(ip, ipFamily === 6 ? 'ipv6' : 'ipv4')
}

export type Resolve = (host: string) => Promise<string[]>

const resolveHost: Resolve = async (host) => {
  if (isIP(host)) return [host]
  try {
    return (await lookup(host, { all: true })).map((a) => a.address)
  } catch {
    return []
  }
}

/** True when this engine (Docker or Podman, told apart by its /info) will use plain HTTP for the registry. */
export async function engineAllowsHttp(info: EngineInsecureInfo | undefined, address: string, resolve: Resolve = resolveHost, engineName?: string): Promise<boolean> {
  if (isPodmanInfo(info, engineName)) return podmanAllowsHttp(info?.RegistryConfig, address)
  return dockerAllowsHttp(info?.RegistryConfig, address, resolve)
}

/** Podman: the registries.conf entry with the longest matching location decides; none means HTTPS only. */
export function podmanAllowsHttp(config: EngineRegistryConfig | undefined, address: string): boolean {
  let best: { length: number; secure: boolean } | undefined
  for (const [location, index] of Object.entries(config?.IndexConfigs ?? {})) {
    const length = matchingPrefix(address.toLowerCase(), location.toLowerCase())
    if (length >= 0 && typeof index.Secure === 'boolean' && (!best || length > best.length)) best = { length, secure: index.Secure }
  }
  return best ? !best.secure : false
}

// containers/image refMatchingPrefix / refMatchingSubdomainPrefix: the location must end where
// the address does, or right before its ":port", "/path" or "@digest".
function matchingPrefix(address: string, location: string): number {
  let end: number
  if (location.startsWith('*.')) {
    const at = address.indexOf(location.slice(1))
    if (at <= 0) return -1
    end = at + location.length - 1
  } else {
    if (!address.startsWith(location)) return -1
    end = location.length
  }
  return end === address.length || ':/@'.includes(address[end]!) ? end : -1
}

/** Docker: an explicit insecure-registries entry for host:port, else the CIDRs (127.0.0.0/8 by default). */
export async function dockerAllowsHttp(config: EngineRegistryConfig | undefined, address: string, resolve: Resolve = resolveHost): Promise<boolean> {
  const indexes = config?.IndexConfigs ?? {}
  const explicit = indexes[address] ?? indexes[address.toLowerCase()]
  if (explicit && typeof explicit.Secure === 'boolean') return !explicit.Secure
  const cidrs = config?.InsecureRegistryCIDRs ?? []
  if (cidrs.length === 0) return false
  const ips = await resolve(splitHostPort(address).host)
  return ips.some((ip) => cidrs.some((c) => cidrContains(c, ip)))
}
