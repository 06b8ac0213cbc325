// The pictures themselves: each drives the UI to one state and writes docs/<name>.png.
import { join, resolve } from 'node:path'
import type Docker from 'dockerode'
import type { Page } from 'playwright-core'
import type { TestRegistry } from '../../test/support/registries'
import type { RunningBerth } from '../../test/support/web'
import { BIG_IMAGE, build, DEMO_IMAGES, EXTRA_TAGS } from './demoImages'
import { AMD64, pushVersion } from './teamRegistry'
import type { Locale } from '../../src/shared/i18n/locales'
import { createI18n } from '../../src/shared/i18n/translator'

// English pictures go to docs/, every other language's to docs/<locale>/ (npm run screenshots -- --locale zh-CN).
let texts = createI18n('en')
export let DOCS = resolve(__dirname, '../../docs')

export function setShotLocale(next: Locale): void {
  texts = createI18n(next)
  DOCS = next === 'en' ? resolve(__dirname, '../../docs') : resolve(__dirname, '../../docs', next)
}

/** The UI's own words for a catalog key, in the pictures' language: the shots find buttons by them. */
const L = (key: string): string => texts.t(key)
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function settle(page: Page): Promise<void> {
  for (const dismiss of await page.locator('.toasts').getByRole('button', { name: L('common.dismiss') }).all()) await dismiss.click().catch(() => undefined)
  // Let transitions and late renders finish.
  await page.waitForTimeout(400)
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, intervalMs = 200): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page)
  await page.screenshot({ path: join(DOCS, name) })
  console.log(`wrote ${join(DOCS, name)}`)
}

export async function localRegistryShot(berth: RunningBerth, page: Page): Promise<void> {
  const status = await berth.services.localRegistry.start()
  const address = status.address
  for (const [repo, tags] of [
    ['shop/web-frontend', ['2.4.1']],
    ['shop/api', ['1.8.0']],
    ['tools/backup', ['0.9.2']]
  ] as const) {
    await pushVersion(address, repo, [...tags], [AMD64], new Date())
  }
  // A client reading back what is there: the log box then ends in short GET lines, not upload URLs.
  for (let i = 0; i < 3; i++) {
    for (const path of ['/v2/', '/v2/_catalog', '/v2/shop/api/tags/list', '/v2/shop/web-frontend/tags/list', '/v2/tools/backup/tags/list']) {
      await (await fetch(`http://${address}${path}`)).arrayBuffer()
    }
  }
  await page.getByTestId('local-registry-nav').click()
  await waitFor('the local registry to run', async () => (await page.getByTestId('local-registry-state').getAttribute('data-state')) === 'running', 60_000)
  await waitFor('the repository count', async () => (await page.getByTestId('local-registry-repositories').textContent()) === '3', 30_000)
  // The engine measures the volume in the background: wait for a real number rather than 0 B.
  await waitFor('the disk usage', async () => /^[1-9][\d.]* (kB|MB)/.test((await page.getByTestId('local-registry-disk').textContent()) ?? ''), 180_000, 1000).catch(() =>
    console.warn('disk usage did not show up; taking the picture anyway')
  )
  await shoot(page, 'local-registry.png')
}

export async function browserShot(page: Page, registryName: string): Promise<void> {
  await page.getByRole('button', { name: registryName }).first().click()
  await page.getByTestId('repo-row').filter({ hasText: /^shop\/api/ }).click()
  await page.getByRole('columnheader', { name: new RegExp(escape(L('images.col.created'))) }).getByRole('button').click() // newest first
  const row = page.getByTestId('tag-row').filter({ hasText: /^1\.8\.0/ })
  await waitFor('the multi-arch tag row', async () => /arm\/v7/.test((await row.textContent()) ?? ''))
  await row.click()
  const details = page.getByTestId('tag-details')
  await details.getByTestId('tag-digest').waitFor()
  await waitFor('the platforms', async () => (await details.getByTestId('platform-row').count()) === 3)
  // Every row's size and date filled in.
  await waitFor('every tag row', async () => (await page.getByTestId('tag-row').allTextContents()).every((t) => /ago|day|month|week|year|前|天|周|月|年/.test(t)))
  await shoot(page, 'browser.png')
}

export async function imagesShot(page: Page): Promise<void> {
  await page.getByRole('button', { name: L('nav.images'), exact: true }).click()
  await page.getByRole('button', { name: L('common.refresh'), exact: true }).click()
  await waitFor('the demo images', async () => (await page.getByTestId('image-row').count()) >= DEMO_IMAGES.length + EXTRA_TAGS.length)
  await page.getByTestId('image-row').filter({ hasText: /^shop\/api/ }).click()
  await waitFor('the details pane', async () => ((await page.getByTestId('detail-tags').textContent()) ?? '').includes('localhost:5000/shop/api:1.8.0'))
  await shoot(page, 'images.png')
}

/** Two finished pushes, then the big one pictured between 20 % and 80 % with its layers open. */
export async function pushShot(berth: RunningBerth, page: Page, docker: Docker, registry: TestRegistry, ids: Set<string>): Promise<void> {
  const transfers = berth.services.transfers
  for (const source of ['tools/backup:0.9.2', 'shop/worker:1.8.0']) {
    const t = transfers.push({ source, target: `${registry.address}/${source}` })
    await transfers.wait(t.id)
  }
  await page.getByRole('button', { name: L('nav.transfers'), exact: true }).click()
  const toasts = page.locator('.toasts')
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (attempt > 1) {
      // The registry has every layer now: a rebuilt image (new bytes) pushes from scratch again.
      await build(docker, BIG_IMAGE, ids)
    }
    const t = transfers.push({ source: BIG_IMAGE.tag, target: `${registry.address}/${BIG_IMAGE.tag}` })
    const card = page.getByTestId('transfer').filter({ hasText: `${registry.address}/${BIG_IMAGE.tag}` }).first()
    const percent = async (): Promise<number> => Number(await card.getByRole('progressbar').getAttribute('aria-valuenow'))
    await waitFor('the push to start', async () => (await percent()) > 0 || (await card.getAttribute('data-state')) !== 'running', 60_000, 50)
    await card.getByRole('button', { name: new RegExp(escape(L('details.layers'))) }).click().catch(() => undefined)
    await waitFor('20 %', async () => (await percent()) >= 20 || (await card.getAttribute('data-state')) !== 'running', 60_000, 50)
    const before = await percent()
    if ((await card.getAttribute('data-state')) === 'running' && before <= 80) {
      await toasts.evaluate((el) => void ((el as unknown as { style: { visibility: string } }).style.visibility = 'hidden'))
      const path = join(DOCS, 'push-progress.png')
      await page.screenshot({ path })
      await toasts.evaluate((el) => void ((el as unknown as { style: { visibility: string } }).style.visibility = ''))
      await transfers.wait(t.id).catch(() => undefined)
      console.log(`wrote ${path} (at ${before} %)`)
      return
    }
    console.warn(`push attempt ${attempt}: missed the 20–80 % window (at ${before} %), trying again`)
    await transfers.wait(t.id).catch(() => undefined)
    transfers.dismiss(t.id)
  }
  throw new Error('could not catch the push between 20 % and 80 %')
}
