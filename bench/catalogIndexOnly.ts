// The catalog figures that need only the index, at any size (bench/catalog.ts runs this with
// BENCH_CATALOG_INDEX_ONLY=1).
import { compareNames } from '../src/main/registry/catalogPartitions'
import { endpointKey } from '../src/shared/registryAddress'
import { fillNames } from '../scripts/fill-registry'
import { freePort } from '../test/support/http'
import { launchBrowser, startBerth, type RunningBerth, type RunningBrowser } from '../test/support/web'
import { clickAndWaitFor, measureKeystrokes } from './catalogPage'
import { measureReopen, measureTagSearch } from './catalogWalkProbes'
import { round, type Report } from './report'

const REGISTRY_NAME = 'Bench registry'

/**
 * BENCH_CATALOG_INDEX_ONLY=1: the figures that need only the index (reopen, keystrokes, tag
 * search), with the fill's names stored as a walk would store them and a registry that refuses
 * connections (the refresh fails at once and the stored list stays). Minutes cheaper at 100,000,
 * where one sequential walk of registry:2 takes minutes; the load ratio needs the full run.
 */
export async function runIndexOnly(repositories: number, log: (s: string) => void): Promise<Report> {
  let berth: RunningBerth | undefined
  let browser: RunningBrowser | undefined
  try {
    const prefix = 'bench'
    const names = [...fillNames(prefix, repositories), `${prefix}/source`, `${prefix}/many-tags`].sort((a, b) => compareNames('path', a, b))
    berth = await startBerth()
    const entry = await berth.services.registries.add({ name: REGISTRY_NAME, address: `127.0.0.1:${await freePort()}`, scheme: 'http' })
    await berth.services.catalogIndex.saveCatalog(entry.id, { endpoint: endpointKey(entry), walkedAt: new Date().toISOString(), complete: true, repositories: names })
    browser = await launchBrowser()
    log(`Chromium: reopening ${names.length} repositories from the index…`)
    const reopen = await measureReopen(berth, browser, REGISTRY_NAME, names.length, (o) => clickAndWaitFor(browser!.page, o))
    const keys = await measureKeystrokes(browser.page, prefix)
    const search = await measureTagSearch(berth, entry.id, names.slice(0, 1000), 20)
    const total = names.length.toLocaleString('en')
    return {
      title: `Registry browser from the index only (${total} repositories stored, registry unreachable)`,
      results: [
        { name: `Reopen from the index: first row (${total})`, value: round(reopen.firstRow), unit: 'ms', goal: '≤ 100 ms', ok: reopen.firstRow <= 100, note: 'page load, click → first row, median of 5' },
        { name: `Reopen from the index: full list ready (${total})`, value: round(reopen.fullList), unit: 'ms', goal: '≤ 300 ms', ok: reopen.fullList <= 300, note: 'click → whole stored list shown with its age, median of 5' },
        { name: 'Search across tags (1,000 repositories × 20 tags indexed), one query', value: round(search.ms), unit: 'ms', goal: '≤ 50 ms', ok: search.ms <= 50, note: `median of 20, ${search.matches} matches` },
        { name: `Filter keystroke latency at ${total} rows (p95)`, value: round(keys.keyP95), unit: 'ms', goal: '≤ 16 ms', ok: keys.keyP95 <= 16, note: `median ${round(keys.keyMedian)} ms over ${keys.keystrokes} keystrokes` }
      ]
    }
  } finally {
    await browser?.close().catch(() => undefined)
    await berth?.close().catch(() => undefined)
  }
}

