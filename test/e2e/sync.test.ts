// Sync sets in Chromium (web mode): create a set, Plan shows what is new with its size, Run
// copies it, and a second Run copies nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { registryDigest } from '../support/pushHelpers'
import { closeSeedConnections, seedImage, startRegistry, type TestRegistry } from '../support/registries'
import { berthInChromium } from '../support/web'

describeE2E('sync sets (Chromium, web mode)', () => {
  describe('plan and run twice', () => {
    let upstream: TestRegistry
    let lan: TestRegistry
    const digests: Record<string, string> = {}

    beforeAll(async () => {
      ;[upstream, lan] = await Promise.all([startRegistry(), startRegistry()])
      for (const tag of ['1.27.0', '1.27.1', '1.26']) digests[tag] = (await seedImage(upstream.address, 'library/nginx', tag, { layers: 2 })).digest
      digests.redis = (await seedImage(upstream.address, 'library/redis', '7', { layers: 1 })).digest
    })

    afterAll(async () => {
      await Promise.all([upstream?.stop(), lan?.stop()])
      await closeSeedConnections()
    })

    const ui = berthInChromium({ registries: () => [{ name: 'Hub mirror', address: upstream.address }, { name: 'LAN registry', address: lan.address }] })

    const runAndWait = async (n: number): Promise<void> => {
      await ui.page.getByRole('button', { name: 'Sync sets', exact: true }).click()
      await ui.page.getByTestId('sync-set').getByRole('button', { name: 'Run' }).click()
      const cards = ui.page.locator('[data-testid=transfer][data-kind=copy]')
      await expect.poll(() => cards.count()).toBe(n)
      await ui.page.locator('[data-testid=transfer][data-kind=copy]:is([data-state=done],[data-state=failed])').nth(n - 1).waitFor()
    }

    it('plans what is new with its size, then runs it', async () => {
      await ui.page.getByRole('button', { name: 'Sync sets', exact: true }).click()
      await ui.page.getByRole('button', { name: 'New sync set' }).click()
      const editor = ui.page.getByTestId('sync-editor')
      await editor.getByLabel('Set name').fill('LAN mirror')
      await editor.getByLabel('Source registry').selectOption({ label: `Hub mirror (${upstream.address})` })
      await editor.getByLabel('Target registry').selectOption({ label: `LAN registry (${lan.address})` })
      await editor.getByLabel('Repositories').fill('library/nginx:1.27*\nlibrary/redis:7\nNot/Valid')
      expect(await editor.getByTestId('sync-editor-check').textContent()).toMatch(/lowercase/)
      await editor.getByLabel('Repositories').fill('library/nginx:1.27*\nlibrary/redis:7')
      await editor.getByRole('button', { name: 'Save' }).click()
      await editor.waitFor({ state: 'detached' })

      await ui.page.getByTestId('sync-set').getByRole('button', { name: 'Plan' }).click()
      await ui.page.getByTestId('sync-plan').waitFor()
      expect(await ui.page.getByTestId('sync-plan-summary').textContent()).toMatch(/^3 to copy, \d+(\.\d+)? (B|kB|KB|KiB)\. 0 up to date\.$/)
      expect(await ui.page.locator('[data-testid=sync-plan-item][data-status=new]').count()).toBe(3)

      await runAndWait(1)
      const card = ui.page.locator('[data-testid=transfer][data-kind=copy]').first()
      expect(await card.getAttribute('data-state'), (await card.textContent()) ?? '').toBe('done')
      expect(await card.textContent()).toContain('Copied 3 tags.')
      for (const tag of ['1.27.0', '1.27.1']) expect(await registryDigest(lan.address, 'library/nginx', tag)).toBe(digests[tag])
      expect(await registryDigest(lan.address, 'library/redis', '7')).toBe(digests.redis)
      expect(await registryDigest(lan.address, 'library/nginx', '1.26')).toBeNull()
    })

    it('a second run copies nothing', async () => {
      await ui.page.getByRole('button', { name: 'Sync sets', exact: true }).click()
      await ui.page.getByTestId('sync-set').getByRole('button', { name: 'Plan' }).click()
      await expect.poll(() => ui.page.getByTestId('sync-plan-summary').textContent()).toBe('Nothing new or changed. 3 up to date.')
      await runAndWait(2)
      const newest = ui.page.locator('[data-testid=transfer][data-kind=copy]').first()
      expect(await newest.getAttribute('data-state')).toBe('done')
      expect(await newest.textContent()).toContain('Nothing new or changed: nothing was copied.')
      expect(await newest.getByTestId('transfer-bytes').textContent()).toMatch(/^0 B \/ /)
    })
  })
})
