// Registry browser benchmarks, all in one run against one real registry:2 filled with 10,000
// repositories (BENCH_CATALOG_REPOS=100000 for 100,000, kept in a named volume between runs)
// (+ one with 2,000 tags) by scripts/fill-registry.ts:
//   - whole catalog walks at concurrency 1–8 against registry:2's own sequential paging;
//   - Chromium (web mode): first catalog page on screen, the whole list walked, reopening from
//     the persisted index (first row, full list), filter keystroke latency;
//   - one search across tags over 1,000 repositories × 20 tags in the index;
//   - tag lists of 1,000 repositories: Berth's client vs a sequential `skopeo list-tags` loop
//     and vs a parallel raw-HTTP baseline (same number of requests in flight as Berth).
// Needs DOCKER_HOST (scripts/test-engine.sh), Chromium and skopeo. `npm run bench` runs it.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Agent, request } from 'undici'
import { BrowseService } from '../src/main/browse'
import { fillNames, fillRegistry } from '../scripts/fill-registry'
import { startRegistry, type TestRegistry } from '../test/support/registries'
import { staticDir } from '../test/support/chromium'
import { launchBrowser, startBerth, type RunningBerth, type RunningBrowser } from '../test/support/web'
import { endpointKey } from '../src/shared/registryAddress'
import { testDocker } from '../test/support/engine'
import { clickAndWaitFor, measureKeystrokes } from './catalogPage'
import { runIndexOnly } from './catalogIndexOnly'
import { measureReopen, measureTagSearch, measureWalks, WALK_CONCURRENCIES } from './catalogWalkProbes'
import { median, round, type Report } from './report'
import { processCpuMs, rawCatalog } from './catalogFloor'

const run$ = promisify(execFile)
const REPOSITORIES = Number(process.env.BENCH_CATALOG_REPOS ?? process.env.BENCH_REPOS ?? 10_000)
/** Goals: ≤ 0.6× sequential paging at 10,000 repositories, ≤ 0.5× at 100,000. */
const WALK_GOAL = REPOSITORIES >= 100_000 ? 0.5 : 0.6
/**
 * Above this, a sequential walk of registry:2 takes minutes (100,000: ~100 pages, the last one
 * walking all 100,000): one floor, refresh walks at BENCH_WALK_CONCURRENCIES (default 4) once,
 * no Refresh in Chromium, no tag-list comparisons; the index is seeded from the floor's list.
 */
const LARGE = REPOSITORIES > 20_000
const CONCURRENCIES = process.env.BENCH_WALK_CONCURRENCIES?.split(',').map(Number) ?? (LARGE ? [4] : WALK_CONCURRENCIES)
const TAGS = Number(process.env.BENCH_TAGS ?? 2000)
const TAG_LIST_REPOS = Number(process.env.BENCH_TAG_LIST_REPOS ?? 1000)
/** Requests in flight for the raw-HTTP baseline: what Berth's tag counts use (BrowseService). */
const RAW_CONCURRENCY = 16
const REGISTRY_NAME = 'Bench registry'

const log = (s: string): void => void process.stderr.write(`[bench:catalog] ${s}\n`)

export async function run(): Promise<Report> {
  if (!existsSync(join(staticDir, 'index.html'))) {
    log('building the web UI (npm run build:web)…')
    await run$('npx', ['vite', 'build', '--config', 'vite.web.config.mts'], { cwd: join(__dirname, '..') })
  }
  if (process.env.BENCH_CATALOG_INDEX_ONLY) return runIndexOnly(REPOSITORIES, log)
  let registry: TestRegistry | undefined
  let berth: RunningBerth | undefined
  let browser: RunningBrowser | undefined
  try {
    // BENCH_REGISTRY=host:port reuses a registry filled before (with BENCH_PREFIX, default "fill").
    const reuse = process.env.BENCH_REGISTRY
    const prefix = reuse ? (process.env.BENCH_PREFIX ?? 'fill') : 'bench'
    let fill: { repositories: string[]; tags: string[]; seconds: number; requests: number }
    let address: string
    if (reuse) {
      address = reuse
      fill = { repositories: fillNames(prefix, REPOSITORIES), tags: Array.from({ length: TAGS }), seconds: NaN, requests: 0 }
    } else {
      // A named volume per size: filling 100,000 repositories once is enough.
      registry = await startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' }, binds: [`berth-bench-catalog-${REPOSITORIES}:/var/lib/registry`] })
      address = registry.address
      if (await isFilled(address, fillNames(prefix, REPOSITORIES), prefix)) {
        log(`reusing the filled volume berth-bench-catalog-${REPOSITORIES}`)
        fill = { repositories: fillNames(prefix, REPOSITORIES), tags: Array.from({ length: TAGS }), seconds: NaN, requests: 0 }
      } else {
        log(`filling ${address} with ${REPOSITORIES} repositories and ${TAGS} tags…`)
        fill = await fillRegistry({ address, repositories: REPOSITORIES, tags: TAGS, prefix, concurrency: 32, storage: { docker: testDocker(), container: registry.container } })
        log(`filled in ${fill.seconds.toFixed(1)} s (${fill.requests} requests)`)
      }
    }
    const total = fill.repositories.length + (TAGS > 0 ? 2 : 1) // + <prefix>/source (+ <prefix>/many-tags)

    berth = await startBerth()
    const entry = await berth.services.registries.add({ name: REGISTRY_NAME, address, scheme: 'http' })
    browser = await launchBrowser()
    log('whole walks at concurrency 1–8 vs sequential paging…')
    const pid = registry ? (await testDocker().getContainer(registry.container).inspect()).State.Pid : undefined
    const floor = async (): Promise<{ ms: number; names: string[]; cpuMs?: number }> => {
      const before = pid ? processCpuMs(pid) : undefined
      const f = await rawCatalog(address)
      const after = pid ? processCpuMs(pid) : undefined
      return before === undefined || after === undefined ? f : { ...f, cpuMs: after - before }
    }
    const walks = await measureWalks(berth, entry.id, total, floor, { runs: LARGE ? 1 : 5, concurrencies: CONCURRENCIES, firstWalk: true })
    if (LARGE) {
      // The index as a walk would leave it (the floor's list is the registry's own).
      await berth.services.catalogIndex.saveCatalog(entry.id, { endpoint: endpointKey(entry), walkedAt: new Date().toISOString(), complete: true, repositories: walks.names })
    }
    const ui = LARGE ? undefined : await measureUi(berth, browser, total, prefix, async () => (await rawCatalog(address)).ms)
    log('Chromium: reopening from the index…')
    const reopen = await measureReopen(berth, browser, REGISTRY_NAME, total, (o) => clickAndWaitFor(browser!.page, o), 5, LARGE ? () => void berth!.services.catalog.cancel(entry.id) : undefined)
    let keys: { keyP95: number; keyMedian: number; keystrokes: number } | undefined = ui
    if (!keys) {
      // At 100,000 a refresh takes minutes and a cancelled one would leave a partial list on
      // screen: with the registry stopped, the stored list stays (marked as not refreshed).
      if (registry) await testDocker().getContainer(registry.container).kill()
      const page = browser.page
      await page.goto(berth.url)
      await page.getByRole('button', { name: REGISTRY_NAME }).first().click()
      await page.locator('[data-testid=catalog-incomplete][data-reason=refresh-failed]').waitFor({ timeout: 120_000 })
      const count = await page.getByTestId('catalog-count').textContent()
      if (!count?.includes(total.toLocaleString('en'))) throw new Error(`stored list says "${count}", expected ${total}`)
      log('Chromium: filter keystrokes…')
      keys = await measureKeystrokes(page, prefix)
    }
    const k = keys
    const search = await measureTagSearch(berth, entry.id, fill.repositories.slice(0, 1000), 20)
    const fillRow = Number.isNaN(fill.seconds) ? [] : [{ name: 'Fill registry:2 (fixture script)', value: round(fill.seconds), unit: 's', note: `${fill.repositories.length} repositories + ${fill.tags.length} tags, written into its storage (${fill.requests} HTTP requests)` }]
    const common = [
      { name: `Reopen from the index: first row (${total.toLocaleString('en')})`, value: round(reopen.firstRow), unit: 'ms', goal: '≤ 100 ms', ok: reopen.firstRow <= 100, note: 'page load, click → first row, median of 5' },
      { name: `Reopen from the index: full list ready (${total.toLocaleString('en')})`, value: round(reopen.fullList), unit: 'ms', goal: '≤ 300 ms', ok: reopen.fullList <= 300, note: 'click → whole stored list shown with its age, median of 5' },
      { name: 'Search across tags (1,000 repositories × 20 tags indexed), one query', value: round(search.ms), unit: 'ms', goal: '≤ 50 ms', ok: search.ms <= 50, note: `median of 20 (exact tag and pattern), ${search.matches} matches` },
      { name: `Filter keystroke latency at ${total.toLocaleString('en')} rows (p95)`, value: round(k.keyP95), unit: 'ms', goal: '≤ 16 ms', ok: k.keyP95 <= 16, note: `median ${round(k.keyMedian)} ms over ${k.keystrokes} keystrokes; key event → list re-rendered and laid out` }
    ]
    if (!ui) return { title: `Registry browser (catalog of ${REPOSITORIES.toLocaleString('en')} repositories)`, results: [...fillRow, ...walks.results, ...common] }

    const sample = fill.repositories.slice(0, TAG_LIST_REPOS)
    log(`tag lists of ${sample.length} repositories: Berth, raw HTTP, skopeo…`)
    const berthTimes: number[] = []
    const rawTimes: number[] = []
    for (let i = 0; i < 3; i++) {
      berthTimes.push(await berthTagLists(berth, entry.id, sample))
      rawTimes.push(await rawTagLists(address, sample))
    }
    const skopeo = await skopeoTagLists(address, sample)
    const berthMs = median(berthTimes)
    const rawMs = median(rawTimes)

    return {
      title: `Registry browser (catalog of ${REPOSITORIES.toLocaleString('en')} repositories)`,
      results: [
        ...fillRow,
        { name: 'First catalog page on screen (Chromium)', value: round(ui.firstPage), unit: 'ms', goal: '≤ 300 ms', ok: ui.firstPage <= 300, note: 'click → first row painted, median of 5' },
        ...walks.results,
        { name: `All ${total.toLocaleString('en')} repositories loaded from the registry (Chromium, Refresh → whole list)`, value: round(ui.allLoaded / ui.floor, 2), unit: '×', goal: `≤ ${WALK_GOAL}× sequential paging`, ok: ui.allLoaded / ui.floor <= WALK_GOAL, note: `${Math.round(ui.allLoaded)} ms vs ${Math.round(ui.floor)} ms for registry:2's own paging (alternating), median of 3; walk concurrency ${walks.best} was fastest above` },
        ...common,
        { name: 'Tag list of a 2,000-tag repository on screen', value: round(ui.manyTags), unit: 'ms', note: 'click → first tag row, median of 3' },
        { name: `Tag lists of ${sample.length} repositories, Berth's client`, value: Math.round(berthMs), unit: 'ms', note: `median of 3; browse.tagCounts, ${RAW_CONCURRENCY} in flight` },
        { name: `  vs sequential skopeo list-tags loop (${round(skopeo / 1000)} s)`, value: round(berthMs / skopeo, 3), unit: '×', goal: '≤ 0.2×', ok: berthMs / skopeo <= 0.2 },
        { name: `  vs parallel raw HTTP (${Math.round(rawMs)} ms, ${RAW_CONCURRENCY} in flight)`, value: round(berthMs / rawMs, 2), unit: '×', goal: '≤ 1.5×', ok: berthMs / rawMs <= 1.5 }
      ]
    }
  } finally {
    await browser?.close().catch(() => undefined)
    await berth?.close().catch(() => undefined)
    await registry?.stop().catch(() => undefined)
  }
}

interface UiFigures {
  firstPage: number
  allLoaded: number
  keyP95: number
  keyMedian: number
  keystrokes: number
  manyTags: number
  /** The registry's own sequential paging time, measured between Berth's runs. */
  floor: number
}

async function measureUi(berth: RunningBerth, browser: RunningBrowser, total: number, prefix: string, rawFloor: () => Promise<number>): Promise<UiFigures> {
  const page = browser.page
  const firstPage: number[] = []
  const allLoaded: number[] = []
  const manyTags: number[] = []
  const floor: number[] = []
  const open = async (): Promise<void> => {
    await page.goto(berth.url)
    await page.getByRole('button', { name: REGISTRY_NAME }).first().waitFor()
  }

  log('Chromium: first page…')
  for (let i = 0; i < 5; i++) {
    await open()
    firstPage.push(await clickAndWaitFor(page, { button: REGISTRY_NAME, selector: '[data-testid=repo-row]' }))
  }

  log('Chromium: all repositories…')
  for (let i = 0; i < 3; i++) {
    await open()
    await page.getByRole('button', { name: REGISTRY_NAME }).first().click()
    await page.getByTestId('repo-row').first().waitFor()
    await page.locator('[data-testid=catalog-count][data-loading=false]').waitFor({ timeout: 600_000 })
    // Refresh walks the whole catalog again; the count says loading until the walk answers.
    const t0 = performance.now()
    await page.getByRole('button', { name: 'Refresh', exact: true }).click()
    await page.locator('[data-testid=catalog-count][data-loading=true]').waitFor()
    await page.locator('[data-testid=catalog-count][data-done=true][data-loading=false]').waitFor({ timeout: 600_000 })
    allLoaded.push(performance.now() - t0)
    floor.push(await rawFloor())
  }
  const count = await page.getByTestId('catalog-count').textContent()
  if (!count?.includes(total.toLocaleString('en'))) throw new Error(`expected ${total} repositories, the page says "${count}"`)

  log('Chromium: filter keystrokes…')
  const keys = await measureKeystrokes(page, prefix)

  log('Chromium: 2,000-tag repository…')
  for (let i = 0; i < 3; i++) {
    await open()
    await page.getByRole('button', { name: REGISTRY_NAME }).first().click()
    await page.getByLabel('Filter repositories').fill('many-tags')
    await page.getByTestId('repo-row').filter({ hasText: `${prefix}/many-tags` }).waitFor()
    manyTags.push(await clickAndWaitFor(page, { row: `${prefix}/many-tags`, selector: '[data-testid=tag-row]' }))
  }

  return { firstPage: median(firstPage), allLoaded: median(allLoaded), ...keys, manyTags: median(manyTags), floor: median(floor) }
}

/**
 * Whether a reused volume holds the whole fill, without walking it (at 100,000 a walk takes
 * minutes): the fill writes in order, the many-tag repository last, two batches in flight.
 */
async function isFilled(address: string, names: string[], prefix: string): Promise<boolean> {
  const probes = [names.at(-1), names.at(-5001), TAGS > 0 ? `${prefix}/many-tags` : undefined].filter((n): n is string => n !== undefined)
  for (const name of probes) {
    const res = await request(`http://${address}/v2/${name}/tags/list`)
    await res.body.dump()
    if (res.statusCode !== 200) return false
  }
  return true
}

/** What the catalog's tag counts do: browse.tagCounts in contract-sized batches, through a fresh client. */
async function berthTagLists(berth: RunningBerth, registryId: string, repos: string[]): Promise<number> {
  const service = new BrowseService({ registry: (id) => berth.services.registries.get(id), credentials: async () => undefined })
  try {
    const t0 = performance.now()
    let n = 0
    for (let i = 0; i < repos.length; i += 200) {
      const r = await service.tagCounts(registryId, repos.slice(i, i + 200))
      n += Object.keys(r.counts).length
    }
    const ms = performance.now() - t0
    if (n !== repos.length) throw new Error(`Berth counted ${n} of ${repos.length} tag lists`)
    return ms
  } finally {
    await service.dispose()
  }
}

/** The floor: GET tags/list with undici's pooled request, RAW_CONCURRENCY at a time, JSON parsed. */
async function rawTagLists(address: string, repos: string[]): Promise<number> {
  const agent = new Agent({ connections: RAW_CONCURRENCY })
  try {
    const t0 = performance.now()
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < repos.length) {
        const repo = repos[next++]!
        const res = await request(`http://${address}/v2/${repo}/tags/list`, { dispatcher: agent })
        const json = (await res.body.json()) as { tags?: string[] }
        if (res.statusCode !== 200 || !json.tags) throw new Error(`raw GET ${repo}: HTTP ${res.statusCode}`)
      }
    }
    await Promise.all(Array.from({ length: RAW_CONCURRENCY }, worker))
    return performance.now() - t0
  } finally {
    await agent.close()
  }
}

/** What a script without Berth does: one `skopeo list-tags` per repository, one after another. */
async function skopeoTagLists(address: string, repos: string[]): Promise<number> {
  const t0 = performance.now()
  for (const repo of repos) {
    const { stdout } = await run$('skopeo', ['list-tags', '--tls-verify=false', `docker://${address}/${repo}`])
    if (!stdout.includes('"Tags"')) throw new Error(`skopeo list-tags ${repo}: ${stdout.slice(0, 200)}`)
  }
  return performance.now() - t0
}
