// Air gap in Chromium (web mode): Export… on a multi-arch tag downloads an OCI archive (streamed
// by the server into the browser's download, nothing kept on the server) that skopeo reads with
// the same digest; dropping that file on the window and choosing a registry pushes it there
// without the engine, with the same digest and every platform. axe checks the drop dialog in both
// themes, and the dialog speaks Chinese to a zh-CN browser.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { rawDigest } from '../support/archiveHelpers'
import { axeFindings, report } from '../support/axe'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { closeSeedConnections, seedIndex, startRegistry, type SeededIndex, type TestRegistry } from '../support/registries'
import { registryDigest } from '../support/pushHelpers'
import { dropFiles, launchBrowser, openBerth, startBerth, type RunningBerth, type RunningBrowser } from '../support/web'

describeE2E('Export and import an archive (Chromium, web mode)', () => {
  let source: TestRegistry
  let target: TestRegistry
  let berth: RunningBerth
  let browser: RunningBrowser
  let page: Page
  let index: SeededIndex
  let dir: string
  const file = (): string => join(dir, 'air.tar')

  beforeAll(async () => {
    ;[source, target] = await Promise.all([startRegistry(), startRegistry()])
    index = await seedIndex(source.address, 'e2e/air', '1.0')
    dir = mkdtempSync(join(tmpdir(), 'berth-e2e-archive-'))
    berth = await startBerth()
    await berth.services.registries.add({ name: 'Connected registry', address: source.address, scheme: 'http' })
    await berth.services.registries.add({ name: 'Air-gapped registry', address: target.address, scheme: 'http' })
    browser = await launchBrowser()
    page = browser.page
    await openBerth(page, berth.url)
  })

  afterAll(async () => {
    await browser?.close()
    await berth?.close()
    await Promise.all([source?.stop(), target?.stop()])
    await closeSeedConnections()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('exports a multi-arch tag as a download that skopeo reads with the same digest', async () => {
    await page.getByRole('button', { name: /Connected registry/ }).first().click()
    await page.getByTestId('repo-row').filter({ hasText: 'e2e/air' }).click()
    await page.getByTestId('tag-row').filter({ hasText: /^1\.0/ }).click()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-tag').click()])
    expect(download.suggestedFilename()).toBe('e2e_air-1.0.oci.tar')
    await download.saveAs(file())
    expect(await download.failure()).toBeNull()

    const card = page.locator('[data-testid=transfer][data-kind=export]')
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    expect(await card.getByTestId('transfer-digest').textContent()).toBe(index.digest)
    expect(await card.getByTestId('transfer-source').textContent()).toBe(`from ${source.address}/e2e/air:1.0`)
    expect(await rawDigest(`oci-archive:${file()}:e2e/air:1.0`)).toBe(index.digest)
  })

  it('imports the dropped archive into another registry: same digest, every platform, nothing in the engine', async () => {
    // Compared with what the engine held before: an earlier run may have left an image whose
    // registry port happens to be one of ours, and that is not something this import pulled.
    const before = new Set(await engineRefs())
    await dropFiles(page, [{ name: 'air.tar', bytes: readFileSync(file()) }])
    const dialog = page.getByTestId('archive-drop-dialog')
    const findings = await axeFindings(page)
    expect(findings, `archive drop dialog (dark theme):\n${report(findings)}`).toEqual([])
    await dialog.getByLabel('Registry to import into').selectOption({ label: `Air-gapped registry (${target.address})` })
    await dialog.getByRole('button', { name: 'Push to registry' }).click()

    const card = page.locator('[data-testid=transfer][data-kind=import]')
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    expect(await card.getByTestId('transfer-digest').textContent()).toBe(index.digest)
    expect(await card.getByTestId('transfer-source').textContent()).toBe('from air.tar')
    expect(await registryDigest(target.address, 'e2e/air', '1.0')).toBe(index.digest)
    for (const p of index.platforms) expect(await registryDigest(target.address, 'e2e/air', p.digest)).toBe(p.digest)
    const added = (await engineRefs()).filter((r) => !before.has(r))
    expect(added.filter((r) => r.startsWith(target.address) || r.startsWith(source.address))).toEqual([])
  })

  it('asks in Chinese in a zh-CN browser, and the dialog passes axe in the light theme', async () => {
    const zh = await launchBrowser({ locale: 'zh-CN', colorScheme: 'light' })
    try {
      await openBerth(zh.page, berth.url)
      await dropFiles(zh.page, [{ name: 'air.tar', bytes: readFileSync(file()) }])
      const dialog = zh.page.getByTestId('archive-drop-dialog')
      await expect.poll(() => dialog.getByRole('heading').first().textContent()).toBe('如何处理 air.tar？')
      expect(await dialog.getByRole('button', { name: '推送到镜像仓库' }).isVisible()).toBe(true)
      expect(await dialog.getByRole('button', { name: '导入到引擎' }).isVisible()).toBe(true)
      const findings = await axeFindings(zh.page)
      expect(findings, `archive drop dialog (light theme, zh-CN):\n${report(findings)}`).toEqual([])
      await dialog.getByRole('button', { name: '取消', exact: true }).click()
      await expect.poll(() => dialog.count()).toBe(0)
    } finally {
      await zh.close()
    }
  })
})

async function engineRefs(): Promise<string[]> {
  return (await testDocker().listImages()).flatMap((i) => [...(i.RepoTags ?? []), ...(i.RepoDigests ?? [])])
}
