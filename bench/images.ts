// Local images table benchmark at 5,000+ rows, all in one run against the test engine:
//   - fixture: one small image built FROM scratch and tagged 5,000 times (Berth shows one row per
//     tag, like `docker images`) plus a few hundred distinct images, all under a unique prefix;
//   - Chromium (web mode): page load → first row painted and → the count showing every row,
//     filter keystroke latency, and frame times while the table is scrolled top to bottom;
//   - the peer: `images.list` over Berth's HTTP API vs `docker images --format '{{.ID}}'`.
// Everything under the prefix is removed at the end, also when a step fails.
// Needs DOCKER_HOST (scripts/test-engine.sh), the docker CLI and Chromium. `npm run bench -- images`;
// BENCH_IMAGES_TAGS, BENCH_IMAGES_DISTINCT and BENCH_IMAGES_SCROLL_MS change the sizes.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type Docker from 'dockerode'
import { request } from 'undici'
import type { ImageSummary } from '@shared/contract'
import { testDocker } from '../test/support/engine'
import { buildImage, cleanupByPrefix } from '../test/support/images'
import { staticDir } from '../test/support/chromium'
import { launchBrowser, startBerth, type RunningBerth, type RunningBrowser } from '../test/support/web'
import { KEY_LATENCY_PROBE, LOAD_PROBE, SCROLL_PROBE, type ScrollRun } from './imagesProbes'
import { median, percentile, round, type Report } from './report'

const run$ = promisify(execFile)

const TAGS = Number(process.env.BENCH_IMAGES_TAGS ?? 5000)
const DISTINCT = Number(process.env.BENCH_IMAGES_DISTINCT ?? 250)
/** Engine calls in flight while tagging (each rewrites the engine's reference store). */
const TAG_CONCURRENCY = 16
const BUILD_CONCURRENCY = 2
const LIST_ROUNDS = 7
const SCROLL_MS = Number(process.env.BENCH_IMAGES_SCROLL_MS ?? 2000)
const prefix = `berth-bench-images-${randomBytes(3).toString('hex')}`

const log = (s: string): void => void process.stderr.write(`[bench:images] ${s}\n`)
const pad = (n: number, width: number): string => String(n).padStart(width, '0')
/** Table rows for a list: one per tag, one for an untagged image (ImagesPage's toRows). */
const rowCount = (images: ImageSummary[]): number => images.reduce((n, i) => n + Math.max(1, i.repoTags.length), 0)

export async function run(): Promise<Report> {
  if (!existsSync(join(staticDir, 'index.html'))) {
    log('building the web UI (npm run build:web)…')
    await run$('npm', ['run', 'build:web'], { cwd: join(__dirname, '..') })
  }
  const loadAverage = loadavg().map((l) => l.toFixed(2)).join(', ')
  const docker = testDocker()
  let berth: RunningBerth | undefined
  let browser: RunningBrowser | undefined
  // Ctrl-C during the fixture or the run must not leave 5,000 tags on the engine.
  const onSignal = (): void => void cleanupByPrefix(docker, prefix).finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  try {
    const fixture = await makeFixture(docker)
    const cliRows = (await dockerImagesIds()).length
    log(`docker images lists ${cliRows} rows (${fixture.rows} of them ours)`)
    if (cliRows < fixture.rows) throw new Error(`docker images lists ${cliRows} rows, expected at least ${fixture.rows}`)

    berth = await startBerth()
    browser = await launchBrowser()
    const ui = await measureUi(berth, browser, fixture.rows)
    const peer = await measureList(berth)

    const load = `median of 5 page loads; navigation start → …`
    return {
      title: `Local images table (${ui.rows.toLocaleString('en')} rows)`,
      results: [
        { name: 'Fixture (tag + build + docker images check)', value: round(fixture.seconds), unit: 's', note: `${TAGS} tags of one image (${TAG_CONCURRENCY} in flight) + ${DISTINCT} distinct images; ${cliRows} rows in docker images` },
        { name: 'First image row painted (Chromium)', value: round(ui.firstRow), unit: 'ms', note: `${load} first row in the DOM, then the next frame` },
        { name: `Count shows all ${ui.rows.toLocaleString('en')} rows`, value: round(ui.allRows), unit: 'ms', note: `${load} "${ui.rows} images", then the next frame` },
        { name: `Filter keystroke latency at ${ui.rows.toLocaleString('en')} rows (p95)`, value: round(ui.keyP95), unit: 'ms', goal: '≤ 16 ms', ok: ui.keyP95 <= 16, note: `median ${round(ui.keyMedian)} ms over ${ui.keystrokes} keystrokes; key event → table re-rendered and laid out (bench/catalog.ts's probe)` },
        { name: '  … until the next animation frame (p95)', value: round(ui.keyFrameP95), unit: 'ms', note: `median ${round(ui.keyFrameMedian)} ms; adds the wait for the frame that paints it (≤ one vsync)` },
        { name: `Scroll top → bottom in ~${SCROLL_MS / 1000} s: frame time p95`, value: round(ui.frameP95), unit: 'ms', goal: '≤ 16.7 ms (1 vsync)', ok: ui.frameP95 < 1.5 * ui.interval, note: `median ${round(ui.frameMedian)} ms, max ${round(ui.frameMax)} ms over ${ui.frames} frames (3 runs); idle page p95 ${round(ui.idleP95)} ms` },
        { name: '  dropped frames while scrolling', value: ui.dropped, unit: 'frames', note: `of ${ui.frames + ui.dropped} vsync intervals (${round((100 * ui.dropped) / (ui.frames + ui.dropped))} %; per run ${ui.droppedPerRun.join(', ')}); long tasks ≥ 50 ms: ${ui.longTasks}` },
        { name: "images.list over Berth's HTTP API", value: Math.round(peer.berthMs), unit: 'ms', note: `median of ${LIST_ROUNDS}, alternating with the CLI; ${peer.berthRows} rows; in-process ImageService.list ${Math.round(peer.serviceMs)} ms` },
        { name: `  vs docker images --format '{{.ID}}' (${Math.round(peer.cliMs)} ms)`, value: round(peer.berthMs / peer.cliMs, 2), unit: '×', goal: '≤ 1.5×', ok: peer.berthMs / peer.cliMs <= 1.5, note: `${peer.cliRows} rows; the CLI's time includes starting the process` }
      ],
      notes: [`fixture prefix ${prefix}; other images on the engine count too (the engine is shared)`, `load average at the start: ${loadAverage}`]
    }
  } finally {
    process.removeListener('SIGINT', onSignal)
    await browser?.close().catch(() => undefined)
    await berth?.close().catch(() => undefined)
    log('removing the fixture…')
    const t0 = performance.now()
    await cleanupByPrefix(docker, prefix)
    const left = (await docker.listImages()).filter((i) => (i.RepoTags ?? []).some((t) => t.startsWith(`${prefix}/`)))
    if (left.length) log(`WARNING: ${left.length} images under ${prefix} are still there; remove them with: docker images --format '{{.Repository}}:{{.Tag}}' | grep ^${prefix}/ | xargs docker rmi -f`)
    else log(`removed in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }
}

/** One image tagged TAGS times (distinct repositories and tags) + DISTINCT images with one tag each. */
async function makeFixture(docker: Docker): Promise<{ rows: number; seconds: number }> {
  const t0 = performance.now()
  const base = `${prefix}/base:1`
  log(`building ${base} and tagging it ${TAGS} times…`)
  await buildImage(docker, { tag: base, layers: [{ path: '/hello.txt', text: 'berth bench\n' }] })
  const image = docker.getImage(base)
  await pool(TAGS, TAG_CONCURRENCY, (i) => image.tag({ repo: `${prefix}/team-${pad(i % 40, 2)}/svc-${pad(i, 4)}`, tag: `v${i % 25}.${Math.floor(i / 25) % 10}` }))
  log(`tagged in ${((performance.now() - t0) / 1000).toFixed(1)} s; building ${DISTINCT} distinct images…`)
  // Distinct IDs too: the ID column, ID-prefix filtering and sorting see more than one value.
  await pool(DISTINCT, BUILD_CONCURRENCY, (i) => buildImage(docker, { tag: `${prefix}/distinct-${pad(i, 3)}:latest`, layers: [{ path: '/id.txt', text: `${prefix} ${i}\n` }] }))
  return { rows: TAGS + 1 + DISTINCT, seconds: (performance.now() - t0) / 1000 }
}

async function pool(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
}

async function dockerImagesIds(): Promise<string[]> {
  const { stdout } = await run$('docker', ['images', '--format', '{{.ID}}'], { env: process.env, maxBuffer: 64 * 1024 * 1024 })
  return stdout.split('\n').filter(Boolean)
}

interface UiFigures {
  rows: number
  firstRow: number
  allRows: number
  keyP95: number
  keyMedian: number
  keyFrameP95: number
  keyFrameMedian: number
  keystrokes: number
  frameP95: number
  frameMedian: number
  frameMax: number
  frames: number
  dropped: number
  droppedPerRun: number[]
  longTasks: number
  idleP95: number
  /** The idle page's median frame interval: one vsync. */
  interval: number
}

async function measureUi(berth: RunningBerth, browser: RunningBrowser, minRows: number): Promise<UiFigures> {
  const page = browser.page
  await page.addInitScript(LOAD_PROBE.replace('__MIN_ROWS__', String(minRows)))
  const firstRow: number[] = []
  const allRows: number[] = []
  let rows = 0
  log('Chromium: page loads…')
  for (let i = 0; i < 6; i++) {
    await page.goto(berth.url)
    // A function, not a string: the page's CSP forbids eval, which a string predicate needs.
    await page.waitForFunction(() => ((globalThis as { __load?: { allRows: number } }).__load?.allRows ?? 0) > 0, undefined, { timeout: 60_000 })
    const load = (await page.evaluate('window.__load')) as { firstRow: number; allRows: number; rows: number }
    rows = load.rows
    // The first load warms the engine's and the server's caches: not counted.
    if (i > 0) {
      firstRow.push(load.firstRow)
      allRows.push(load.allRows)
    }
  }

  log('Chromium: filter keystrokes…')
  await page.evaluate(KEY_LATENCY_PROBE)
  const filter = page.getByLabel('Filter images')
  await filter.click()
  for (const text of ['svc-01', 'team-3', 'v7.', `${prefix}/team-07/svc-0`, 'distinct', 'zz', '1']) {
    await page.keyboard.type(text, { delay: 40 })
    for (let i = 0; i < text.length; i++) await page.keyboard.press('Backspace', { delay: 40 })
  }
  await page.waitForTimeout(100)
  const latencies = (await page.evaluate('window.__keyLatency')) as number[]
  const toFrame = (await page.evaluate('window.__keyFrame')) as number[]
  const count = await page.getByTestId('image-count').textContent()
  if (count !== `${rows} images`) throw new Error(`after clearing the filter the page says "${count}", expected "${rows} images"`)

  log('Chromium: scrolling…')
  const idle = (await page.evaluate(`(${SCROLL_PROBE})(${JSON.stringify({ ms: 1000, scroll: false })})`)) as ScrollRun
  const runs: ScrollRun[] = []
  for (let i = 0; i < 3; i++) {
    const r = (await page.evaluate(`(${SCROLL_PROBE})(${JSON.stringify({ ms: SCROLL_MS, scroll: true })})`)) as ScrollRun
    if (r.lastRowIndex !== rows) throw new Error(`scrolled to ${r.scrollTop} of ${r.max} px but the last row on screen is ${r.lastRowIndex} of ${rows}`)
    runs.push(r)
  }
  // A frame that took k vsync intervals dropped k − 1 of them.
  const interval = median(idle.frames)
  const frames = runs.flatMap((r) => r.frames)
  const droppedIn = (fs: number[]): number => fs.reduce((n, f) => n + Math.max(0, Math.round(f / interval) - 1), 0)

  return {
    rows,
    firstRow: median(firstRow),
    allRows: median(allRows),
    keyP95: percentile(latencies, 95),
    keyMedian: median(latencies),
    keyFrameP95: percentile(toFrame, 95),
    keyFrameMedian: median(toFrame),
    keystrokes: latencies.length,
    frameP95: percentile(frames, 95),
    frameMedian: median(frames),
    frameMax: Math.max(...frames),
    frames: frames.length,
    dropped: droppedIn(frames),
    droppedPerRun: runs.map((r) => droppedIn(r.frames)),
    longTasks: runs.reduce((n, r) => n + r.longTasks, 0),
    idleP95: percentile(idle.frames, 95),
    interval
  }
}

/** images.list end to end over HTTP (JSON parsed) vs the docker CLI, alternating, medians. */
async function measureList(berth: RunningBerth): Promise<{ berthMs: number; cliMs: number; serviceMs: number; berthRows: number; cliRows: number }> {
  log(`images.list over HTTP vs docker images, ${LIST_ROUNDS} rounds…`)
  const url = new URL(berth.url)
  const token = url.searchParams.get('token') ?? ''
  const callList = async (): Promise<ImageSummary[]> => {
    const res = await request(`${url.origin}/api/call/images.list`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '' })
    const result = (await res.body.json()) as { ok: boolean; value?: ImageSummary[]; error?: { message: string } }
    if (!result.ok || !result.value) throw new Error(`images.list over HTTP failed: ${result.error?.message ?? res.statusCode}`)
    return result.value
  }
  const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
    const t0 = performance.now()
    const value = await f()
    return [performance.now() - t0, value]
  }
  // Warm-up: the first call of each pays for connections and the engine's caches.
  await callList()
  await dockerImagesIds()
  const berthTimes: number[] = []
  const cliTimes: number[] = []
  const serviceTimes: number[] = []
  let berthRows = 0
  let cliRows = 0
  for (let i = 0; i < LIST_ROUNDS; i++) {
    const order = i % 2 === 0 ? (['berth', 'cli'] as const) : (['cli', 'berth'] as const)
    for (const who of order) {
      if (who === 'berth') {
        const [ms, images] = await time(callList)
        berthTimes.push(ms)
        berthRows = rowCount(images)
      } else {
        const [ms, ids] = await time(dockerImagesIds)
        cliTimes.push(ms)
        cliRows = ids.length
      }
    }
    serviceTimes.push((await time(() => berth.services.images.list()))[0])
  }
  return { berthMs: median(berthTimes), cliMs: median(cliTimes), serviceMs: median(serviceTimes), berthRows, cliRows }
}
