// The registry browser in Chromium (web mode) against a real registry:2: open the registry,
// filter the catalog, open a repository, see a multi-arch tag's platforms (one of them broken),
// copy the pull command, pull it with progress, delete one tag of two sharing an image (the other
// keeps its digest), then several ticked tags at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillRegistry } from '../../scripts/fill-registry'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { cleanupByPrefix } from '../support/images'
import { OCI } from '../support/ociMedia'
import { pushPlatformImage, pushSingle } from '../support/pullableImages'
import { registryDigest } from '../support/pushHelpers'
import { closeSeedConnections, putManifest, startRegistry, type TestRegistry } from '../support/registries'
import { berthInChromium } from '../support/berthInChromium'

const PREFIX = 'berth-e2e-browse'

/** linux/amd64 + linux/arm64/v8, and linux/s390x whose manifest is deleted afterwards: one broken platform. */
async function pushMultiArch(address: string, repo: string, tag: string): Promise<void> {
  const platforms = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
    { os: 'linux', architecture: 's390x' }
  ]
  const manifests = []
  for (const [i, p] of platforms.entries()) {
    const { digest, size } = await pushPlatformImage(address, repo, p, `2025-0${i + 3}-01T10:00:00Z`)
    manifests.push({ mediaType: OCI.manifest, digest, size, platform: p })
  }
  await putManifest(address, repo, tag, { schemaVersion: 2, mediaType: OCI.index, manifests }, OCI.index)
  const del = await fetch(`http://${address}/v2/${repo}/manifests/${manifests[2]!.digest}`, { method: 'DELETE' })
  if (del.status !== 202) throw new Error(`deleting the s390x manifest: HTTP ${del.status}`)
}

describeE2E('registry browser (Chromium, web mode)', () => {
  describe('browse, pull, delete', () => {
    let registry: TestRegistry
    const docker = testDocker()

    beforeAll(async () => {
      registry = await startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } })
      await fillRegistry({ address: registry.address, repositories: 150, tags: 0, prefix: 'bulk', concurrency: 16 })
      await pushMultiArch(registry.address, `${PREFIX}/multi`, '1.0')
      await pushSingle(registry.address, `${PREFIX}/app`, ['1.0', '1.0-alpine'], '2025-01-01T00:00:00Z')
      await pushSingle(registry.address, `${PREFIX}/app`, ['2.0'], '2024-06-01T00:00:00Z')
    })

    afterAll(async () => {
      await registry?.stop()
      await closeSeedConnections()
      await cleanupByPrefix(docker, PREFIX)
    })

    const ui = berthInChromium({ registries: () => [{ name: 'E2E registry', address: registry.address }] })

    it('opens the registry and filters its catalog', async () => {
      await ui.page.getByRole('button', { name: /E2E registry/ }).first().click()
      await expect.poll(() => ui.page.getByTestId('repo-row').count()).toBeGreaterThan(5)
      await ui.page.getByLabel('Filter repositories').fill(PREFIX)
      // Filtering loads every page, then shows only the matches.
      await ui.page.locator('[data-testid=catalog-count][data-done=true]').waitFor()
      await expect.poll(() => ui.page.getByTestId('catalog-count').textContent()).toMatch(/^2 matching · 153 repositories$/)
      // Tag counts arrive lazily for the rows on screen.
      await expect.poll(() => ui.page.getByTestId('repo-row').allTextContents()).toEqual([`${PREFIX}/app3`, `${PREFIX}/multi1`])
    })

    it('shows the platforms of a multi-arch tag', async () => {
      await ui.page.getByTestId('repo-row').filter({ hasText: `${PREFIX}/multi` }).click()
      const row = ui.page.getByTestId('tag-row').filter({ hasText: '1.0' })
      await expect.poll(() => row.textContent()).toContain('linux · amd64 · arm64/v8')
      await row.click()
      const details = ui.page.getByTestId('tag-details')
      await details.getByTestId('tag-digest').waitFor()
      expect(await details.textContent()).toContain('Multi-platform index, 3 platforms')
      // Every platform with its size and date; the broken one says why, the others still show.
      expect(await details.getByTestId('platform-row').allTextContents()).toEqual([
        expect.stringMatching(/^linux\/amd64\d+ B.*2025/),
        expect.stringMatching(/^linux\/arm64\/v8\d+ B.*2025/),
        expect.stringMatching(/^linux\/s390xCould not read this platform: .*does not exist/)
      ])
      expect(await details.getByTestId('tag-config').textContent()).toContain('["/bin/hello"]')
      // Another platform's config on click.
      await details.getByTestId('platform-row').nth(1).click()
      await expect.poll(() => details.textContent()).toContain('Layers, config and history of linux/arm64/v8')
    })

    it('copies the pull command', async () => {
      await ui.page.getByTestId('copy-pull').click()
      const copied = await ui.page.evaluate('navigator.clipboard.readText()')
      expect(copied).toBe(`docker pull ${registry.address}/${PREFIX}/multi:1.0`)
    })

    it('pulls the tag with progress into the local engine', async () => {
      await ui.page.getByTestId('pull-button').click()
      await ui.page.locator('[data-testid=pull-progress][data-state=done]').waitFor({ timeout: 60_000 })
      const image = await docker.getImage(`${registry.address}/${PREFIX}/multi:1.0`).inspect()
      expect(image.Architecture).toBe('amd64')
    })

    it('deletes one tag of two sharing an image; the other keeps its digest', async () => {
      await ui.page.getByRole('button', { name: 'E2E registry' }).last().click() // the breadcrumb
      await ui.page.getByTestId('repo-row').filter({ hasText: `${PREFIX}/app` }).click()
      // Version order by default; by date on demand (2.0 is the oldest image here).
      const tagNames = (): Promise<string[]> => ui.page.getByTestId('tag-name').allTextContents()
      await expect.poll(tagNames).toEqual(['1.0', '1.0-alpine', '2.0'])
      await ui.page.getByRole('columnheader', { name: /Created/ }).click() // newest first
      await expect.poll(tagNames).toEqual(['1.0', '1.0-alpine', '2.0'])
      await ui.page.getByRole('columnheader', { name: /Created/ }).click() // oldest first
      await expect.poll(tagNames).toEqual(['2.0', '1.0', '1.0-alpine'])
      await ui.page.getByRole('columnheader', { name: /Tag/ }).click()
      await ui.page.getByTestId('tag-row').filter({ hasText: /^1\.0[^-]/ }).click()
      await ui.page.getByTestId('tag-digest').waitFor()
      await ui.page.getByRole('button', { name: 'Delete…' }).click()
      const dialog = ui.page.getByTestId('delete-dialog')
      await dialog.getByTestId('shared-tags').waitFor()
      // Both tags are listed under "Delete image"; the default button removes only this one.
      expect(await dialog.locator('.chip').allTextContents()).toEqual(['1.0', '1.0-alpine'])
      expect(await dialog.getByTestId('delete-image').textContent()).toBe('Delete image (2 tags)')
      const digestBefore = await registryDigest(registry.address, `${PREFIX}/app`, '1.0-alpine')
      await dialog.getByRole('button', { name: 'Delete tag' }).click()
      await dialog.waitFor({ state: 'detached' })
      await expect.poll(tagNames).toEqual(['1.0-alpine', '2.0'])
      const res = await fetch(`http://${registry.address}/v2/${PREFIX}/app/tags/list`)
      expect(((await res.json()) as { tags: string[] }).tags.sort()).toEqual(['1.0-alpine', '2.0'])
      // The sibling still resolves to the same image.
      expect(digestBefore).toMatch(/^sha256:/)
      expect(await registryDigest(registry.address, `${PREFIX}/app`, '1.0-alpine')).toBe(digestBefore)
    })

    it('deletes several ticked tags with one confirmation', async () => {
      const tagNames = (): Promise<string[]> => ui.page.locator('[data-testid=tag-row] > :first-child').allTextContents()
      await ui.page.getByRole('checkbox', { name: 'Select 1.0-alpine' }).check()
      await ui.page.getByRole('checkbox', { name: 'Select 2.0' }).check()
      await ui.page.getByTestId('delete-checked').click()
      const dialog = ui.page.getByTestId('delete-many-dialog')
      expect(await dialog.getByTestId('delete-list').locator('.chip').allTextContents()).toEqual(['1.0-alpine', '2.0'])
      await dialog.getByRole('button', { name: 'Delete 2 tags' }).click()
      await dialog.waitFor({ state: 'detached' })
      await expect.poll(tagNames).toEqual([])
      const res = await fetch(`http://${registry.address}/v2/${PREFIX}/app/tags/list`)
      expect(((await res.json()) as { tags: string[] | null }).tags ?? []).toEqual([])
    })
  })
})
