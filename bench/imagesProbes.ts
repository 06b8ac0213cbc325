// What the images bench runs inside the page: load, keystroke and scroll timings, taken in
// requestAnimationFrame so they measure frames the user sees.

export interface ScrollRun {
  frames: number[]
  longTasks: number
  max: number
  scrollTop: number
  lastRowIndex: number
}

/**
 * Installed before the page's own scripts: the times (from navigation start) at which the first
 * image row and the count showing at least __MIN_ROWS__ rows appear, each taken at the start of
 * the next frame (the one that paints them). Strings, not functions: tsx would wrap a
 * function's inner helpers in a `__name` call the page does not have.
 */
export const LOAD_PROBE = `(() => {
  const L = (window.__load = { firstRow: 0, allRows: 0, rows: 0 })
  let seenRow = false
  let seenAll = false
  const check = () => {
    if (!seenRow && document.querySelector('[data-testid=image-row]')) {
      seenRow = true
      requestAnimationFrame(() => (L.firstRow = performance.now()))
    }
    const count = document.querySelector('[data-testid=image-count]')
    const m = count && /^(\\d+) images$/.exec(count.textContent)
    if (!seenAll && m && Number(m[1]) >= __MIN_ROWS__) {
      seenAll = true
      L.rows = Number(m[1])
      requestAnimationFrame(() => (L.allRows = performance.now()))
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { childList: true, subtree: true, characterData: true })
})()`

/**
 * bench/catalog.ts's keystroke probe: from the key event's timestamp to the moment React has
 * re-rendered the filtered table and the browser has laid it out (the bubble-phase `input`
 * listener on window runs after React's, on its root). Also records when the next frame starts.
 */
export const KEY_LATENCY_PROBE = `(() => {
  window.__keyLatency = []
  window.__keyFrame = []
  window.addEventListener('keydown', (e) => { window.__keyDown = e.timeStamp }, true)
  window.addEventListener('input', () => {
    document.body.getBoundingClientRect()
    const t0 = window.__keyDown
    if (t0 !== undefined) {
      window.__keyLatency.push(performance.now() - t0)
      requestAnimationFrame(() => window.__keyFrame.push(performance.now() - t0))
    }
    window.__keyDown = undefined
  })
})()`

/**
 * Scrolls the table body from the top to the bottom in equal steps, one per animation frame,
 * for about opts.ms, and records the time between frames (each frame includes the virtualizer's
 * re-render for the previous step). With scroll false it only records the idle frame rate.
 */
export const SCROLL_PROBE = `(opts) => new Promise((resolve) => {
  const el = document.querySelector('[data-testid=images-scroll]')
  el.scrollTop = 0
  const max = el.scrollHeight - el.clientHeight
  const steps = Math.max(1, Math.round(opts.ms / (1000 / 60)))
  const frames = []
  let longTasks = 0
  let observer
  try {
    observer = new PerformanceObserver((list) => { longTasks += list.getEntries().length })
    observer.observe({ type: 'longtask' })
  } catch {}
  let i = 0
  let last
  const tick = (t) => {
    if (last !== undefined) frames.push(t - last)
    last = t
    if (i === steps) {
      requestAnimationFrame(() => {
        if (observer) observer.disconnect()
        const indexes = [...el.querySelectorAll('[data-testid=image-row]')].map((r) => Number(r.getAttribute('aria-rowindex')))
        resolve({ frames, longTasks, max, scrollTop: el.scrollTop, lastRowIndex: Math.max(0, ...indexes) })
      })
      return
    }
    i++
    if (opts.scroll) el.scrollTop = Math.round((max * i) / steps)
    requestAnimationFrame(tick)
  }
  // Two frames first: the jump back to the top is not part of the run.
  requestAnimationFrame(() => requestAnimationFrame(tick))
})`
