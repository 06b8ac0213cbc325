// The one e2e fixture: Berth's web mode and Chromium for a test file, set up and torn down by
// vitest hooks. Kept apart from web.ts, whose pieces scripts (screenshots, benches) also use.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser, openBerth, startBerth, type RunningBerth, type RunningBrowser, type StartOptions } from './web'

export interface ChromiumOptions {
  /** Server options, read in beforeAll: they may use what the file's own beforeAll set up. */
  start?: () => Omit<StartOptions, 'dataDir' | 'port'> | Promise<Omit<StartOptions, 'dataDir' | 'port'>>
  /** Plain-HTTP registries added before the page opens. */
  registries?: () => { name: string; address: string }[]
  /** Runs once the server is up, before the page opens. */
  prepare?: (berth: RunningBerth) => Promise<void>
  /** Open Berth's page in beforeAll (the default); false leaves the page blank for the test to open. */
  open?: boolean
}

export interface BerthInChromium {
  /** The running server (a new one after `restart`). */
  readonly berth: RunningBerth
  readonly browser: RunningBrowser
  readonly page: Page
  /**
   * Stops the server and starts it again on the same port and data directory, with the same
   * engines; the page stays open. `whileStopped` runs in between.
   */
  restart(opts?: { whileStopped?: () => Promise<void>; beforeListen?: StartOptions['beforeListen'] }): Promise<RunningBerth>
}

/**
 * One e2e fixture: registers a beforeAll that starts Berth's web mode on a data directory of its
 * own, adds the registries, launches Chromium and opens the page; and an afterAll that closes
 * them and removes the directory. Call it after the file's own beforeAll (what Berth needs, e.g.
 * registries), so that its afterAll runs first (vitest runs afterAll hooks in reverse).
 */
export function berthInChromium(opts: ChromiumOptions = {}): BerthInChromium {
  let berth: RunningBerth | undefined
  let browser: RunningBrowser | undefined
  let dataDir: string | undefined
  let startOptions: Omit<StartOptions, 'dataDir' | 'port'> = {}
  const running = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`berthInChromium: no ${what} yet (use it inside a test or hook)`)
    return value
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'berth-e2e-'))
    startOptions = (await opts.start?.()) ?? {}
    berth = await startBerth({ ...startOptions, dataDir })
    for (const r of opts.registries?.() ?? []) await berth.services.registries.add({ ...r, scheme: 'http' })
    await opts.prepare?.(berth)
    browser = await launchBrowser()
    if (opts.open !== false) await openBerth(browser.page, berth.url)
  })

  afterAll(async () => {
    await browser?.close()
    await berth?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  return {
    get berth() {
      return running(berth, 'server')
    },
    get browser() {
      return running(browser, 'browser')
    },
    get page() {
      return running(browser, 'browser').page
    },
    async restart({ whileStopped, beforeListen } = {}) {
      const port = Number(new URL(running(berth, 'server').url).port)
      await berth!.close()
      berth = undefined
      await whileStopped?.()
      berth = await startBerth({ ...startOptions, dataDir, port, beforeListen })
      return berth
    }
  }
}
