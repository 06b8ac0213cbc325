// DNS rebinding: a page on evil.example can point its name at 127.0.0.1 and talk to us as
// same-origin. Its requests still say `Host: evil.example`, so only our own names are served.
import { networkInterfaces } from 'node:os'

const WILDCARDS = new Set(['0.0.0.0', '::', ''])

const bracket = (host: string): string => (host.includes(':') ? `[${host}]` : host)

/** Every `Host` value this server answers to (lowercase host:port). */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = ['127.0.0.1', 'localhost', '::1', bindHost]
  // Bound to every interface (--host 0.0.0.0): the machine's own addresses are ours too.
  if (WILDCARDS.has(bindHost)) {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.push(i.address)
  }
  return new Set(names.filter((n) => !WILDCARDS.has(n)).map((n) => `${bracket(n.toLowerCase())}:${port}`))
}

export function hostAllowed(host: string | undefined, allowed: Set<string>): boolean {
  return typeof host === 'string' && allowed.has(host.toLowerCase())
}
