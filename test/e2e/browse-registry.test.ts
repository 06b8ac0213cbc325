// The registry browser in Chromium (web mode) against a real registry:2: open the registry,
// filter the catalog, open a repository, see a multi-arch tag's platforms (one of them broken),
// copy the pull command, pull it with progress, delete a tag after the shared-digest warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { fillRegistry, tarGzLayer } from '../../scripts/fill-registry'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { cleanupByPrefix } from '../support/images'
import { digestOf, OCI } from '../support/ociMedia'
import { closeSeedConnections, putManifest, startRegistry, tagManifest, uploadBlob, type TestRegistry } from '../support/registries'
import { launchBrowser, openBerth, startBerth, type RunningBerth, type RunningBrowser } from '../support/web'

const PREFIX = 'berth-e2e-browse'

/** One platform image with a real gzip'ed tar layer, so the engine can pull and extract it. */
async function pushPlatformImage(address: string, repo: string, platform: { os: string; architecture: string; variant?: string }, created: string, label = ''): Promise<{ digest: string; size: number }> {
  const { gz, diffId } = await tarGzLayer({ [`hello-${platform.architecture}.txt`]: `hello from ${platform.architecture} ${label}\n`, 'etc/motd': 'berth e2e\n' })
  const config = Buffer.from(
    JSON.stringify({
      ...platform,
      created,
      config: { Entrypoint: ['/bin/hello'], Cmd: ['--greet'], Env: ['GREETING=hi'], ExposedPorts: { '8080/tcp': {} }, Labels: { 'org.opencontainers.image.title': 'multi' } },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created, created_by: 'COPY hello /' }]
    })
  )
  await uploadBlob(address, repo, gz)
  await uploadBlob(address, repo, config)
  const manifest = { schemaVersion: 2, mediaType: OCI.manifest, config: { mediaType: OCI.config, digest: digestOf(config), size: config.length }, layers: [{ mediaType: OCI.layer, digest: digestOf(gz), size: gz.length }] }
  const bytes = Buffer.from(JSON.stringify(manifest))
  await putManifest(address, repo, digestOf(bytes), manifest, OCI.manifest)
  return { digest: digestOf(bytes), size: bytes.length }
}

/** linux/amd64 + linux/arm64/v8, and linux/s390x whose manifest is deleted afterwards: one broken platform. */
async function pushMultiArch(address: string, repo: string, tag: string): Promise<void> {
  const platforms = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
    { os: 'linux', architecture: 's390x' }
  ]
  const manifests = []
  for (const [i, p] of platforms.entries()) manifests.push({ mediaType: OCI.manifest, ...(await pushPlatformImage(address, repo, p, `2025-0${i + 3}-01T10:00:00Z`)), platform: p })
  await putManifest(address, repo, tag, { schemaVersion: 2, mediaType: OCI.index, manifests }, OCI.index)
  const del = await fetch(`http://${address}/v2/${repo}/manifests/${manifests[2]!.digest}`, { method: 'DELETE' })
  if (del.status !== 202) throw new Error(`deleting the s390x manifest: HTTP ${del.status}`)
}

async function pushSingle(address: string, repo: string, tags: string[], created: string): Promise<void> {
  // Content differs per call (the first tag is in the layer): each call is its own image.
  const m = await pushPlatformImage(address, repo, { os: 'linux', architecture: 'amd64' }, created, tags[0])
  // Same manifest bytes under several tags: they share one digest.
  await tagManifest(address, repo, m.digest, tags, OCI.manifest)
}

describeE2E('registry browser (Chromium, web mode)', () => {
  describe('browse, pull, delete', () => {
    let registry: TestRegistry
    let berth: RunningBerth
    let browser: RunningBrowser
    let page: Page
    const docker = testDocker()

    beforeAll(async () => {
      registry = await startRegistry({ env: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' } })
      await fillRegistry({ address: registry.address, repositories: 150, tags: 0, prefix: 'bulk', concurrency: 16 })
      await pushMultiArch(registry.address, `${PREFIX}/multi`, '1.0')
      await pushSingle(registry.address, `${PREFIX}/app`, ['1.0', '1.0-alpine'], '2025-01-01T00:00:00Z')
      await pushSingle(registry.address, `${PREFIX}/app`, ['2.0'], '2024-06-01T00:00:00Z')
      berth = await startBerth()
      await berth.services.registries.add({ name: 'E2E registry', address: registry.address, scheme: 'http' })
      browser = await launchBrowser()
      page = browser.page
      await openBerth(page, berth.url)
    })

    afterAll(async () => {
      await browser?.close()
      await berth?.close()
      await registry?.stop()
      await closeSeedConnections()
      await cleanupByPrefix(docker, PREFIX)
    })

    it('opens the registry and filters its catalog', async () => {
      await page.getByRole('button', { name: /E2E registry/ }).first().click()
      await expect.poll(() => page.getByTestId('repo-row').count()).toBeGreaterThan(5)
      await page.getByLabel('Filter repositories').fill(PREFIX)
      // Filtering loads every page, then shows only the matches.
      await page.locator('[data-testid=catalog-count][data-done=true]').waitFor()
      await expect.poll(() => page.getByTestId('catalog-count').textContent()).toMatch(/^2 matching · 153 repositories$/)
      // Tag counts arrive lazily for the rows on screen.
      await expect.poll(() => page.getByTestId('repo-row').allTextContents()).toEqual([`${PREFIX}/app3`, `${PREFIX}/multi1`])
    })

    it('shows the platforms of a multi-arch tag', async () => {
      await page.getByTestId('repo-row').filter({ hasText: `${PREFIX}/multi` }).click()
      const row = page.getByTestId('tag-row').filter({ hasText: '1.0' })
      await expect.poll(() => row.textContent()).toContain('linux · amd64 · arm64/v8')
      await row.click()
      const details = page.getByTestId('tag-details')
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
      await page.getByTestId('copy-pull').click()
      const copied = await page.evaluate('navigator.clipboard.readText()')
      expect(copied).toBe(`docker pull ${registry.address}/${PREFIX}/multi:1.0`)
    })

    it('pulls the tag with progress into the local engine', async () => {
      await page.getByTestId('pull-button').click()
      await page.locator('[data-testid=pull-progress][data-state=done]').waitFor({ timeout: 60_000 })
      const image = await docker.getImage(`${registry.address}/${PREFIX}/multi:1.0`).inspect()
      expect(image.Architecture).toBe('amd64')
    })

    it('deletes a tag after warning about the tags sharing its digest', async () => {
      await page.getByRole('button', { name: 'E2E registry' }).last().click() // the breadcrumb
      await page.getByTestId('repo-row').filter({ hasText: `${PREFIX}/app` }).click()
      // Version order by default; by date on demand (2.0 is the oldest image here).
      const tagNames = (): Promise<string[]> => page.getByTestId('tag-name').allTextContents()
      await expect.poll(tagNames).toEqual(['1.0', '1.0-alpine', '2.0'])
      await page.getByRole('columnheader', { name: /Created/ }).click() // newest first
      await expect.poll(tagNames).toEqual(['1.0', '1.0-alpine', '2.0'])
      await page.getByRole('columnheader', { name: /Created/ }).click() // oldest first
      await expect.poll(tagNames).toEqual(['2.0', '1.0', '1.0-alpine'])
      await page.getByRole('columnheader', { name: /Tag/ }).click()
      await page.getByTestId('tag-row').filter({ hasText: /^1\.0[^-]/ }).click()
      await page.getByTestId('tag-digest').waitFor()
      await page.getByRole('button', { name: 'Delete…' }).click()
      const dialog = page.getByTestId('delete-dialog')
      await dialog.getByTestId('shared-tags').waitFor()
      expect(await dialog.getByTestId('shared-tags').textContent()).toContain('1 other tag will be deleted too')
      expect(await dialog.locator('.chip').allTextContents()).toEqual(['1.0-alpine'])
      await dialog.getByRole('button', { name: 'Delete 2 tags' }).click()
      await dialog.waitFor({ state: 'detached' })
      await expect.poll(() => page.getByTestId('tag-row').allTextContents()).toEqual([expect.stringMatching(/^2\.0/)])
      const res = await fetch(`http://${registry.address}/v2/${PREFIX}/app/tags/list`)
      expect(((await res.json()) as { tags: string[] }).tags).toEqual(['2.0'])
    })
  })
})
