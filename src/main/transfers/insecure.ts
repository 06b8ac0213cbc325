// Will the engine talk plain HTTP to a registry? The daemon's own rule (registry/config.go,
// isSecureIndex): an explicit "insecure-registries" entry for host:port wins; otherwise the
// host's IP addresses are matched against InsecureRegistryCIDRs (127.0.0.0/8 by default).
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

export interface EngineRegistryConfig {
  InsecureRegistryCIDRs?: string[] | null
  IndexConfigs?: Record<string, { Name?: string; Secure?: boolean }> | null
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

/** True when the engine will use (or fall back to) plain HTTP for this registry. */
export async function engineAllowsHttp(config: EngineRegistryConfig | undefined, address: string, resolve: Resolve = resolveHost): Promise<boolean> {
  const indexes = config?.IndexConfigs ?? {}
  const explicit = indexes[address] ?? indexes[address.toLowerCase()]
  if (explicit && typeof explicit.Secure === 'boolean') return !explicit.Secure
  const cidrs = config?.InsecureRegistryCIDRs ?? []
  if (cidrs.length === 0) return false
  const ips = await resolve(splitHostPort(address).host)
  return ips.some((ip) => cidrs.some((c) => cidrContains(c, ip)))
}
