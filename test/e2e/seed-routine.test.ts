// The routine every Berth user starts with, on whichever engine DOCKER_HOST names (CI runs it on
// Docker and on Podman): start the local registry with one click, drag an image onto it and see
// the push end with the registry's digest, browse the registry, and pull the tag back.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix, familiarTags } from '../support/images'
import { freePort } from '../support/http'
import { catalog, removeLocalRegistry } from '../support/localRegistry'
import { registryDigest } from '../support/pushHelpers'
import { berthInChromium } from '../support/berthInChromium'

const docker = testDocker()
const id = randomBytes(4).toString('hex')
const prefix = `berth-e2e-seed-${id}`
const names = { containerName: prefix, volumeName: `${prefix}-data`, labelValue: `e2e-seed-${id}` }
const image = `${prefix}/web:1.0`

describeE2E('the seed routine: start registry → drag to push → browse → pull', () => {
  let port: number
  let address: string
  let digest: string | null

  beforeAll(async () => {
    port = await freePort()
    address = `127.0.0.1:${port}`
    await buildImage(docker, { tag: image, layers: [{ path: '/index.html', size: 300_000 }, { path: '/app.js', size: 700_000 }] })
  })

  afterAll(async () => {
    await removeLocalRegistry(docker, names)
    await cleanupByPrefix(docker, prefix)
  })

  // Never the user's registry: unique container, volume and label, and a random port.
  const ui = berthInChromium({ prepare: async (berth) => berth.services.localRegistry.configure({ ...names, defaultPort: port }) })

  it('starts the local registry with one click; the engine may talk plain HTTP to it', async () => {
    await ui.page.getByRole('navigation', { name: 'Main' }).getByTestId('start-local-registry').click()
    await expect.poll(() => ui.page.getByTestId('local-registry-state').getAttribute('data-state'), { timeout: 60_000 }).toBe('running')
    expect(await ui.page.getByTestId('local-registry-address').textContent()).toBe(address)
    // The test engines allow 127.0.0.1 (Docker by default, Podman through registries.conf).
    expect(await ui.page.getByTestId('local-registry-http-refused').count()).toBe(0)
  })

  it('drags the image onto the registry; the push ends with the registry digest', async () => {
    await ui.page.getByRole('button', { name: 'Images', exact: true }).click()
    await ui.page.getByRole('button', { name: 'Refresh', exact: true }).click()
    await ui.page.getByLabel('Filter images').fill(prefix)
    // The familiar name on every engine (Podman reports docker.io/… in full).
    const row = ui.page.getByTestId('image-row').filter({ hasText: new RegExp(`^${prefix}/web`) })
    await expect.poll(() => row.count()).toBe(1)
    await row.dragTo(ui.page.getByTestId('local-registry-nav'))
    const dialog = ui.page.getByTestId('push-dialog')
    await expect.poll(() => dialog.getByTestId('push-target').textContent()).toBe(`Will push ${address}/${image}`)
    await dialog.getByRole('button', { name: 'Push', exact: true }).click()

    const card = ui.page.getByTestId('transfer').filter({ hasText: `${address}/${image}` })
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    digest = await registryDigest(address, `${prefix}/web`, '1.0')
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(await card.getByTestId('transfer-digest').textContent()).toBe(digest)
    expect(await card.getByTestId('transfer-percent').textContent()).toBe('100%') // Intl's en percent
    expect(await catalog(address)).toEqual([`${prefix}/web`])
  })

  it('browses the registry to the tag', async () => {
    await ui.page.locator(`[data-testid="registry-item"][data-address="${address}"]`).click()
    await ui.page.getByLabel('Filter repositories').fill(prefix)
    await expect.poll(() => ui.page.getByTestId('repo-row').allTextContents()).toEqual([expect.stringContaining(`${prefix}/web`)])
    await ui.page.getByTestId('repo-row').filter({ hasText: `${prefix}/web` }).click()
    const tag = ui.page.getByTestId('tag-row').filter({ hasText: '1.0' })
    await tag.click()
    await expect.poll(() => ui.page.getByTestId('tag-digest').textContent()).toContain(digest!)
  })

  it('pulls the tag back after the local copy is gone', async () => {
    const local = await docker.getImage(image).inspect()
    await docker.getImage(local.Id).remove({ force: true })
    await ui.page.getByTestId('pull-button').click()
    await ui.page.locator('[data-testid=pull-progress][data-state=done]').waitFor({ timeout: 60_000 })
    expect(await ui.page.getByTestId('pull-progress').textContent()).toContain(digest!.slice(0, 19))
    expect(await familiarTags(docker, `${address}/${image}`)).toContain(`${address}/${image}`)
    expect((await docker.getImage(`${address}/${image}`).inspect()).Id).toBe(local.Id)
  })
})
