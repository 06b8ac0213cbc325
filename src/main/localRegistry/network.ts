// Addresses other machines can use to reach a shared registry, and what their engines need.
import { networkInterfaces } from 'node:os'

// Bridges and tunnels of container engines and VMs: other machines cannot reach those addresses.
const VIRTUAL = /^(docker|br-|veth|virbr|cni|flannel|cali|podman|vmnet|vboxnet|lxc|lxd|tailscale|utun|awdl|llw)/i

/**
 * This machine's LAN addresses: IPv4 of real interfaces (no loopback, link-local or engine
 * bridge); global IPv6 only when there is no IPv4 (it is rarely what people type).
 */
export function lanIps(interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces()): string[] {
  const v4: string[] = []
  const v6: string[] = []
  for (const [name, list] of Object.entries(interfaces)) {
    if (VIRTUAL.test(name)) continue
    for (const a of list ?? []) {
      if (a.internal) continue
      if (a.family === 'IPv4' && !a.address.startsWith('169.254.')) v4.push(a.address)
      else if (a.family === 'IPv6' && !/^fe80:/i.test(a.address)) v6.push(`[${a.address}]`)
    }
  }
  return [...new Set(v4.length ? v4 : v6)]
}

/** daemon.json for another machine's engine: plain HTTP is refused for anything but loopback. */
export function insecureRegistriesSnippet(addresses: string[]): string {
  return JSON.stringify({ 'insecure-registries': addresses }, null, 2)
}
