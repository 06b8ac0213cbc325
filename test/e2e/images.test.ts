import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { engineDisplayName, testDocker } from '../support/engine'
import { startEngineProxy, type EngineProxy } from '../support/engineProxy'
import { buildImage, cleanupByPrefix, familiarTags } from '../support/images'
import { berthInChromium } from '../support/berthInChromium'

const prefix = `berth-e2e-img-${process.pid}`
const docker = testDocker()

describeE2E('local images in the browser', () => {
  let proxy: EngineProxy
  let imageId: string

  beforeAll(async () => {
    imageId = await buildImage(docker, { tag: `${prefix}/shop:1.0`, layers: [{ path: '/app', size: 120_000 }], labels: { team: 'e2e' }, cmd: ['/app'] })
    await buildImage(docker, { tag: `${prefix}/other:3.1`, layers: [{ path: '/o', size: 1000 }] })
    await docker.getImage(imageId).tag({ repo: `${prefix}/shop`, tag: 'extra' })
    // Berth reaches the engine through a proxy the test can cut, to show the engine-down screen.
    proxy = await startEngineProxy()
  })

  afterAll(async () => {
    await proxy?.close()
    await cleanupByPrefix(docker, prefix)
  })

  const ui = berthInChromium({ start: () => ({ endpoints: [proxy.endpoint] }) })

  it('shows the engine and the image list, and filters it', async () => {
    const { page } = ui
    await expect.poll(() => page.getByTestId('engine-badge').textContent()).toMatch(new RegExp(`${await engineDisplayName()} .* linux/amd64`))
    await page.getByLabel('Filter images').fill(prefix)
    await expect.poll(() => page.getByTestId('image-row').count()).toBe(3)
    await page.getByLabel('Filter images').fill(`${prefix}/other`)
    await expect.poll(() => page.getByTestId('image-row').count()).toBe(1)
    await expect.poll(() => page.getByTestId('image-count').textContent()).toMatch(/^1 of \d+/)
  })

  it('opens the details of an image', async () => {
    const { page } = ui
    await page.getByLabel('Filter images').fill(`${prefix}/shop`)
    await page.getByTestId('image-row').filter({ hasText: '1.0' }).click()
    const details = page.getByTestId('image-details')
    await expect.poll(() => details.textContent()).toContain(imageId)
    expect(await details.textContent()).toContain('team=e2e')
    expect(await page.getByTestId('detail-tags').textContent()).toContain(`${prefix}/shop:extra`)
    expect(await page.getByTestId('detail-layers').textContent()).toMatch(/COPY/)
  })

  it('rejects an invalid name with a clear message and changes nothing, then tags', async () => {
    const { page } = ui
    const before = await familiarTags(docker, imageId)
    await page.getByRole('button', { name: 'Tag…' }).click()
    const dialog = page.getByTestId('tag-dialog')
    const input = dialog.getByLabel('New name')
    await input.fill(`localhost:5000/${prefix}/Shop:v1`)
    expect(await dialog.getByTestId('tag-feedback').textContent()).toMatch(/must be lowercase/)
    expect(await dialog.getByRole('button', { name: 'Tag', exact: true }).isDisabled()).toBe(true)
    await input.press('Enter')
    expect(await familiarTags(docker, imageId)).toEqual(before)

    await input.fill(`localhost:5000/${prefix}/shop`)
    expect(await dialog.getByTestId('tag-feedback').textContent()).toContain(`localhost:5000/${prefix}/shop:latest`)
    await dialog.getByRole('button', { name: 'Tag', exact: true }).click()
    await expect.poll(() => familiarTags(docker, imageId)).toContain(`localhost:5000/${prefix}/shop:latest`)
    await expect.poll(() => page.getByTestId('detail-tags').textContent()).toContain(`localhost:5000/${prefix}/shop:latest`)
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Tagged as/)
  })

  it('removes one tag and keeps the image', async () => {
    const { page } = ui
    await page.getByRole('button', { name: `Remove tag ${prefix}/shop:extra` }).click()
    await expect.poll(() => familiarTags(docker, imageId)).not.toContain(`${prefix}/shop:extra`)
    expect(await familiarTags(docker, imageId)).toContain(`${prefix}/shop:1.0`)
    await expect.poll(() => page.getByTestId('detail-tags').textContent()).not.toContain(`${prefix}/shop:extra`)
  })

  it('shows the engine-down screen when the engine stops and the list again when it returns', async () => {
    const { page } = ui
    await proxy.down()
    await page.getByTestId('engine-down').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('engine-down').textContent()).toContain(proxy.endpoint.label)
    expect(await page.getByRole('button', { name: 'Retry now' }).isVisible()).toBe(true)
    await proxy.up()
    await page.getByTestId('engine-down').waitFor({ state: 'detached', timeout: 15_000 })
    await page.getByLabel('Filter images').fill(prefix)
    await expect.poll(() => page.getByTestId('image-row').count()).toBeGreaterThan(0)
  })
})
