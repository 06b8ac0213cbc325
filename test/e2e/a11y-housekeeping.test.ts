// axe-core on the pages and dialogs that came after the first accessibility pass: tag search,
// space, compare, delete several tags, retention, Copy to…, sync sets (both source kinds), the
// registry doctor, the Docker Hub cache card and the engine picker. Dark theme in English, light
// theme in Chinese (the longer or denser text of each language in both colour schemes over the
// two files): 0 serious or critical findings. Web mode, two registry:2 containers of its own.
import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeFindings, report } from '../support/axe'
import { describeE2E } from '../support/describeEngine'
import { pushLayeredImage } from '../support/layeredImages'
import { closeSeedConnections, startRegistry, type TestRegistry } from '../support/registries'
import { launchBrowser, openBerth, startBerth, type RunningBerth, type RunningBrowser } from '../support/web'

const REPO = 'a11y/app'

async function expectNoSeriousFindings(page: Page, where: string): Promise<void> {
  const findings = await axeFindings(page)
  expect(findings, `${where}:\n${report(findings)}`).toEqual([])
}

/** Closes the open dialog the way a keyboard user does, and waits until it is gone. */
async function escape(page: Page, testId: string): Promise<void> {
  await page.keyboard.press('Escape')
  await page.getByTestId(testId).waitFor({ state: 'detached' })
}

describeE2E('axe on housekeeping, copy, sync, doctor, the Docker Hub cache and the engine picker', () => {
  let source: TestRegistry
  let target: TestRegistry
  let berth: RunningBerth

  beforeAll(async () => {
    source = await startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } })
    target = await startRegistry()
    const base = randomBytes(3000)
    await pushLayeredImage(source.address, REPO, '1.0', [base, randomBytes(1000)], { Env: ['MODE=old'] }, '2024-01-01T00:00:00Z')
    await pushLayeredImage(source.address, REPO, '2.0', [base, randomBytes(2000)], { Env: ['MODE=new'] }, '2024-06-01T00:00:00Z')
    await pushLayeredImage(source.address, 'a11y/other', 'v1', [randomBytes(500)])
    berth = await startBerth()
    await berth.services.registries.add({ name: 'A11y source', address: source.address, scheme: 'http' })
    await berth.services.registries.add({ name: 'A11y target', address: target.address, scheme: 'http' })
  })

  afterAll(async () => {
    await berth?.close()
    await source?.stop()
    await target?.stop()
    await closeSeedConnections()
  })

  for (const { colorScheme, locale, lang } of [
    { colorScheme: 'dark', locale: 'en-US', lang: 'en' },
    { colorScheme: 'light', locale: 'zh-CN', lang: 'zh-CN' }
  ] as const) {
    describe(`${colorScheme} theme, ${lang}`, () => {
      let ui: RunningBrowser
      let page: Page
      beforeAll(async () => {
        ui = await launchBrowser({ colorScheme, locale })
        page = ui.page
        await openBerth(page, berth.url)
        expect(await page.locator('html').getAttribute('lang')).toBe(lang)
        await page.locator(`[data-testid=registry-item][data-address="${source.address}"]`).getByRole('button').first().click()
        // expect.poll belongs to tests: here, wait for the second row of the two.
        await page.getByTestId('repo-row').nth(1).waitFor()
      })
      afterAll(() => ui?.close())

      it('the catalog with tag search, the registry space and retention with a preview', async () => {
        await page.getByTestId('catalog-search-tags').click()
        await page.getByTestId('tag-search').getByRole('searchbox').or(page.getByTestId('tag-search').getByRole('textbox')).fill('1.0')
        await page.getByTestId('tag-search').locator('button[type=submit]').click()
        await page.getByTestId('tag-search-results').waitFor()
        await expectNoSeriousFindings(page, 'catalog with tag search')

        await page.getByTestId('catalog-space').click()
        await page.getByTestId('space-table').waitFor()
        await expectNoSeriousFindings(page, 'registry space dialog')
        await escape(page, 'space-dialog')

        await page.getByTestId('catalog-retention').click()
        const retention = page.getByTestId('retention-dialog')
        await retention.locator('input').first().fill('a11y/*')
        await retention.getByTestId('retention-preview-button').click()
        await retention.getByTestId('retention-preview').waitFor()
        await expectNoSeriousFindings(page, 'retention dialog with a preview')
        await escape(page, 'retention-dialog')
      })

      it('a repository: its space, two tags compared, and deleting both (asked, not done)', async () => {
        await page.getByTestId('repo-row').filter({ hasText: REPO }).click()
        await page.getByTestId('tag-row').first().waitFor()
        await page.getByTestId('repo-space').click()
        await page.getByTestId('space-table').waitFor()
        await expectNoSeriousFindings(page, 'repository space dialog')
        await escape(page, 'space-dialog')

        for (const box of await page.getByTestId('tag-check').all()) await box.check()
        await page.getByTestId('compare-checked').click()
        await page.getByTestId('compare-layers').waitFor()
        await expectNoSeriousFindings(page, 'compare dialog')
        await escape(page, 'compare-dialog')

        await page.getByTestId('delete-checked').click()
        await page.getByTestId('delete-list').waitFor()
        await expectNoSeriousFindings(page, 'delete several tags dialog')
        await escape(page, 'delete-many-dialog')
      })

      it('Copy to… another registry', async () => {
        await page.getByTestId('copy-tags').click()
        await page.getByTestId('copy-target').waitFor()
        await expectNoSeriousFindings(page, 'copy dialog')
        await escape(page, 'copy-dialog')
      })

      it('the registry doctor', async () => {
        const item = page.locator(`[data-testid=registry-item][data-address="${source.address}"]`)
        await item.hover()
        await item.locator('[aria-haspopup=menu]').click()
        await page.getByTestId('check-connection').click()
        await page.getByTestId('doctor-dialog').locator('[data-step=engine]:not([data-verdict=pending])').waitFor()
        await expectNoSeriousFindings(page, 'doctor dialog')
        await escape(page, 'doctor-dialog')
      })

      it('sync sets: the editor, then a saved set with its plan', async () => {
        await page.getByTestId('nav-sync').click()
        await page.getByTestId('sync-new').click()
        const editor = page.getByTestId('sync-editor')
        await editor.locator('input').first().fill(`a11y ${colorScheme}`)
        await editor.locator('select').first().selectOption({ label: `A11y source (${source.address})` })
        await editor.locator('select').nth(1).selectOption({ label: `A11y target (${target.address})` })
        await editor.locator('textarea').fill(`${REPO}:1.*`)
        await expectNoSeriousFindings(page, 'sync editor')
        // The other source kind (a typed Docker Hub mirror) with a platform filter and its notes.
        await editor.locator('input[name=source-kind]').nth(1).check()
        await editor.locator('input[type=text]').nth(1).fill('http://10.0.0.5:5000')
        await editor.locator('input[type=text]').nth(2).fill('linux/amd64')
        await editor.locator('.muted').first().waitFor()
        await expectNoSeriousFindings(page, 'sync editor with a mirror source and platforms')
        await editor.locator('input[type=text]').nth(2).fill('')
        await editor.locator('input[name=source-kind]').first().check()
        await editor.locator('select').first().waitFor()
        await editor.locator('button[type=submit]').click()
        await editor.waitFor({ state: 'detached' })
        const set = page.getByTestId('sync-set').filter({ hasText: `a11y ${colorScheme}` })
        await set.getByTestId('sync-plan-button').click()
        await set.getByTestId('sync-plan').waitFor()
        await expectNoSeriousFindings(page, 'sync sets page with a plan')
      })

      it('the Docker Hub cache card, with a problem said as you type', async () => {
        await page.getByTestId('hub-cache-nav').click()
        const card = page.getByTestId('hub-cache')
        await card.locator('form').waitFor()
        await card.locator('input[type=text]').first().fill('127.0.0.1:5000')
        await card.getByTestId('hub-cache-check').waitFor()
        await expectNoSeriousFindings(page, 'local registry page with the Docker Hub cache card')
        await card.locator('input[type=text]').first().fill('')
      })

      it('the engine picker', async () => {
        await page.getByTestId('engine-badge').click()
        await page.getByTestId('engine-choice').first().waitFor()
        await expectNoSeriousFindings(page, 'engine picker')
        await page.keyboard.press('Escape')
        await expect.poll(() => page.getByTestId('engine-list').count()).toBe(0)
      })
    })
  }
})
