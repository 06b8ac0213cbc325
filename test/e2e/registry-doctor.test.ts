// Registries as people have them, in Chromium (web mode): type only 127.0.0.1:PORT of a
// plain-HTTP registry and browse it at once, with the HTTP badge; Check connection on a stopped
// registry (from the "Cannot list" screen) shows the TCP step failed with its fix; Copy report
// gives text that names each step. The sidebar menu runs the same check on the live registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { closeSeedConnections, seedImage, startRegistry, type TestRegistry } from '../support/registries'
import { berthInChromium } from '../support/berthInChromium'

const STEP_TITLES = ['Address', 'Name resolution', 'TCP connection', 'TLS', 'Registry API (GET /v2/)', 'Sign-in', 'Repository list (_catalog)', 'Deletes', 'The engine’s view']

describeE2E('registries by address, and the registry doctor (Chromium, web mode)', () => {
  describe('add by address, HTTP badge, Check connection, Copy report', () => {
    let live: TestRegistry
    let stopped: TestRegistry
    let stoppedAddress: string

    beforeAll(async () => {
      ;[live, stopped] = await Promise.all([startRegistry(), startRegistry()])
      await seedImage(live.address, 'team/web', '1.0')
      stoppedAddress = stopped.address
    })

    afterAll(async () => {
      await live?.stop()
      await closeSeedConnections()
    })

    // Added while it answers, then stopped: the "Cannot list" screen's registry.
    const ui = berthInChromium({ registries: () => [{ name: 'Old registry', address: stoppedAddress }], prepare: () => stopped.stop() })

    it('adds a plain-HTTP registry from its address alone: the catalog and the HTTP badge show', async () => {
      await ui.page.getByRole('button', { name: 'Add a registry' }).click()
      const dialog = ui.page.getByTestId('registry-dialog')
      await dialog.getByLabel('Address').fill(live.address)
      await dialog.getByRole('button', { name: 'Add', exact: true }).click()
      await dialog.waitFor({ state: 'detached' })

      const item = ui.page.locator(`[data-testid=registry-item][data-address="${live.address}"]`)
      await item.getByTestId('http-badge').waitFor()
      await expect.poll(() => item.getAttribute('data-health')).toBe('reachable')
      await item.locator('.registry-link').click()
      await expect.poll(() => ui.page.getByTestId('repo-row').allTextContents()).toEqual([expect.stringMatching(/^team\/web/)])
      const header = ui.page.locator('.registry-header')
      expect(await header.getByTestId('http-badge').textContent()).toBe('HTTP')
      expect(await header.getByTestId('http-meaning').textContent()).toContain('no encryption')
    })

    it('Check connection from the sidebar menu: every step of a live plain-HTTP registry passes', async () => {
      const item = ui.page.locator(`[data-testid=registry-item][data-address="${live.address}"]`)
      await item.hover()
      await item.getByRole('button', { name: /^Actions for/ }).click()
      await ui.page.getByRole('menuitem', { name: 'Check connection' }).click()
      const dialog = ui.page.getByTestId('doctor-dialog')
      await dialog.locator('[data-step=engine][data-verdict=ok]').waitFor()
      const verdicts = await dialog.getByTestId('doctor-step').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-step')} ${r.getAttribute('data-verdict')}`))
      // registry:2 has deletes off unless told otherwise: that step fails, with its fix.
      expect(verdicts).toEqual(['address ok', 'resolve ok', 'tcp ok', 'tls ok', 'registry ok', 'auth ok', 'catalog ok', 'deletes failed', 'engine ok'])
      expect(await dialog.locator('[data-step=deletes]').getByTestId('doctor-fix').textContent()).toContain('REGISTRY_STORAGE_DELETE_ENABLED=true')
      await dialog.getByRole('button', { name: 'Close' }).click()
      await dialog.waitFor({ state: 'detached' })
    })

    it('on a stopped registry, the "Cannot list" screen offers Check connection: the TCP step failed, with its fix', async () => {
      await ui.page.getByRole('button', { name: /Old registry/ }).first().click()
      const problem = ui.page.locator('.catalog-problem')
      await problem.getByRole('heading', { name: 'Cannot list the repositories' }).waitFor()
      await problem.getByRole('button', { name: 'Check connection' }).click()
      const dialog = ui.page.getByTestId('doctor-dialog')
      const tcp = dialog.locator('[data-step=tcp]')
      await dialog.locator('[data-step=engine][data-verdict]:not([data-verdict=pending])').waitFor()
      expect(await tcp.getAttribute('data-verdict')).toBe('failed')
      expect(await tcp.textContent()).toContain(`Connection refused at 127.0.0.1 port ${stoppedAddress.split(':')[1]}`)
      expect(await tcp.getByTestId('doctor-fix').textContent()).toContain('Is the registry running')
      expect(await dialog.locator('[data-step=tls]').getAttribute('data-verdict')).toBe('skipped')
    })

    it('Copy report puts text naming each step on the clipboard', async () => {
      const dialog = ui.page.getByTestId('doctor-dialog')
      await dialog.getByRole('button', { name: 'Copy report' }).click()
      const copied = String(await ui.page.evaluate('navigator.clipboard.readText()'))
      expect(copied).toContain(`Berth registry check: Old registry (${stoppedAddress})`)
      const stepLines = copied.split('\n').filter((l) => /^\d\. /.test(l))
      expect(stepLines.map((l) => l.slice(0, l.indexOf(':')))).toEqual(STEP_TITLES.map((t, i) => `${i + 1}. ${i < 2 || i === 8 ? '✓' : i === 2 ? '✗' : '–'} ${t}`))
      expect(copied).toMatch(/3\. ✗ TCP connection: Connection refused/)
      expect(copied).toContain('Fix: Is the registry running')
    })
  })
})
