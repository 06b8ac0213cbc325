// The push flow in the browser's language (zh-CN, then en) and axe-core on every page and dialog,
// in the dark and the light theme: 0 serious or critical findings. Web mode, real engine, a
// registry:2 container of its own.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeFindings, report } from '../support/axe'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'
import { startRegistry, type TestRegistry } from '../support/registries'
import { launchBrowser, openBerth, startBerth, type RunningBerth, type RunningBrowser } from '../support/web'

const prefix = `berth-e2e-i18n-${process.pid}`
const docker = testDocker()

async function expectNoSeriousFindings(page: Page, where: string, selector?: string): Promise<void> {
  const findings = await axeFindings(page, selector)
  expect(findings, `${where}:\n${report(findings)}`).toEqual([])
}

describeE2E('languages and accessibility in the browser', () => {
  let registry: TestRegistry
  let berth: RunningBerth

  beforeAll(async () => {
    await buildImage(docker, { tag: `${prefix}/app:1`, layers: [{ path: '/a.bin', size: 400_000 }, { path: '/b.bin', size: 300_000 }] })
    registry = await startRegistry()
    berth = await startBerth()
    await berth.services.registries.add({ name: 'i18n registry', address: registry.address, scheme: 'http' })
  })

  afterAll(async () => {
    await berth?.close()
    await registry?.stop()
    await cleanupByPrefix(docker, prefix)
  })

  async function pushFlow(page: Page, words: { push: string; pushTo: string; done: RegExp; title: RegExp }, tag: string): Promise<void> {
    await page.getByTestId('images-grid').waitFor()
    await page.getByTestId('image-row').filter({ hasText: `${prefix}/app` }).first().click()
    await page.getByTestId('push-button').click()
    const dialog = page.getByTestId('push-dialog')
    await expect.poll(() => dialog.getByRole('heading').first().textContent()).toMatch(words.title)
    await dialog.getByRole('textbox').nth(1).fill(tag)
    await dialog.getByRole('button', { name: words.push, exact: true }).click()
    const card = page.getByTestId('transfer').filter({ hasText: `${registry.address}/${prefix}/app:${tag}` })
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    expect(await card.getByTestId('transfer-state').textContent()).toMatch(words.done)
    // Screen readers heard the end of the push, politely, in the same language.
    await expect.poll(() => page.getByTestId('progress-announcer').textContent()).toMatch(words.done)
  }

  describe('zh-CN', () => {
    let ui: RunningBrowser
    beforeAll(async () => {
      ui = await launchBrowser({ locale: 'zh-CN' })
    })
    afterAll(() => ui?.close())

    it('speaks Chinese from the first paint: navigation, dialogs, progress, lang="zh-CN"', async () => {
      const { page } = ui
      await openBerth(page, berth.url)
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
      const nav = page.getByRole('navigation', { name: '主导航' })
      expect(await nav.getByRole('button', { name: '镜像', exact: true }).isVisible()).toBe(true)
      expect(await nav.getByRole('button', { name: '传输', exact: true }).isVisible()).toBe(true)
      expect(await page.getByLabel('筛选镜像').isVisible()).toBe(true)
      await page.getByLabel('筛选镜像').fill(`${prefix}/app`)
      await pushFlow(page, { push: '推送', pushTo: '推送到…', done: /已完成/, title: /^推送 / }, 'zh')
      expect(await page.getByTestId('transfer').first().getByRole('progressbar').getAttribute('aria-label')).toMatch(/的推送进度$/)
    })

    it("says what is wrong in Chinese: the shared grammar's messages are catalog keys", async () => {
      const { page } = ui
      await page.getByRole('button', { name: '镜像', exact: true }).click()
      await page.getByTestId('image-row').filter({ hasText: `${prefix}/app` }).first().click()
      await page.getByRole('button', { name: '打标签…' }).click()
      const dialog = page.getByTestId('tag-dialog')
      await dialog.getByRole('textbox').fill('localhost:5000/App:1')
      // The shared reference grammar's message, in the user's language.
      await expect.poll(() => dialog.getByTestId('tag-feedback').textContent()).toMatch(/仓库名称必须是小写/)
      await dialog.getByRole('button', { name: '取消' }).click()
    })

    it('switches to English from the settings menu, at once, and remembers it', async () => {
      const { page } = ui
      await page.getByTestId('settings-button').click()
      await page.getByTestId('language-select').selectOption('en')
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images', exact: true }).isVisible()).toBe(true)
      await page.reload()
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      // Back to following the system (zh-CN here).
      await page.getByTestId('settings-button').click()
      await page.getByTestId('language-select').selectOption('system')
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN')
    })
  })

  describe('en', () => {
    let ui: RunningBrowser
    beforeAll(async () => {
      ui = await launchBrowser({ locale: 'en-US' })
    })
    afterAll(() => ui?.close())

    it('the same push flow in English', async () => {
      const { page } = ui
      await openBerth(page, berth.url)
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers', exact: true }).isVisible()).toBe(true)
      await page.getByLabel('Filter images').fill(`${prefix}/app`)
      await pushFlow(page, { push: 'Push', pushTo: 'Push to…', done: /Done|finished/, title: /^Push / }, 'en')
    })
  })

  for (const colorScheme of ['dark', 'light'] as const) {
    describe(`axe: every page and dialog (${colorScheme} theme)`, () => {
      let ui: RunningBrowser
      let page: Page
      beforeAll(async () => {
        ui = await launchBrowser({ colorScheme })
        page = ui.page
        await openBerth(page, berth.url)
        await page.getByLabel('Filter images').fill(`${prefix}/app`)
        await page.getByTestId('image-row').first().click()
      })
      afterAll(() => ui?.close())

      it('images, with details and the tag and push dialogs', async () => {
        await expectNoSeriousFindings(page, 'images page')
        await page.getByRole('button', { name: 'Tag…' }).click()
        await expectNoSeriousFindings(page, 'tag dialog')
        await page.getByTestId('tag-dialog').getByRole('button', { name: 'Cancel' }).click()
        await page.getByTestId('push-button').click()
        await page.getByTestId('push-preflight').waitFor()
        await expectNoSeriousFindings(page, 'push dialog')
        // The credentials dialog opens on top of the push dialog.
        await page.getByTestId('push-dialog').getByRole('button', { name: /Add credentials|Change/ }).click()
        await page.getByTestId('credentials-dialog').waitFor()
        await expectNoSeriousFindings(page, 'credentials dialog')
        await page.getByTestId('credentials-dialog').getByRole('button', { name: 'Cancel' }).click()
        await page.getByTestId('push-dialog').getByRole('button', { name: 'Cancel' }).click()
        await page.getByTestId('settings-button').click()
        await expectNoSeriousFindings(page, 'settings menu')
        await page.keyboard.press('Escape')
        // Escape closes it and gives the focus back to its button, as menus do.
        await expect.poll(() => page.getByTestId('settings-button').getAttribute('aria-expanded')).toBe('false')
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('settings-button')
      })

      it('transfers, with finished pushes', async () => {
        await page.getByRole('button', { name: 'Transfers', exact: true }).click()
        await page.getByTestId('transfer').first().waitFor()
        await expectNoSeriousFindings(page, 'transfers page')
      })

      it('add-registry dialog', async () => {
        await page.getByRole('button', { name: 'Add a registry' }).click()
        await page.getByTestId('registry-dialog').waitFor()
        await expectNoSeriousFindings(page, 'add registry dialog')
        await page.getByTestId('registry-dialog').getByRole('button', { name: 'Cancel' }).click()
      })

      it('registry browser with a tag selected, and the delete dialog', async () => {
        await page.getByTestId('registry-item').filter({ hasText: 'i18n registry' }).getByRole('button').first().click()
        await page.getByTestId('repo-row').filter({ hasText: `${prefix}/app` }).click()
        await page.getByTestId('tag-row').first().click()
        await page.getByTestId('tag-digest').waitFor()
        await expectNoSeriousFindings(page, 'registry browser')
        await page.getByTestId('tag-details').getByRole('button', { name: 'Delete…' }).click()
        await page.getByTestId('delete-dialog').getByRole('button', { name: 'Delete tag', exact: true }).waitFor()
        await expect.poll(() => page.getByTestId('delete-dialog').getByRole('button', { name: 'Delete tag', exact: true }).isEnabled()).toBe(true)
        await expectNoSeriousFindings(page, 'delete dialog')
        await page.getByTestId('delete-dialog').getByRole('button', { name: 'Cancel' }).click()
      })
    })
  }
})
