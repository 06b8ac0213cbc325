// Switching engines from the top bar: the picker lists every engine Berth knows with its state,
// a click switches, the images and the local registry follow, and the choice survives a restart.
// The second engine is a dockerd in a network namespace (test/support/remoteEngine.ts).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fromDockerHost, type Endpoint } from '../../src/main/engine/endpoints'
import { describeE2E } from '../support/describeEngine'
import { dockerOptionsFromEnv, testDocker } from '../support/engine'
import { buildImage } from '../support/images'
import { freePort } from '../support/http'
import { removeLocalRegistry } from '../support/localRegistry'
import { describeRemote, startRemoteEngine, type RemoteEngine } from '../support/remoteEngine'
import { launchBrowser, openBerth, startBerth, type RunningBerth, type RunningBrowser } from '../support/web'

const id = randomBytes(4).toString('hex')
const prefix = `berth-e2e-switch-${id}`
const names = { containerName: prefix, volumeName: `${prefix}-data`, labelValue: `e2e-switch-${id}` }
const docker = testDocker()

// Needs the browser (describeE2E) and root for the second engine (describeRemote).
describeE2E('switching engines in the top bar', () => describeRemote('with a second engine in a network namespace', () => {
  let remote: RemoteEngine
  let endpoints: Endpoint[]
  let dataDir: string
  let berth: RunningBerth
  let ui: RunningBrowser
  let page: Page

  beforeAll(async () => {
    remote = await startRemoteEngine()
    await buildImage(remote.docker, { tag: `${prefix}/only-there:1`, layers: [{ path: '/x', size: 10_000 }] })
    endpoints = [
      { label: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', options: dockerOptionsFromEnv() },
      fromDockerHost(remote.dockerHost, {})
    ]
    dataDir = mkdtempSync(join(tmpdir(), 'berth-e2e-switch-'))
    berth = await startBerth({ dataDir, endpoints })
    berth.services.localRegistry.configure({ ...names, defaultPort: await freePort() })
    // Berth's registry runs on the first engine only.
    await berth.services.localRegistry.start()
    ui = await launchBrowser()
    page = ui.page
    await openBerth(page, berth.url)
  }, 180_000)

  afterAll(async () => {
    await ui?.close()
    await berth?.close()
    await removeLocalRegistry(docker, names)
    await remote?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('lists both engines with their state, and the one in use', async () => {
    await expect.poll(() => page.getByTestId('engine-badge').textContent()).toContain(endpoints[0]!.label)
    await page.getByTestId('engine-badge').click()
    const choices = page.getByTestId('engine-choice')
    await expect.poll(() => choices.count()).toBe(2)
    for (const e of endpoints) expect(await page.locator(`[data-testid="engine-choice"][data-endpoint="${e.label}"]`).getAttribute('data-state')).toBe('up')
    expect(await page.locator(`[data-testid="engine-choice"][data-endpoint="${endpoints[0]!.label}"]`).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('engine-list').count()).toBe(0)
  })

  it('switches: the images and the local registry are those of the other engine', async () => {
    await page.getByRole('button', { name: 'Images', exact: true }).click()
    await page.getByLabel('Filter images').fill(prefix)
    await expect.poll(() => page.getByTestId('image-row').count()).toBe(0)
    const sidebar = page.getByRole('navigation', { name: 'Main' })
    await expect.poll(() => sidebar.getByTestId('local-registry-nav').count()).toBe(1)

    await page.getByTestId('engine-badge').click()
    await page.locator(`[data-testid="engine-choice"][data-endpoint="${endpoints[1]!.label}"]`).click()
    await expect.poll(() => page.getByTestId('engine-badge').textContent()).toContain(remote.dockerHost)
    await expect.poll(() => page.getByTestId('image-row').count()).toBe(1)
    expect(await page.getByTestId('image-row').textContent()).toContain(`${prefix}/only-there`)
    // No registry of Berth's on that engine: the sidebar offers to start one.
    await expect.poll(() => sidebar.getByTestId('start-local-registry').count()).toBe(1)
  })

  it('remembers the choice across a restart', async () => {
    await berth.close()
    berth = await startBerth({ dataDir, endpoints })
    const status = berth.services.engine.current()
    expect(status.state === 'connected' && status.engine.endpoint).toBe(endpoints[1]!.label)
    await openBerth(page, berth.url)
    await expect.poll(() => page.getByTestId('engine-badge').textContent()).toContain(remote.dockerHost)
  })
}))
