// The catalog index in Chromium (web mode): a registry's list and its tags are indexed; after a
// restart of the server, with the registry frozen (it never answers), reopening it shows the
// stored list at once while the refresh waits; with the registry gone the list stays, marked as
// stored with why it could not be refreshed, and tag search still answers. A first open of a
// registry of three pages and more lists all of it (the walk plans its ranges from the first page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillRegistry } from '../../scripts/fill-registry'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { DOCKER } from '../support/ociMedia'
import { closeSeedConnections, startRegistry, tagManifest, type TestRegistry } from '../support/registries'
import { openBerth } from '../support/web'
import { berthInChromium } from '../support/berthInChromium'

describeE2E('catalog index (Chromium, web mode)', () => {
  describe('reopen after a restart, search tags', () => {
    let registry: TestRegistry
    const tagged = ['idx/group-03/service-00003', 'idx/group-41/service-00041']

    beforeAll(async () => {
      registry = await startRegistry()
      await fillRegistry({ address: registry.address, repositories: 120, tags: 0, prefix: 'idx', concurrency: 16 })
      for (const repo of tagged) await tagManifest(registry.address, repo, 'latest', ['1.8.0', '1.8.1'], DOCKER.manifest)
    })

    afterAll(async () => {
      await registry?.stop()
      await closeSeedConnections()
    })

    const ui = berthInChromium({ registries: () => [{ name: 'Index registry', address: registry.address }] })

    const searchTag = async (query: string): Promise<void> => {
      await ui.page.getByLabel('Search tags across repositories').fill(query)
      await ui.page.getByRole('button', { name: 'Search', exact: true }).click()
    }

    it('lists the registry and searches a tag across its repositories', async () => {
      await ui.page.getByRole('button', { name: /Index registry/ }).first().click()
      await ui.page.locator('[data-testid=catalog-count][data-done=true][data-loading=false]').waitFor()
      await expect.poll(() => ui.page.getByTestId('catalog-count').textContent()).toBe('121 repositories')
      await ui.page.getByRole('button', { name: 'Search tags' }).click()
      // Opening the panel indexes every repository's tags in the background.
      await ui.page.locator('[data-testid=tag-index-progress][data-running=false]').filter({ hasText: '121 of 121' }).waitFor()
      await searchTag('1.8.0')
      await expect.poll(() => ui.page.getByTestId('tag-search-match').allTextContents()).toEqual(tagged.map((r) => `${r} 1.8.0`))
      await searchTag('1.8.*')
      await expect.poll(() => ui.page.getByTestId('tag-search-match').allTextContents()).toEqual(tagged.map((r) => `${r} 1.8.0, 1.8.1`))
    })

    it('shows the stored list after a server restart before any network answer, then without the registry', async () => {
      // Same port and data directory: the page's origin and the index survive. Frozen meanwhile:
      // the registry takes connections and never answers, so the refresh is still waiting.
      await ui.restart({ whileStopped: () => testDocker().getContainer(registry.container).pause() })
      const page = ui.page
      await openBerth(page, ui.berth.url)
      await page.getByRole('button', { name: /Index registry/ }).first().click()
      // No network answer has come: the rows are the index's, and the walk is still running.
      await expect.poll(() => page.getByTestId('catalog-count').textContent()).toBe('121 repositories')
      await expect.poll(() => page.getByTestId('repo-row').count()).toBeGreaterThan(5)
      await expect.poll(() => page.getByTestId('catalog-age').getAttribute('data-from-index')).toBe('true')
      await expect.poll(() => page.getByTestId('catalog-age').textContent()).toMatch(/^stored list from .* · refreshing…$/)
      expect(await page.getByTestId('catalog-count').getAttribute('data-loading')).toBe('true')
      // The registry goes away: the waiting walk fails and the stored list stays, saying so.
      await registry.stop()
      await page.locator('[data-testid=catalog-incomplete][data-reason=refresh-failed]').filter({ hasText: /Could not refresh this list/ }).waitFor()
      await expect.poll(() => page.getByTestId('catalog-age').textContent()).toMatch(/^stored list from /)
      await expect.poll(() => page.getByTestId('catalog-count').textContent()).toBe('121 repositories')
      // The tag index answers offline too.
      await ui.page.getByRole('button', { name: 'Search tags' }).click()
      await searchTag('1.8.1')
      await expect.poll(() => ui.page.getByTestId('tag-search-match').count()).toBe(2)
    })
  })

  describe('first open of a registry of three pages and more', () => {
    let registry: TestRegistry

    beforeAll(async () => {
      registry = await startRegistry({ storageInMemory: true })
      // Written into its storage: 3,000 repositories over HTTP would take a minute.
      await fillRegistry({ address: registry.address, repositories: 2999, tags: 0, prefix: 'first', concurrency: 16, storage: { docker: testDocker(), container: registry.container } })
    })

    afterAll(async () => {
      await registry?.stop()
    })

    const ui = berthInChromium({ registries: () => [{ name: 'Big registry', address: registry.address }] })

    it('lists every repository on first open (ranges planned from the first page), complete and in order', async () => {
      const page = ui.page
      await page.getByRole('button', { name: /Big registry/ }).first().click()
      await page.locator('[data-testid=catalog-count][data-done=true][data-loading=false]').waitFor()
      await expect.poll(() => page.getByTestId('catalog-count').textContent()).toBe('3,000 repositories')
      expect(await page.getByTestId('catalog-incomplete').count()).toBe(0)
      // The last names too: the deepest range came back, and the list is in the registry's order.
      await page.getByLabel('Filter repositories').fill('service-0299')
      await expect.poll(() => page.getByTestId('repo-row').allTextContents()).toEqual(Array.from({ length: 9 }, (_, i) => expect.stringContaining(`first/group-${90 + i}/service-0299${i}`)))
      // The plan's existence checks reached the registry (its access log): the walk planned, it did not page along.
      const log = (await testDocker().getContainer(registry.container).logs({ stdout: true, stderr: true })).toString('utf8')
      expect(log.match(/tags\/list\?n=1/g)?.length ?? 0).toBeGreaterThan(3)
    })
  })
})
