// In-page probes for bench/catalog.ts (Chromium, web mode): click and wait for a selector, and
// filter keystroke latency.
import type { RunningBrowser } from '../test/support/web'
import { median, percentile } from './report'

/** Keystrokes in the filter of the list on screen (all of it loaded): p95 and median latency. */
export async function measureKeystrokes(page: RunningBrowser['page'], prefix: string): Promise<{ keyP95: number; keyMedian: number; keystrokes: number }> {
  await page.evaluate(KEY_LATENCY_PROBE)
  const filter = page.getByLabel('Filter repositories')
  await filter.click()
  for (const text of ['service-0', 'group-4', `${prefix}/group-07/service-0`, 'zz', '1']) {
    await page.keyboard.type(text, { delay: 40 })
    for (let i = 0; i < text.length; i++) await page.keyboard.press('Backspace', { delay: 40 })
  }
  const latencies = (await page.evaluate('window.__keyLatency')) as number[]
  return { keyP95: percentile(latencies, 95), keyMedian: median(latencies), keystrokes: latencies.length }
}

/**
 * In the page: clicks a button (by text) or a repository row, resolves with the ms until
 * `selector` exists and the next frame starts. A string, not a function: tsx would wrap a
 * function's inner helpers in a `__name` call the page does not have.
 */
const CLICK_AND_WAIT = `(opts) => new Promise((resolve, reject) => {
  const target = opts.row
    ? [...document.querySelectorAll('[data-testid=repo-row]')].find((r) => r.textContent.startsWith(opts.row))
    : [...document.querySelectorAll('button')].find((b) => b.textContent.trim().startsWith(opts.button))
  if (!target) return reject(new Error('nothing to click for ' + (opts.button || opts.row)))
  const t0 = performance.now()
  let timer
  const observer = new MutationObserver(() => {
    if (!document.querySelector(opts.selector)) return
    observer.disconnect()
    clearTimeout(timer)
    requestAnimationFrame(() => resolve(performance.now() - t0))
  })
  timer = setTimeout(() => { observer.disconnect(); reject(new Error(opts.selector + ' did not appear')) }, 60000)
  observer.observe(document.body, { childList: true, subtree: true, attributes: true })
  target.click()
})`

/**
 * Keystroke latency: from the key event's timestamp to the moment React has re-rendered the
 * filtered list and the browser has laid it out. The bubble-phase `input` listener on window
 * runs after React's (on its root), whose discrete-event render has flushed by then.
 */
const KEY_LATENCY_PROBE = `(() => {
  window.__keyLatency = []
  window.addEventListener('keydown', (e) => { window.__keyDown = e.timeStamp }, true)
  window.addEventListener('input', () => {
    document.body.getBoundingClientRect()
    if (window.__keyDown !== undefined) window.__keyLatency.push(performance.now() - window.__keyDown)
    window.__keyDown = undefined
  })
})()`

export function clickAndWaitFor(page: RunningBrowser['page'], opts: { button?: string; row?: string; selector: string }): Promise<number> {
  return page.evaluate(`(${CLICK_AND_WAIT})(${JSON.stringify(opts)})`) as Promise<number>
}

