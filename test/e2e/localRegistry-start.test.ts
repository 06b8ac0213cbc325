// One click from nothing to a running local registry in the sidebar, then stop and start; and
// the web mode's tar upload when the image is missing and Docker Hub is out of reach.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MANAGED_LABEL } from '../../src/main/localRegistry'
import { describeE2E } from '../support/describeEngine'
import { testDocker } from '../support/engine'
import { buildImage } from '../support/images'
import { hostNetworkSettled } from '../support/hostNetwork'
import { berthInChromium } from '../support/berthInChromium'
import { freePort } from '../support/http'
import { catalog, push } from '../support/localRegistry'
import { enginePull } from '../support/expectations'

const docker = testDocker()
const id = randomBytes(4).toString('hex')
const prefix = `berth-e2e-lr-${id}`
const names = { containerName: prefix, volumeName: `${prefix}-data`, labelValue: `e2e-${id}` }

async function cleanup(): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${names.labelValue}`] } }).catch(() => [])
  for (const c of list) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)
  await docker.getVolume(names.volumeName).remove().catch(() => undefined)
}

describeE2E('local registry in the browser (web mode)', () => {
  let port: number

  beforeAll(async () => {
    port = await freePort()
  })

  afterAll(async () => {
    await cleanup()
    // By ID: the push added a 127.0.0.1:<port>/… tag, and removing one name would leave that one behind.
    for (const name of [`${prefix}-img:1`, `${prefix}-web:1`]) {
      const image = await docker.getImage(name).inspect().catch(() => undefined)
      if (image) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined)
    }
    await docker.getImage(`${prefix}/registry:2`).remove({ noprune: true }).catch(() => undefined)
  })

  // Never the user's registry: unique container, volume and label, and a random port.
  const ui = berthInChromium({ prepare: async (berth) => berth.services.localRegistry.configure({ ...names, defaultPort: port }) })

  it('one click from nothing to a running registry shown in the sidebar', async () => {
    const { page } = ui
    const sidebar = page.getByRole('navigation', { name: 'Main' })
    await sidebar.getByTestId('start-local-registry').click()

    await expect.poll(() => page.getByTestId('local-registry-state').getAttribute('data-state'), { timeout: 60_000 }).toBe('running')
    const address = `127.0.0.1:${port}`
    expect(await page.getByTestId('local-registry-address').textContent()).toBe(address)
    // In the sidebar, with its address; and in the registries list as Berth's managed registry.
    await expect.poll(() => sidebar.getByTestId('local-registry-nav').textContent()).toContain(address)
    expect(await sidebar.getByTestId('start-local-registry').count()).toBe(0)
    // Listed once it answers /v2/, which can be a status read after 'running' shows.
    await expect.poll(() => ui.berth.services.registries.list()).toContainEqual(expect.objectContaining({ address, scheme: 'http', managed: 'local' }))
    await expect.poll(() => sidebar.locator(`[data-testid="registry-item"][data-address="${address}"]`).count()).toBe(1)
    expect(await catalog(address)).toEqual([])
    // The status card fills in: logs, repositories, uptime.
    // The card shows a tail of the log: the start line may already have scrolled out under health checks.
    await expect.poll(() => page.getByTestId('local-registry-logs').textContent()).toMatch(/listening on|response completed/)
    expect(await page.getByTestId('local-registry-repositories').textContent()).toBe('0')
    // Basic auth's user name, by the rule main checks it with: said as you type, nothing is sent.
    const auth = page.getByRole('region', { name: 'Basic auth' })
    await auth.getByLabel('User name').fill('bad user')
    await expect.poll(() => auth.getByTestId('auth-user-problem').textContent()).toBe('The user name cannot contain ":" or spaces')
    await auth.getByLabel('Password').fill('secret')
    expect(await auth.getByRole('button', { name: 'Turn on basic auth' }).isDisabled()).toBe(true)
    await auth.getByLabel('User name').fill('')
    expect(await auth.getByTestId('auth-user-problem').count()).toBe(0)
    await auth.getByLabel('Password').fill('')
  })

  it('stops and starts from the status card', async () => {
    const { page } = ui
    const sidebar = page.getByRole('navigation', { name: 'Main' })
    // The registry just started: its network interface is still getting its address, and a
    // click that changes state is not retried if the page's connection fails at that moment.
    await hostNetworkSettled()
    await page.getByRole('button', { name: 'Stop', exact: true }).click()
    await expect.poll(() => page.getByTestId('local-registry-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('stopped')
    await expect.poll(() => sidebar.getByTestId('local-registry-nav').textContent()).toContain('Stopped')
    await expect(catalog(`127.0.0.1:${port}`)).rejects.toThrow()

    await page.getByRole('button', { name: 'Start', exact: true }).click()
    await expect.poll(() => page.getByTestId('local-registry-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('running')
    expect(await catalog(`127.0.0.1:${port}`)).toEqual([])
    const list = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${names.labelValue}`] } })
    expect(list).toHaveLength(1)
  })

  it('shows repositories after a push (screenshot for the docs when BERTH_SCREENSHOTS=1)', async () => {
    const { page } = ui
    const image = await buildImage(docker, { tag: `${prefix}-img:1`, layers: [{ path: '/app', size: 200_000 }] })
    // An image of its own: deleting team/web:1.0 later leaves layers that only it used.
    const web = await buildImage(docker, { tag: `${prefix}-web:1`, layers: [{ path: '/web', size: 300_000 }] })
    await push(docker, web, `127.0.0.1:${port}`, 'team/web', '1.0')
    await push(docker, image, `127.0.0.1:${port}`, 'team/api', '2.3')
    await expect.poll(() => page.getByTestId('local-registry-repositories').textContent(), { timeout: 15_000 }).toBe('2')
    if (process.env.BERTH_SCREENSHOTS === '1') {
      const docs = resolve(__dirname, '../../docs')
      mkdirSync(docs, { recursive: true })
      // Disk usage is refreshed in the background (the engine walks the volume): let it catch up.
      await expect.poll(() => page.getByTestId('local-registry-disk').textContent(), { timeout: 170_000, interval: 1000 }).toMatch(/^[1-9][\d.]* (kB|MB)/)
      for (const dismiss of await page.locator('.toasts').getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click()
      await page.screenshot({ path: join(docs, 'local-registry.png') })
    }
  })

  it('the quick start: drag an image onto the local registry in the sidebar and it is pushed', async () => {
    const { page } = ui
    await page.getByRole('button', { name: 'Images', exact: true }).click()
    // Built outside Berth: the list learns of it on refresh.
    await page.getByRole('button', { name: 'Refresh', exact: true }).click()
    await page.getByLabel('Filter images').fill(`${prefix}-img`)
    const row = page.getByTestId('image-row').filter({ hasText: `${prefix}-img` })
    await expect.poll(() => row.count()).toBe(1)
    await row.dragTo(page.getByTestId('local-registry-nav'))
    const dialog = page.getByTestId('push-dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await expect.poll(() => dialog.getByTestId('push-target').textContent()).toBe(`Will push 127.0.0.1:${port}/${prefix}-img:1`)
    await dialog.getByRole('button', { name: 'Push', exact: true }).click()
    await expect.poll(() => catalog(`127.0.0.1:${port}`), { timeout: 60_000 }).toContain(`${prefix}-img`)
    await page.getByTestId('local-registry-nav').click()
    await expect.poll(() => page.getByTestId('local-registry-repositories').textContent(), { timeout: 15_000 }).toBe('3')
  })

  it('deleting a tag from Berth\'s own registry offers garbage collection, which runs and says what it freed', async () => {
    const { page } = ui
    const address = `127.0.0.1:${port}`
    const sidebar = page.getByRole('navigation', { name: 'Main' })
    await sidebar.locator(`[data-testid="registry-item"][data-address="${address}"]`).click()
    await page.getByTestId('repo-row').filter({ hasText: 'team/web' }).click()
    await page.getByTestId('tag-row').filter({ hasText: '1.0' }).click()
    await page.getByTestId('tag-digest').waitFor()
    await page.getByRole('button', { name: 'Delete…' }).click()
    const dialog = page.getByTestId('delete-dialog')
    await dialog.getByRole('button', { name: 'Delete tag', exact: true }).click()
    const gc = page.getByTestId('gc-dialog')
    await gc.waitFor({ timeout: 30_000 })
    // The dry run first: what collecting would free, before anything stops.
    await gc.getByRole('button', { name: 'Collect garbage…' }).click()
    await expect.poll(() => gc.getByTestId('gc-preview').textContent(), { timeout: 60_000 }).toMatch(/^Collecting would free about [\d.]+ [kM]B \(\d+ blobs?\)/)
    await gc.getByRole('button', { name: 'Collect now' }).click()
    // The toast is the end of the collection; then the dialog goes.
    await expect.poll(() => page.getByRole('status').allTextContents(), { timeout: 170_000 }).toContainEqual(expect.stringMatching(/Garbage collection freed/))
    await gc.waitFor({ state: 'detached' })
    const res = await fetch(`http://${address}/v2/team/web/tags/list`)
    expect(((await res.json()) as { tags: string[] | null }).tags ?? []).toEqual([])
    // The registry is back up after collecting.
    await expect.poll(() => catalog(address), { timeout: 30_000 }).toContain('team/api')
  }, 600_000)

  it('removes the repository left empty, after listing it; the others stay listed and pullable', async () => {
    const { page } = ui
    const address = `127.0.0.1:${port}`
    const sidebar = page.getByRole('navigation', { name: 'Main' })
    await sidebar.locator(`[data-testid="registry-item"][data-address="${address}"]`).click()
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button').first().click() // back to the catalog
    await expect.poll(() => page.getByTestId('repo-row').count()).toBe(3)
    // Berth's own registry: a Remove button instead of the Hide toggle other registries get.
    expect(await page.getByTestId('hide-empty').count()).toBe(0)
    await page.getByTestId('remove-empty').click()
    const dialog = page.getByTestId('empty-repos-dialog')
    await dialog.getByTestId('empty-repos-list').waitFor({ timeout: 60_000 })
    expect(await dialog.getByTestId('empty-repos-list').locator('.chip').allTextContents()).toEqual(['team/web'])
    expect(await catalog(address)).toContain('team/web')
    await dialog.getByTestId('empty-repos-remove').click()
    await dialog.getByTestId('empty-repos-result').waitFor({ timeout: 120_000 })
    expect(await dialog.getByTestId('empty-repos-result').textContent()).toMatch(/^Removed 1 empty repository\./)
    await dialog.getByRole('button', { name: 'Close' }).click()
    expect((await catalog(address)).sort()).toEqual([`${prefix}-img`, 'team/api'].sort())
    // The catalog page lists it again without the removed one.
    await expect.poll(() => page.locator('[data-testid=repo-row] > :first-child').allTextContents()).toEqual(expect.not.arrayContaining(['team/web']))
    await expect.poll(() => page.getByTestId('repo-row').count()).toBe(2)
    await enginePull(docker, `${address}/team/api:2.3`)
    await docker.getImage(`${address}/team/api:2.3`).remove({ noprune: true }).catch(() => undefined)
  })

  it('shows where the space of Berth\'s registry goes: per repository, and on disk with what GC would free', async () => {
    const { page } = ui
    await page.getByRole('button', { name: 'Space…' }).click()
    const dialog = page.getByTestId('space-dialog')
    await dialog.getByTestId('space-table').waitFor({ timeout: 60_000 })
    expect(await dialog.getByTestId('space-total').textContent()).toMatch(/stored in 2 repositories/)
    // A dry run over the volume: nothing deleted.
    await expect.poll(() => dialog.getByTestId('space-disk').textContent(), { timeout: 120_000 }).toMatch(/Garbage collection would free (nothing now|about [\d.]+ [kMG]?B now)/)
    expect((await catalog(`127.0.0.1:${port}`)).sort()).toEqual([`${prefix}-img`, 'team/api'].sort())
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'detached' })
  })

  it('image missing and Hub unreachable: the page explains it, and uploading a tar gets it running', async () => {
    const { page } = ui
    await page.getByTestId('local-registry-nav').click()
    await page.getByRole('button', { name: 'Remove container (keep data)' }).click()
    await page.getByRole('button', { name: 'Remove container', exact: true }).click()
    await expect.poll(() => page.getByTestId('start-local-registry-page').count(), { timeout: 30_000 }).toBe(1)

    // A registry image name this engine does not have.
    const missing = `${prefix}/registry:2`
    ui.berth.services.localRegistry.configure({ image: missing })
    await page.getByTestId('start-local-registry-page').click()
    const problem = page.getByTestId('local-registry-problem')
    await expect.poll(() => problem.getAttribute('data-code'), { timeout: 60_000 }).toBe('HUB_UNREACHABLE')
    expect(await problem.textContent()).toMatch(/Docker Hub/)
    expect(await problem.getByLabel('Mirror address').count()).toBe(1)

    // The tar: the local registry image under the missing name, which the engine then forgets.
    const tarPath = join(tmpdir(), `${prefix}.tar`)
    await docker.getImage('registry:2').tag({ repo: `${prefix}/registry`, tag: '2' })
    await pipeline(await docker.getImage(missing).get(), createWriteStream(tarPath))
    await docker.getImage(missing).remove({ noprune: true })
    try {
      await problem.getByTestId('registry-tar-input').setInputFiles(tarPath)
      await expect.poll(() => page.getByTestId('local-registry-state').getAttribute('data-state'), { timeout: 60_000 }).toBe('running')
    } finally {
      await rm(tarPath, { force: true })
    }
    expect((await docker.getImage(missing).inspect()).Id).toBe((await docker.getImage('registry:2').inspect()).Id)
    // The data from before is still there (team/web went as an empty repository above).
    expect((await catalog(`127.0.0.1:${port}`)).sort()).toEqual([`${prefix}-img`, 'team/api'])
    expect(await page.getByTestId('local-registry-problem').count()).toBe(0)
  })
})
