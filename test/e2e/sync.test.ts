// Sync sets in Chromium (web mode): create a set, Plan shows what is new with its size, Run
// copies it, and a second Run copies nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { registryDigest } from '../support/pushHelpers'
import { pushIndex } from '../support/pullableImages'
import { closeSeedConnections, seedImage, startRegistry, type TestRegistry } from '../support/registries'
import { berthInChromium } from '../support/berthInChromium'

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

  describe('a typed Docker Hub mirror with a platform filter', () => {
    let mirror: TestRegistry
    let lan: TestRegistry
    let index: Awaited<ReturnType<typeof pushIndex>>

    beforeAll(async () => {
      ;[mirror, lan] = await Promise.all([startRegistry(), startRegistry()])
      index = await pushIndex(mirror.address, 'library/multi', ['1.27.0'], '2024-05-01T12:00:00Z')
    })

    afterAll(async () => {
      await Promise.all([mirror?.stop(), lan?.stop()])
      await closeSeedConnections()
    })

    // Only the target is in the sidebar: the mirror is typed in the set.
    const ui = berthInChromium({ registries: () => [{ name: 'LAN registry', address: lan.address }] })

    it('saves nginx-style names as library/…, copies only linux/amd64 and re-plans as up to date', async () => {
      const page = ui.page
      await page.getByRole('button', { name: 'Sync sets', exact: true }).click()
      await page.getByRole('button', { name: 'New sync set' }).click()
      const editor = page.getByTestId('sync-editor')
      await editor.getByLabel('Set name').fill('Hub mirror, amd64')
      await editor.getByLabel('Source is a Docker Hub mirror').check()
      await editor.getByLabel('Mirror address').fill(`http://${mirror.address}`)
      await editor.getByLabel('Target registry').selectOption({ label: `LAN registry (${lan.address})` })
      await editor.getByLabel('Repositories').fill('multi:1.27*')
      await editor.getByLabel('Platforms').fill('linux')
      await expect.poll(() => editor.getByTestId('sync-editor-check').textContent()).toMatch(/os\/architecture/)
      await editor.getByLabel('Platforms').fill('linux/amd64')
      await editor.getByRole('button', { name: 'Save' }).click()
      await editor.waitFor({ state: 'detached' })

      const set = page.getByTestId('sync-set')
      expect(await set.textContent()).toContain(`http://${mirror.address} (mirror)`)
      expect(await set.textContent()).toContain('library/multi:1.27*')
      expect(await set.getByTestId('sync-platforms').textContent()).toContain('linux/amd64')
      await set.getByRole('button', { name: 'Plan' }).click()
      await expect.poll(() => page.getByTestId('sync-plan-summary').textContent()).toMatch(/^1 to copy, /)

      await set.getByRole('button', { name: 'Run' }).click()
      const card = page.locator('[data-testid=transfer][data-kind=copy]').first()
      await page.locator('[data-testid=transfer][data-kind=copy]:is([data-state=done],[data-state=failed])').first().waitFor()
      expect(await card.getAttribute('data-state'), (await card.textContent()) ?? '').toBe('done')
      const res = await fetch(`http://${lan.address}/v2/library/multi/manifests/1.27.0`, { headers: { accept: 'application/vnd.oci.image.index.v1+json' } })
      const copied = (await res.json()) as { manifests: { digest: string }[] }
      const amd = index.platforms.find((p) => p.platform.architecture === 'amd64')!
      expect(copied.manifests.map((m) => m.digest)).toEqual([amd.digest])
      expect(res.headers.get('docker-content-digest')).not.toBe(index.digest)

      await page.getByRole('button', { name: 'Sync sets', exact: true }).click()
      await page.getByTestId('sync-set').getByRole('button', { name: 'Plan' }).click()
      await expect.poll(() => page.getByTestId('sync-plan-summary').textContent()).toBe('Nothing new or changed. 1 up to date.')
    })
  })
})
