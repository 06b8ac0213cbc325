// The floor the catalog walks are measured against: registry:2's own sequential paging over raw
// HTTP (n=1000, one connection), and the registry's CPU time while it pages, read from /proc.
import { readFileSync } from 'node:fs'
import { Agent, request } from 'undici'

/** A process's CPU time (user + system) from /proc, in ms; undefined when it cannot be read here (an engine elsewhere). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return undefined
  }
}
/** USER_HZ: 100 on Linux everywhere this runs. */
const CLOCK_TICKS = 100

/** The registry's own floor: every catalog page in sequence (n=1000, its maximum) over raw HTTP. */
export async function rawCatalog(address: string): Promise<{ ms: number; names: string[] }> {
  const agent = new Agent({ connections: 1 })
  try {
    const t0 = performance.now()
    let last = ''
    const names: string[] = []
    for (;;) {
      const res = await request(`http://${address}/v2/_catalog?n=1000${last ? `&last=${encodeURIComponent(last)}` : ''}`, { dispatcher: agent })
      const json = (await res.body.json()) as { repositories: string[] }
      names.push(...json.repositories)
      if (!res.headers.link || json.repositories.length === 0) break
      last = json.repositories.at(-1)!
    }
    return { ms: performance.now() - t0, names }
  } finally {
    await agent.close()
  }
}
