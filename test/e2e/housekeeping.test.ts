// Registry housekeeping in Chromium (web mode) against a real registry:2: compare two tags, see
// where a repository's and the registry's space goes, preview a retention rule and apply it,
// hide a repository left empty.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { pushLayeredImage } from '../support/layeredImages'
import { closeSeedConnections, startRegistry, type TestRegistry } from '../support/registries'
import { berthInChromium } from '../support/berthInChromium'

const REPO = 'house/app'

describeE2E('registry housekeeping (Chromium, web mode)', () => {
  describe('compare, space, retention', () => {
    let registry: TestRegistry

    beforeAll(async () => {
      registry = await startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } })
      const base = randomBytes(3000)
      await pushLayeredImage(registry.address, REPO, '1.0', [base, randomBytes(1000)], { Env: ['MODE=old'] }, '2024-01-01T00:00:00Z')
      await pushLayeredImage(registry.address, REPO, '2.0', [base, randomBytes(20_000)], { Env: ['MODE=new'] }, '2024-06-01T00:00:00Z')
      await pushLayeredImage(registry.address, 'house/other', 'v1', [randomBytes(500)])
    })

    afterAll(async () => {
      await registry?.stop()
      await closeSeedConnections()
    })

    const ui = berthInChromium({ registries: () => [{ name: 'Housekeeping registry', address: registry.address }] })
    beforeAll(() => ui.page.getByRole('button', { name: /Housekeeping registry/ }).first().click())

    it('shows the registry space per repository, biggest first', async () => {
      await expect.poll(() => ui.page.getByTestId('repo-row').count()).toBe(2)
      await ui.page.getByRole('button', { name: 'Space…' }).click()
      const dialog = ui.page.getByTestId('space-dialog')
      await dialog.getByTestId('space-table').waitFor()
      expect(await dialog.getByTestId('space-total').textContent()).toMatch(/stored in 2 repositories/)
      expect(await dialog.getByTestId('space-row').allTextContents()).toEqual([expect.stringMatching(/^house\/app · 2 tags/), expect.stringMatching(/^house\/other · 1 tag(?!s)/)])
      await dialog.getByRole('button', { name: 'Close' }).click()
      await dialog.waitFor({ state: 'detached' })
    })

    it('compares two ticked tags: layers shared, added and removed, and the config change', async () => {
      await ui.page.getByTestId('repo-row').filter({ hasText: REPO }).click()
      await ui.page.getByRole('checkbox', { name: 'Select 1.0' }).check()
      await ui.page.getByRole('checkbox', { name: 'Select 2.0' }).check()
      await ui.page.getByTestId('compare-checked').click()
      const dialog = ui.page.getByTestId('compare-dialog')
      await dialog.getByTestId('compare-layers').waitFor()
      expect(await dialog.locator('[data-change]').evaluateAll((els) => els.map((e) => e.getAttribute('data-change')))).toEqual(['shared', 'added', 'removed'])
      expect(await dialog.getByTestId('compare-summary').textContent()).toMatch(/^3\.0 kB shared · 20\.0 kB added · 1\.0 kB removed/)
      expect(await dialog.getByTestId('compare-config').textContent()).toContain('Env MODE: old → new')
      await dialog.getByRole('button', { name: 'Close' }).click()
      await dialog.waitFor({ state: 'detached' })
    })

    it('shows a repository’s tags by size with the bytes only each one uses', async () => {
      await ui.page.getByRole('button', { name: 'Space…' }).click()
      const dialog = ui.page.getByTestId('space-dialog')
      await dialog.getByTestId('space-table').waitFor()
      const rows = await dialog.getByTestId('space-row').allTextContents()
      expect(rows).toEqual([expect.stringMatching(/^2\.0/), expect.stringMatching(/^1\.0/)])
      await dialog.getByRole('button', { name: 'Close' }).click()
    })

    it('previews a retention rule, deleting nothing, then applies exactly that preview', async () => {
      await ui.page.getByRole('button', { name: 'Housekeeping registry' }).last().click() // the breadcrumb
      await ui.page.getByRole('button', { name: 'Retention…' }).click()
      const dialog = ui.page.getByTestId('retention-dialog')
      await dialog.getByLabel('Repositories').fill('house/*')
      await dialog.getByLabel('Keep the newest N tags').fill('1')
      await dialog.getByTestId('retention-preview-button').click()
      await dialog.getByTestId('retention-preview').waitFor()
      // Its own 1 kB layer, its config and its manifest: about 2 kB (the shared base layer stays).
      expect(await dialog.getByTestId('retention-summary').textContent()).toMatch(/^1 tag would go, freeing 2\.\d kB after garbage collection/)
      expect(await dialog.getByTestId('retention-candidate').allTextContents()).toEqual(['1.0'])
      const tags = async (): Promise<string[]> => ((await (await fetch(`http://${registry.address}/v2/${REPO}/tags/list`)).json()) as { tags: string[] }).tags.sort()
      expect(await tags()).toEqual(['1.0', '2.0'])
      await dialog.getByTestId('retention-apply').click()
      await dialog.getByTestId('retention-result').waitFor()
      expect(await dialog.getByTestId('retention-result').textContent()).toMatch(/^Deleted 1 tag\./)
      expect(await tags()).toEqual(['2.0'])
    })

    it('saves the rule for this registry and re-runs it in one click', async () => {
      const dialog = ui.page.getByTestId('retention-dialog')
      await dialog.getByRole('button', { name: 'Save rule' }).click()
      await expect.poll(() => dialog.getByTestId('retention-rule').count()).toBe(1)
      expect(await dialog.getByTestId('retention-rule').textContent()).toContain('house/*')
      // A newer tag arrives: the saved rule (keep the newest 1) now selects 2.0.
      await pushLayeredImage(registry.address, REPO, '3.0', [randomBytes(700)], { Env: ['MODE=newest'] }, '2024-09-01T00:00:00Z')
      await dialog.getByTestId('retention-rule').getByRole('button', { name: 'Run now' }).click()
      await expect.poll(() => dialog.getByTestId('retention-result').textContent()).toMatch(/^Deleted 1 tag\./)
      const tags = ((await (await fetch(`http://${registry.address}/v2/${REPO}/tags/list`)).json()) as { tags: string[] }).tags.sort()
      expect(tags).toEqual(['3.0'])
      // Saved in the registry's rules: there on the next open.
      await dialog.getByRole('button', { name: 'Close' }).click()
      await ui.page.getByRole('button', { name: 'Retention…' }).click()
      await expect.poll(() => ui.page.getByTestId('retention-dialog').getByTestId('retention-rule').count()).toBe(1)
    })

    it('hides repositories whose last tag is gone, saying why they stay', async () => {
      await ui.page.getByTestId('retention-dialog').getByRole('button', { name: 'Close' }).click()
      const head = await fetch(`http://${registry.address}/v2/house/other/manifests/v1`, { method: 'HEAD', headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } })
      const del = await fetch(`http://${registry.address}/v2/house/other/manifests/${head.headers.get('docker-content-digest')}`, { method: 'DELETE' })
      expect(del.status).toBe(202)
      await ui.page.getByRole('button', { name: 'Refresh', exact: true }).click()
      const names = (): Promise<string[]> => ui.page.locator('[data-testid=repo-row] > :first-child').allTextContents()
      await expect.poll(() => ui.page.getByTestId('repo-row').filter({ hasText: 'house/other' }).getByTestId('tag-count').textContent()).toBe('0')
      expect(await names()).toEqual(['house/app', 'house/other'])
      const toggle = ui.page.getByTestId('hide-empty')
      expect(await ui.page.locator('label', { has: toggle }).getAttribute('title')).toMatch(/keeps listing a repository after its last tag is deleted/)
      await toggle.check()
      await expect.poll(names).toEqual(['house/app'])
    })
  })
})
