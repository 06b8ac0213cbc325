// "Copy to…" in Chromium (web mode): a multi-arch tag goes from one registry:2 to another with
// the same digest and every platform, and nothing is pulled into the engine. Dragging a tag onto
// a sidebar registry opens the same dialog with that registry as the target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { closeSeedConnections, seedIndex, seedImage, startRegistry, type SeededIndex, type TestRegistry } from '../support/registries'
import { registryDigest } from '../support/pushHelpers'
import { berthInChromium } from '../support/berthInChromium'

describeE2E('Copy to… (Chromium, web mode)', () => {
  describe('registry → registry', () => {
    let source: TestRegistry
    let target: TestRegistry
    let index: SeededIndex
    const docker = testDocker()
    // This test's repositories only: the shared engine may hold another test's image from an
    // earlier registry that had the same random port.
    const enginesImages = async (): Promise<string[]> =>
      (await docker.listImages()).flatMap((i) => [...(i.RepoTags ?? []), ...(i.RepoDigests ?? [])]).filter((r) => r.startsWith(`${source.address}/e2e/multi`) || r.startsWith(`${target.address}/prod/multi`))

    beforeAll(async () => {
      ;[source, target] = await Promise.all([startRegistry(), startRegistry()])
      index = await seedIndex(source.address, 'e2e/multi', '1.0')
      await seedImage(source.address, 'e2e/multi', '0.9', { layers: 1 })
    })

    afterAll(async () => {
      await Promise.all([source?.stop(), target?.stop()])
      await closeSeedConnections()
    })

    const ui = berthInChromium({ registries: () => [{ name: 'Dev registry', address: source.address }, { name: 'Prod registry', address: target.address }] })

    const openRepository = async (): Promise<void> => {
      await ui.page.getByRole('button', { name: /Dev registry/ }).first().click()
      // The registry page remembers the open repository; the breadcrumb leads back to the catalog.
      await ui.page.getByRole('button', { name: 'Dev registry' }).last().click()
      await ui.page.getByTestId('repo-row').filter({ hasText: 'e2e/multi' }).click()
      await expect.poll(() => ui.page.getByTestId('tag-name').allTextContents()).toEqual(['0.9', '1.0'])
    }

    it('copies a multi-arch tag to another registry: same digest, every platform, nothing in the engine', async () => {
      await openRepository()
      await ui.page.getByTestId('tag-row').filter({ hasText: /^1\.0/ }).click()
      await ui.page.getByTestId('copy-to').click()
      const dialog = ui.page.getByTestId('copy-dialog')
      await dialog.getByLabel('Target registry').selectOption({ label: `Prod registry (${target.address})` })
      // Checked as you type, with the rule main uses.
      await dialog.getByLabel('Target repository').fill('Prod/Multi')
      expect(await dialog.getByTestId('copy-target').textContent()).toMatch(/lowercase/)
      expect(await dialog.getByRole('button', { name: 'Copy' }).isDisabled()).toBe(true)
      await dialog.getByLabel('Target repository').fill('prod/multi')
      await dialog.getByLabel('Target tag').fill('stable')
      expect(await dialog.getByTestId('copy-target').textContent()).toBe(`Will copy to ${target.address}/prod/multi:stable`)
      await dialog.getByRole('button', { name: 'Copy' }).click()

      // Either the dialog shows why it could not start, or the copy ends; say which on failure.
      const ended = ui.page.locator('[data-testid=copy-error], [data-testid=transfer][data-kind=copy][data-state=done], [data-testid=transfer][data-kind=copy][data-state=failed]').first()
      await ended.waitFor({ timeout: 60_000 }).catch(async (e: Error) => {
        const main = ui.berth.services.transfers.list().map((t) => `${t.kind} ${t.state} ${t.bytesDone}/${t.bytesTotal} ${t.message ?? ''} ${t.error?.message ?? ''}`)
        throw new Error(`${e.message}\nPage: ${await ui.page.locator('main').innerText()}\nMain's transfers: ${main.join('; ')}`)
      })
      expect(await ui.page.getByTestId('copy-error').count(), (await ui.page.getByTestId('copy-error').allTextContents()).join()).toBe(0)
      const card = ui.page.locator('[data-testid=transfer][data-kind=copy]')
      expect(await card.getAttribute('data-state'), (await card.textContent()) ?? '').toBe('done')
      expect(await card.getByTestId('transfer-digest').textContent()).toBe(index.digest)
      expect(await card.getByTestId('transfer-source').textContent()).toBe(`from ${source.address}/e2e/multi:1.0`)
      expect(await card.getByTestId('transfer-percent').textContent()).toBe('100%') // Intl's en percent

      expect(await registryDigest(target.address, 'prod/multi', 'stable')).toBe(index.digest)
      for (const p of index.platforms) expect(await registryDigest(target.address, 'prod/multi', p.digest)).toBe(p.digest)
      expect(await enginesImages()).toEqual([])
    })

    it('dragging a tag onto a sidebar registry opens Copy to… with that registry', async () => {
      await openRepository()
      await ui.page.getByTestId('tag-row').filter({ hasText: /^0\.9/ }).dragTo(ui.page.getByTestId('registry-item').filter({ hasText: 'Prod registry' }))
      const dialog = ui.page.getByTestId('copy-dialog')
      await dialog.waitFor()
      expect(await dialog.getByLabel('Target registry').inputValue()).toBe(ui.berth.services.registries.list().find((e) => e.name === 'Prod registry')!.id)
      await dialog.getByRole('button', { name: 'Copy' }).click()
      await ui.page.locator(`[data-testid=transfer][data-kind=copy][data-state=done]`).filter({ hasText: `${target.address}/e2e/multi:0.9` }).waitFor()
      expect(await registryDigest(target.address, 'e2e/multi', '0.9')).toBe(await registryDigest(source.address, 'e2e/multi', '0.9'))
    })
  })
})
