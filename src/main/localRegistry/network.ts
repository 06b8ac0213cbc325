// Addresses other machines can use to reach a shared registry, and what their engines need.
import { networkInterfaces } from 'node:os'

/** This machine's LAN IPv4 addresses (no loopback, no link-local), then global IPv6 ones. */
export function lanIps(): string[] {
  const v4: string[] = []
  const v6: string[] = []
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue
      if (a.family === 'IPv4' && !a.address.startsWith('169.254.')) v4.push(a.address)
      else if (a.family === 'IPv6' && !/^fe80:/i.test(a.address)) v6.push(`[${a.address}]`)
    }
  }
  return [...new Set([...v4, ...v6])]
}

/** daemon.json for another machine's engine: plain HTTP is refused for anything but loopback. */
export function insecureRegistriesSnippet(addresses: string[]): string {
  return JSON.stringify({ 'insecure-registries': addresses }, null, 2)
}
