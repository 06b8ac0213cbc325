// Catalog-walk figures for bench/catalog.ts, each a ratio or a time from the same run:
//   - whole walks at concurrency 1–8 against registry:2's own sequential paging (raw HTTP,
//     n=1000), alternating so both see the same machine load;
//   - reopening from the persisted index in Chromium: first row, and full list ready;
//   - one search across tags over an index of 1,000 repositories × 20 tags.
import { availableParallelism } from 'node:os'
import { BrowseService } from '../src/main/browse'
import { DEFAULT_WALK_CONCURRENCY } from '../src/main/registry'
import type { RunningBerth, RunningBrowser } from '../test/support/web'
import { median, round, type Report } from './report'

type Result = Report['results'][number]

export const WALK_CONCURRENCIES = [1, 2, 3, 4, 5, 6, 7, 8]

export interface WalkPlan {
  runs: number
  concurrencies: number[]
  /** Also a first walk (no index). */
  firstWalk: boolean
}

/** The floor: registry:2's own sequential paging, in ms, the names it listed, and its CPU time while it paged (when its process can be read). */
export type Floor = () => Promise<{ ms: number; names: string[]; cpuMs?: number }>

/** Whole walks through a fresh client per run (no warm pool), median of `runs`, next to the floor. */
export async function measureWalks(berth: RunningBerth, registryId: string, total: number, floor: Floor, plan: WalkPlan): Promise<{ results: Result[]; best: number; floorMs: number; names: string[] }> {
  const { runs, concurrencies } = plan
  const times = new Map<number, number[]>(concurrencies.map((c) => [c, []]))
  const firstWalk: number[] = []
  const floors: number[] = []
  const cpus: number[] = []
  let hints: string[] | undefined
  const timed = async (opts: { concurrency: number; hints?: string[] }): Promise<number> => {
    const service = new BrowseService({ registry: (id) => berth.services.registries.get(id), credentials: async () => undefined })
    try {
      const t0 = performance.now()
      const walk = await service.walkCatalog(registryId, opts)
      const ms = performance.now() - t0
      if (!walk.complete || walk.repositories.length !== total) throw new Error(`walk at concurrency ${opts.concurrency}: ${walk.repositories.length} of ${total} (${walk.incomplete?.message ?? 'complete'})`)
      hints ??= walk.repositories
      return ms
    } finally {
      await service.dispose()
    }
  }
  for (let i = 0; i < runs; i++) {
    const f = await floor()
    floors.push(f.ms)
    if (f.cpuMs !== undefined) cpus.push(f.cpuMs)
    if (f.names.length !== total) throw new Error(`registry:2's own paging listed ${f.names.length} of ${total}`)
    // A first walk knows nothing; a refresh has the index's names as exact range bounds.
    if (plan.firstWalk) firstWalk.push(await timed({ concurrency: DEFAULT_WALK_CONCURRENCY }))
    hints ??= f.names
    for (const c of concurrencies) times.get(c)!.push(await timed({ concurrency: c, hints }))
  }
  const floorMs = median(floors)
  const medians = concurrencies.map((c) => [c, median(times.get(c)!)] as const)
  const best = medians.reduce((a, b) => (b[1] < a[1] ? b : a))[0]
  const results: Result[] = [{ name: `registry:2's sequential paging (raw HTTP, n=1000), ${total.toLocaleString('en')} repositories`, value: Math.round(floorMs), unit: 'ms', note: `median of ${runs}, alternating with Berth's walks` }]
  if (cpus.length > 0) {
    // registry:2's work is fixed (the same pages, each walked from the start): spread over every
    // core it cannot take less than its CPU time divided by the cores, whoever asks.
    const cpu = median(cpus)
    const cores = availableParallelism()
    results.push({ name: `  registry:2's own CPU time during that paging (${cores} cores here)`, value: Math.round(cpu), unit: 'ms', note: `no walk of these pages can take less than ${Math.round(cpu / cores)} ms here: ${round(cpu / cores / floorMs, 2)}× of the paging` })
  }
  const goal = total >= 100_000 ? 0.5 : 0.6
  if (plan.firstWalk) {
    const first = median(firstWalk)
    results.push({ name: `  Berth's first walk (no index: ranges planned from the first page)`, value: round(first / floorMs, 2), unit: '×', goal: `≤ ${goal}×`, ok: first / floorMs <= goal, note: `${Math.round(first)} ms` })
  }
  for (const [c, ms] of medians) results.push({ name: `  Berth's refresh walk (index hints), concurrency ${c}${c === best ? ' (fastest)' : ''}`, value: round(ms / floorMs, 2), unit: '×', goal: `≤ ${goal}×`, ok: ms / floorMs <= goal, note: `${Math.round(ms)} ms` })
  return { results, best, floorMs, names: hints ?? [] }
}

/**
 * Reopening a registry whose list is in the index: a fresh page load, click on the registry,
 * until the first row and until the count shows the whole stored list (from the index).
 */
export async function measureReopen(berth: RunningBerth, browser: RunningBrowser, registryName: string, total: number, clickAndWaitFor: (opts: { button: string; selector: string }) => Promise<number>, runs = 5, cancelRefresh?: () => void): Promise<{ firstRow: number; fullList: number }> {
  const page = browser.page
  const first: number[] = []
  const full: number[] = []
  const whole = `[data-testid=catalog-age][data-from-index=true]`
  for (let i = 0; i < runs; i++) {
    await page.goto(berth.url)
    await page.getByRole('button', { name: registryName }).first().waitFor()
    first.push(await clickAndWaitFor({ button: registryName, selector: '[data-testid=repo-row]' }))
    await page.goto(berth.url)
    await page.getByRole('button', { name: registryName }).first().waitFor()
    full.push(await clickAndWaitFor({ button: registryName, selector: whole }))
    const count = await page.getByTestId('catalog-count').textContent()
    if (!count?.includes(total.toLocaleString('en'))) throw new Error(`reopened list says "${count}", expected ${total}`)
    // Let the background refresh finish before the next run (at 100,000 it takes minutes: stop it).
    cancelRefresh?.()
    await page.locator('[data-testid=catalog-count][data-loading=false]').waitFor({ timeout: 300_000 })
  }
  return { firstRow: median(first), fullList: median(full) }
}

/** One query over an index of `repos` repositories with `tagsEach` tags each (written directly, then searched through the service). */
export async function measureTagSearch(berth: RunningBerth, registryId: string, repos: string[], tagsEach: number, runs = 20): Promise<{ ms: number; matches: number }> {
  const entry = berth.services.registries.get(registryId)
  const { endpointKey } = await import('../src/shared/registryAddress')
  const tags = Object.fromEntries(repos.map((r, i) => [r, { tags: Array.from({ length: tagsEach }, (_, k) => `1.${(i + k) % 30}.${k}`), at: Date.now() }]))
  await berth.services.catalogIndex.saveTags(registryId, { endpoint: endpointKey(entry), repositories: tags })
  const times: number[] = []
  let matches = 0
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const r = await berth.services.catalogTags.search(registryId, i % 2 ? '1.8.*' : '1.8.3')
    times.push(performance.now() - t0)
    matches = r.matches.length
  }
  return { ms: median(times), matches }
}
