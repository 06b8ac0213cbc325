// End-to-end harness: Berth's web mode started in-process on 127.0.0.1 with a fresh data dir,
// and the system Chromium driven by Playwright. e2e files use `berthInChromium` (berthInChromium.ts,
// one fixture: server, browser, page, restart, teardown); scripts and benches use the pieces here,
// which is why this file never imports vitest (a script that loads vitest outside a run fails).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createDispatch } from '../../src/main/dispatch'
import type { Endpoint } from '../../src/main/engine/endpoints'
import { createHandlers } from '../../src/main/handlers'
import { createServices, type Services } from '../../src/main/services'
import { startWebServer } from '../../src/server/server'
import { createDownloadRoutes, createUploadRoutes } from '../../src/server/uploads'
import { chromiumPath, staticDir } from './chromium'
import { testEndpoint } from './engine'
import { hostNetworkSettled } from './hostNetwork'

export interface RunningBerth {
  url: string
  services: Services
  dataDir: string
  close(): Promise<void>
}

export interface StartOptions {
  dataDir?: string
  endpoints?: Endpoint[]
  /** Listen on this port (a restart keeps the page's origin); 0 or unset picks a free one. */
  port?: number
  /** Runs before the server listens: a change no open page can have heard of. */
  beforeListen?: (services: Services) => Promise<void>
}

export async function startBerth(opts: StartOptions = {}): Promise<RunningBerth> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'berth-e2e-'))
  const endpoints = opts.endpoints ?? [testEndpoint()]
  const services = createServices({ dataDir, endpoints, webMode: true })
  await services.engine.check()
  await opts.beforeListen?.(services)
  const server = await startWebServer({
    host: '127.0.0.1',
    port: opts.port ?? 0,
    token: 'e2e-token-0123456789abcdef0123456789',
    staticDir,
    dispatch: createDispatch(createHandlers(services)),
    events: services.events,
    uploads: createUploadRoutes(services),
    downloads: createDownloadRoutes(services)
  })
  return {
    url: server.url,
    services,
    dataDir,
    async close() {
      await server.close()
      await services.dispose()
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export interface RunningBrowser {
  browser: Browser
  page: Page
  close(): Promise<void>
}

export interface BrowserOptions {
  /** The browser's language (navigator.languages and Accept-Language), e.g. 'zh-CN'. */
  locale?: string
  colorScheme?: 'dark' | 'light'
  /** A real window (on $DISPLAY, e.g. Xvfb) instead of headless: the screenshots use it. */
  headed?: boolean
}

export async function launchBrowser(opts: BrowserOptions = {}): Promise<RunningBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: !opts.headed,
    // The closed network here refuses Chromium's background connections: turn them off.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  const context = await browser.newContext({
    viewport: { width: 1360, height: 840 },
    permissions: ['clipboard-read', 'clipboard-write'],
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'dark'
  })
  const page = await context.newPage()
  return { browser, page, close: () => browser.close() }
}

/** Opens Berth's page once the host network has settled from the containers a test just started. */
export async function openBerth(page: Page, url: string): Promise<void> {
  await hostNetworkSettled()
  await page.goto(url)
}

/** Drops files on the page as a user would drag them from the desktop (dragenter, dragover, drop). */
export async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[], onEnter?: () => Promise<void>): Promise<void> {
  const dt = await page.evaluateHandle(
    (list) => {
      // Runs in the page: DataTransfer is a DOM type the node tsconfig does not know.
      const DataTransferCtor = (globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } }).DataTransfer
      const data = new DataTransferCtor()
      for (const f of list) data.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: 'application/x-tar' }))
      return data
    },
    files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') }))
  )
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt })
  await onEnter?.()
  await page.dispatchEvent('body', 'dragover', { dataTransfer: dt })
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt })
}
