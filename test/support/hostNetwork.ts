// Starting or removing a container changes the host's network: its veth interface comes up and,
// about a second later, gets an IPv6 link-local address. Chromium fails connections being set
// up at that moment with net::ERR_NETWORK_CHANGED, even to 127.0.0.1. Berth copes (the event
// stream reopens, reads retry), but a page load or a click that changes state cannot be retried
// blindly; tests that just started containers wait here before driving the browser.
import { readdirSync, readFileSync } from 'node:fs'

const IFA_F_TENTATIVE = 0x40

/** Interfaces still waiting for an address (tentative, or up without a link-local one). */
function unsettled(): string[] {
  let table: string
  try {
    table = readFileSync('/proc/net/if_inet6', 'utf8')
  } catch {
    return [] // no IPv6 here: nothing will change later
  }
  const rows = table.trim().split('\n').map((line) => line.trim().split(/\s+/))
  const waiting = rows.filter((r) => parseInt(r[4], 16) & IFA_F_TENTATIVE).map((r) => r[5])
  const withLinkLocal = new Set(rows.filter((r) => r[0].startsWith('fe80')).map((r) => r[5]))
  for (const name of readdirSync('/sys/class/net')) {
    if (!name.startsWith('veth') || withLinkLocal.has(name)) continue
    const up = read(`/sys/class/net/${name}/operstate`) === 'up'
    const ipv6 = read(`/proc/sys/net/ipv6/conf/${name}/disable_ipv6`) === '0'
    const linkLocal = read(`/proc/sys/net/ipv6/conf/${name}/addr_gen_mode`) !== '1'
    if (up && ipv6 && linkLocal) waiting.push(name)
  }
  return waiting
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return ''
  }
}

/** Resolves once every interface has its addresses and nothing changed for a moment (at most 5 s). */
export async function hostNetworkSettled(): Promise<void> {
  const deadline = Date.now() + 5000
  let last = ''
  let stableSince = Date.now()
  while (Date.now() < deadline) {
    const now = read('/proc/net/if_inet6')
    if (now !== last) {
      last = now
      stableSince = Date.now()
    }
    if (unsettled().length === 0 && Date.now() - stableSince >= 300) return
    await new Promise((r) => setTimeout(r, 100))
  }
}
