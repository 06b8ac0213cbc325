// End to end in Chromium (web mode) against the real engine and registry:2 containers: add a
// registry, drag images onto it, watch the push reach 100 % with its digest, cancel a large
// push mid-way (its layers open), retry a failed one, drop a tar file. The README picture of a
// push in progress comes from scripts/screenshots.ts, not from here.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'
import { registryDigest } from '../support/pushHelpers'
import { htpasswdLine, startRegistry, type TestRegistry } from '../support/registries'
import { dropFiles } from '../support/web'
import { berthInChromium } from '../support/berthInChromium'

const prefix = `berth-e2e-push-${process.pid}`
const docker = testDocker()

describeE2E('push, pull and load in the browser', () => {
  let registry: TestRegistry
  let locked: TestRegistry

  beforeAll(async () => {
    await Promise.all([
      buildImage(docker, { tag: `${prefix}/app:1`, layers: [{ path: '/a.bin', size: 2_000_000 }, { path: '/b.bin', size: 3_000_000 }, { path: '/c.bin', size: 1_000_000 }] }),
      buildImage(docker, { tag: `${prefix}/tool:2`, layers: [{ path: '/t.bin', size: 500_000 }] })
    ])
    // Large enough that the push is still running when the test looks at it.
    await buildImage(docker, { tag: `${prefix}/big:1`, layers: [{ path: '/big-1.bin', size: 120_000_000 }, { path: '/big-2.bin', size: 120_000_000 }, { path: '/big-3.bin', size: 60_000_000 }] })
    ;[registry, locked] = await Promise.all([
      startRegistry(),
      startRegistry({
        env: { REGISTRY_AUTH: 'htpasswd', REGISTRY_AUTH_HTPASSWD_REALM: 'berth', REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd' },
        files: { '/auth/htpasswd': await htpasswdLine('alice', 'wonderland') }
      })
    ])
  })

  afterAll(async () => {
    await Promise.all([registry?.stop(), locked?.stop()])
    await cleanupByPrefix(docker, prefix)
  })

  const ui = berthInChromium()

  const registryItem = (name: string) => ui.page.getByTestId('registry-item').filter({ hasText: name })
  // The local row of a repository (not its registry-qualified tags, which start with the address).
  const imageRow = (repository: string) => ui.page.getByTestId('image-row').filter({ hasText: new RegExp(`^${repository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
  const transfer = (reference: string) => ui.page.getByTestId('transfer').filter({ hasText: reference })
  const showImages = async (filter: string): Promise<void> => {
    await ui.page.getByRole('button', { name: 'Images', exact: true }).click()
    await ui.page.getByLabel('Filter images').fill(filter)
  }

  it('adds a registry in the sidebar and shows that it answers', async () => {
    await ui.page.getByRole('button', { name: 'Add a registry' }).click()
    const dialog = ui.page.getByTestId('registry-dialog')
    await dialog.getByLabel('Address').fill(`http://${registry.address}`)
    await dialog.getByLabel('Display name').fill('E2E registry')
    await dialog.getByRole('button', { name: 'Add' }).click()
    await expect.poll(() => registryItem('E2E registry').getAttribute('data-health')).toBe('reachable')
    expect(await registryItem('E2E registry').getAttribute('data-address')).toBe(registry.address)
    // Saved in the data directory: a restart keeps it.
    expect(ui.berth.services.registries.list().find((e) => e.name === 'E2E registry')?.scheme).toBe('http')

    await ui.berth.services.registries.add({ name: 'Locked registry', address: locked.address, scheme: 'http' })
    await expect.poll(() => registryItem('Locked registry').getAttribute('data-health')).toBe('auth-required')
  })

  it('drags an image onto the registry, confirms the target, and the bar reaches 100 % with the digest', async () => {
    await showImages(`${prefix}/app`)
    await imageRow(`${prefix}/app`).dragTo(registryItem('E2E registry'))
    const dialog = ui.page.getByTestId('push-dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const repository = dialog.getByLabel('Repository')
    expect(await repository.inputValue()).toBe(`${prefix}/app`)
    expect(await dialog.getByLabel('Tag').inputValue()).toBe('1')
    // Validated live with the shared parser.
    await dialog.getByLabel('Tag').fill('no spaces')
    await expect.poll(() => dialog.getByTestId('push-target').textContent()).toMatch(/tag/i)
    expect(await dialog.getByRole('button', { name: 'Push', exact: true }).isDisabled()).toBe(true)
    await dialog.getByLabel('Tag').fill('1')
    await expect.poll(() => dialog.getByTestId('push-target').textContent()).toBe(`Will push ${registry.address}/${prefix}/app:1`)
    await expect.poll(() => dialog.getByTestId('push-credentials').textContent()).toMatch(/without signing in/)
    await dialog.getByRole('button', { name: 'Push', exact: true }).click()

    const card = transfer(`${registry.address}/${prefix}/app:1`)
    await expect.poll(() => card.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe('100')
    await expect.poll(() => card.getByTestId('transfer-state').textContent()).toBe('Done')
    const digest = await registryDigest(registry.address, `${prefix}/app`, '1')
    expect(await card.getByTestId('transfer-digest').textContent()).toBe(digest)
    await card.getByRole('button', { name: /Layers \(3\)/ }).click()
    expect(await card.getByTestId('layer-row').count()).toBe(3)
    expect(await card.getByTestId('transfer-bytes').textContent()).toMatch(/6(\.0)? MB \/ 6(\.0)? MB/)
  })

  it('pushes several selected rows at once, and offers "Push to…" from the context menu', async () => {
    await showImages(prefix)
    await imageRow(`${prefix}/tool`).click()
    await imageRow(`${prefix}/app`).click({ modifiers: ['Control'] })
    await expect.poll(() => ui.page.getByTestId('multi-selection').textContent()).toMatch(/^2 selected/)

    // Right-click gives the keyboard-friendly menu with the same selection.
    await imageRow(`${prefix}/tool`).click({ button: 'right' })
    const menu = ui.page.getByTestId('push-menu')
    expect(await menu.textContent()).toContain('2 images')
    await menu.getByRole('menuitem', { name: 'Push to E2E registry' }).click()
    const dialog = ui.page.getByTestId('push-dialog')
    await expect.poll(() => dialog.getByTestId('push-row').count()).toBe(2)
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await imageRow(`${prefix}/tool`).dragTo(registryItem('E2E registry'))
    await expect.poll(() => dialog.getByTestId('push-row').count()).toBe(2)
    const repos = dialog.getByLabel('Repository')
    const tags = dialog.getByLabel('Tag')
    await repos.nth(0).fill(`${prefix}/multi-a`)
    await tags.nth(0).fill('m1')
    await repos.nth(1).fill(`${prefix}/multi-b`)
    await tags.nth(1).fill('m2')
    await dialog.getByRole('button', { name: 'Push 2 images' }).click()
    for (const ref of [`${prefix}/multi-a:m1`, `${prefix}/multi-b:m2`]) {
      await expect.poll(() => ui.page.getByTestId('transfer').filter({ hasText: ref }).getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    }
    expect(await registryDigest(registry.address, `${prefix}/multi-a`, 'm1')).toMatch(/^sha256:/)
    expect(await registryDigest(registry.address, `${prefix}/multi-b`, 'm2')).toMatch(/^sha256:/)
  })

  it('cancels a large push mid-way (with its layers open) and leaves the image alone', async () => {
    const before = (await docker.getImage(`${prefix}/big:1`).inspect()).Id
    await showImages(`${prefix}/big`)
    await imageRow(`${prefix}/big`).dragTo(registryItem('E2E registry'))
    await ui.page.getByTestId('push-dialog').getByRole('button', { name: 'Push', exact: true }).click()
    const card = transfer(`${registry.address}/${prefix}/big:1`)
    await expect.poll(async () => Number(await card.getByRole('progressbar').getAttribute('aria-valuenow')), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0)
    await card.getByRole('button', { name: /Layers/ }).click()
    await expect.poll(() => card.getByTestId('layer-row').count()).toBeGreaterThan(0)
    const pct = Number(await card.getByRole('progressbar').getAttribute('aria-valuenow'))
    expect(pct).toBeLessThan(100)
    expect(await ui.page.getByTestId('transfers-running').textContent()).toBe('1')
    await card.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => card.getAttribute('data-state')).toBe('cancelled')
    await ui.page.getByTestId('transfers-running').waitFor({ state: 'detached' })
    expect((await docker.getImage(`${prefix}/big:1`).inspect()).Id).toBe(before)
    expect(await registryDigest(registry.address, `${prefix}/big`, '1')).toBeNull()
  })

  it('retries a failed push: decoded error, Retry, then credentials and retry', async () => {
    await showImages(`${prefix}/tool`)
    await imageRow(`${prefix}/tool`).dragTo(registryItem('Locked registry'))
    const dialog = ui.page.getByTestId('push-dialog')
    await expect.poll(() => dialog.getByTestId('push-target').textContent()).toBe(`Will push ${locked.address}/${prefix}/tool:2`)
    await dialog.getByRole('button', { name: 'Push', exact: true }).click()
    const card = transfer(`${locked.address}/${prefix}/tool:2`)
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('failed')
    expect(await card.getByTestId('transfer-error').getAttribute('data-code')).toBe('AUTH_REQUIRED')
    expect(await card.getByTestId('transfer-error').textContent()).toMatch(/sign in/i)

    // Plain retry: fails the same way, under the same card.
    const firstRun = await card.getAttribute('data-started')
    await card.getByRole('button', { name: 'Retry', exact: true }).click()
    await expect.poll(() => card.getAttribute('data-started')).not.toBe(firstRun)
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('failed')
    expect(await ui.page.getByTestId('transfer').filter({ hasText: `${locked.address}/${prefix}/tool:2` }).count()).toBe(1)

    await card.getByRole('button', { name: 'Enter credentials and retry…' }).click()
    const creds = ui.page.getByTestId('credentials-dialog')
    expect(await creds.getByTestId('credential-storage').textContent()).toMatch(/unencrypted|0600/)
    await creds.getByLabel('User name').fill('alice')
    await creds.getByLabel('Password or access token').fill('wonderland')
    await creds.getByRole('button', { name: 'Save and retry' }).click()
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    expect(await card.getByTestId('transfer-digest').textContent()).toBe(await registryDigest(locked.address, `${prefix}/tool`, '2', { username: 'alice', password: 'wonderland' }))
    await expect.poll(() => registryItem('Locked registry').getAttribute('data-health')).toBe('reachable')
  })

  it('loads a docker save tar dropped onto the window (when asked to) and offers to push what it held', async () => {
    const tag = `${prefix}/tool:2`
    const tar = await streamToBuffer((await docker.getImage(tag).get()) as NodeJS.ReadableStream)
    await docker.getImage(tag).remove({ force: true })
    await ui.page.getByRole('button', { name: 'Images', exact: true }).click()
    await dropFiles(ui.page, [{ name: 'tool.tar', bytes: tar }], () => expect.poll(() => ui.page.getByTestId('file-drop-overlay').isVisible()).toBe(true))
    // Load into the engine, or push to a registry: this one goes to the engine.
    await ui.page.getByTestId('archive-drop-dialog').getByRole('button', { name: 'Load into the engine' }).click()

    const card = ui.page.getByTestId('transfer').filter({ hasText: 'tool.tar' })
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    expect(await card.getByTestId('loaded-images').textContent()).toContain(tag)
    await docker.getImage(tag).inspect()
    await card.getByRole('button', { name: 'Push it to…' }).click()
    const dialog = ui.page.getByTestId('push-dialog')
    await expect.poll(() => dialog.getByLabel('Repository').inputValue()).toBe(`${prefix}/tool`)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  })

  it('pulls by reference from the transfers page and keeps transfers across page switches', async () => {
    await ui.page.getByRole('button', { name: 'Transfers', exact: true }).click()
    await ui.page.getByLabel('Image to pull').fill(`${registry.address}/${prefix}/App:1`)
    await expect.poll(() => ui.page.getByTestId('pull-feedback').textContent()).toMatch(/\S/)
    expect(await ui.page.getByRole('button', { name: 'Pull', exact: true }).isDisabled()).toBe(true)
    await ui.page.getByLabel('Image to pull').fill(`${registry.address}/${prefix}/multi-b:m2`)
    await ui.page.getByRole('button', { name: 'Pull', exact: true }).click()
    const card = ui.page.getByTestId('transfer').filter({ hasText: `${registry.address}/${prefix}/multi-b:m2` }).filter({ has: ui.page.locator('.kind-pull') })
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    await ui.page.getByRole('button', { name: 'Images', exact: true }).click()
    await ui.page.getByRole('button', { name: 'Transfers', exact: true }).click()
    expect(await ui.page.getByTestId('transfer').count()).toBeGreaterThanOrEqual(6)
  })
})

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c)
  return Buffer.concat(chunks)
}
