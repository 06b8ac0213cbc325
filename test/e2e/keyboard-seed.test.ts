// The whole seed routine from the keyboard alone — not one mouse event: start the local registry,
// tag an image, "Push to…" it, open the registry, find the tag, pull it. Focus moves only with
// Tab / Shift+Tab / arrows, actions with Enter or Space. axe checks the local registry page on the way.
import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MANAGED_LABEL } from '../../src/main/localRegistry'
import { axeFindings, report } from '../support/axe'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'
import { freePort } from '../support/http'
import { openBerth } from '../support/web'
import { berthInChromium } from '../support/berthInChromium'

const docker = testDocker()
const id = randomBytes(4).toString('hex')
const prefix = `berth-e2e-kb-${id}`
const names = { containerName: prefix, volumeName: `${prefix}-data`, labelValue: `e2e-kb-${id}` }

/** Presses Tab (forwards) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160))
  throw new Error(`Tab never reached ${selector}; focus is on ${at}`)
}

const focusedText = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.textContent ?? '')

describeE2E('the seed routine from the keyboard alone', () => {
  let page: Page
  let port: number
  let mouseEvents = 0

  beforeAll(async () => {
    await buildImage(docker, { tag: `${prefix}/seed:1`, layers: [{ path: '/s.bin', size: 200_000 }] })
    port = await freePort()
  })

  afterAll(async () => {
    const list = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${names.labelValue}`] } }).catch(() => [])
    for (const c of list) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)
    await docker.getVolume(names.volumeName).remove().catch(() => undefined)
    await cleanupByPrefix(docker, prefix)
    await cleanupByPrefix(docker, `127.0.0.1:${port}/${prefix}`)
  })

  // The page opens only once the mouse is watched.
  const ui = berthInChromium({ open: false, prepare: async (berth) => berth.services.localRegistry.configure({ ...names, defaultPort: port }) })

  beforeAll(async () => {
    page = ui.page
    // Proof that no mouse event reaches the page.
    await page.exposeFunction('berthMouse', () => void mouseEvents++)
    await page.addInitScript(() => {
      for (const type of ['mousedown', 'mouseup', 'click', 'contextmenu', 'dragstart']) {
        window.addEventListener(type, (e) => (e as MouseEvent).detail > 0 && (window as unknown as { berthMouse(): void }).berthMouse(), true)
      }
    })
    await openBerth(page, ui.berth.url)
  })

  it('starts the local registry', async () => {
    await tabTo(page, '[data-testid="start-local-registry"]')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('local-registry-state').getAttribute('data-state'), { timeout: 60_000 }).toBe('running')
    const findings = await axeFindings(page)
    expect(findings, report(findings)).toEqual([])
  })

  it('finds the image and tags it', async () => {
    // The first entry of the main navigation: Images.
    await tabTo(page, '.sidebar .nav li:first-child button')
    expect(await focusedText(page)).toMatch(/Images/)
    await page.keyboard.press('Enter')
    await tabTo(page, 'input[type="search"]')
    await page.keyboard.type(`${prefix}/seed`)
    await tabTo(page, '[data-testid="images-grid"]')
    await page.keyboard.press('ArrowDown')
    await page.getByTestId('image-details').waitFor()
    await tabTo(page, '[data-testid="image-details"] .button.primary')
    await page.keyboard.press('Enter')
    const dialog = page.getByTestId('tag-dialog')
    await dialog.waitFor()
    // Focus is in the name field; replace it and submit with Enter.
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type(`${prefix}/seed:kb`)
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(async () => (await docker.getImage(`${prefix}/seed:1`).inspect()).RepoTags).toContain(`${prefix}/seed:kb`)
    // The dialog gave focus back to the button that opened it.
    expect(await focusedText(page)).toMatch(/Tag…/)
  })

  it('pushes it to the local registry with "Push to…"', async () => {
    await tabTo(page, '[data-testid="push-button"]')
    await page.keyboard.press('Enter')
    const dialog = page.getByTestId('push-dialog')
    await dialog.waitFor()
    await expect.poll(() => dialog.getByTestId('push-target').first().textContent()).toContain(`127.0.0.1:${port}/`)
    // The tag field: type the tag to push, then Enter submits.
    await tabTo(page, '[data-testid="push-dialog"] .tag-field input')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('kb')
    await expect.poll(() => dialog.getByTestId('push-target').first().textContent()).toContain(`${prefix}/seed:kb`)
    await page.getByTestId('push-preflight').waitFor()
    await page.keyboard.press('Enter')
    const card = page.getByTestId('transfer').filter({ hasText: `127.0.0.1:${port}/${prefix}/seed:kb` })
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
  })

  it('opens the registry, finds the tag and pulls it', async () => {
    await tabTo(page, `[data-testid="registry-item"][data-address="127.0.0.1:${port}"] .registry-link`)
    await page.keyboard.press('Enter')
    await page.getByTestId('catalog-count').waitFor()
    // The filter has focus; narrow the catalog, then Tab to the repository row.
    await page.keyboard.type(`${prefix}/seed`)
    await tabTo(page, '[data-testid="repo-row"]')
    await page.keyboard.press('Enter')
    await page.getByTestId('tag-row').first().waitFor()
    await tabTo(page, '[data-testid="tag-row"]')
    expect(await focusedText(page)).toContain('kb')
    await page.keyboard.press('Enter')
    await page.getByTestId('tag-digest').waitFor()
    await docker.getImage(`127.0.0.1:${port}/${prefix}/seed:kb`).remove().catch(() => undefined)
    await tabTo(page, '[data-testid="pull-button"]')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('pull-progress').getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    expect((await docker.getImage(`127.0.0.1:${port}/${prefix}/seed:kb`).inspect()).Id).toMatch(/^sha256:/)
  })

  it('used no mouse at all', () => {
    expect(mouseEvents).toBe(0)
  })
})
