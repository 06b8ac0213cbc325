// Switching engines from the top bar: the picker lists every engine Berth knows with its state,
// a click switches, the images and the local registry follow, and the choice survives a restart.
// The second engine is a dockerd in a network namespace (test/support/remoteEngine.ts).
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fromDockerHost, type Endpoint } from '../../src/main/engine/endpoints'
import { describeE2E } from '../support/describeEngine'
import { testDocker, testEndpoint } from '../support/engine'
import { buildImage } from '../support/images'
import { freePort } from '../support/http'
import { removeLocalRegistry } from '../support/localRegistry'
import { describeRemote, startRemoteEngine, type RemoteEngine } from '../support/remoteEngine'
import { openBerth } from '../support/web'
import { berthInChromium } from '../support/berthInChromium'

const id = randomBytes(4).toString('hex')
const prefix = `berth-e2e-switch-${id}`
const names = { containerName: prefix, volumeName: `${prefix}-data`, labelValue: `e2e-switch-${id}` }
const docker = testDocker()

// Needs the browser (describeE2E) and root for the second engine (describeRemote).
describeE2E('switching engines in the top bar', () => describeRemote('with a second engine in a network namespace', () => {
  let remote: RemoteEngine
  let endpoints: Endpoint[]

  beforeAll(async () => {
    remote = await startRemoteEngine()
    await buildImage(remote.docker, { tag: `${prefix}/only-there:1`, layers: [{ path: '/x', size: 10_000 }] })
    endpoints = [testEndpoint(), fromDockerHost(remote.dockerHost, {})]
  }, 180_000)

  afterAll(async () => {
    await removeLocalRegistry(docker, names)
    await remote?.stop()
  })

  const ui = berthInChromium({
    start: () => ({ endpoints }),
    prepare: async (berth) => {
      berth.services.localRegistry.configure({ ...names, defaultPort: await freePort() })
      // Berth's registry runs on the first engine only.
      await berth.services.localRegistry.start()
    }
  })

  it('lists both engines with their state, and the one in use', async () => {
    await expect.poll(() => ui.page.getByTestId('engine-badge').textContent()).toContain(endpoints[0]!.label)
    await ui.page.getByTestId('engine-badge').click()
    const choices = ui.page.getByTestId('engine-choice')
    await expect.poll(() => choices.count()).toBe(2)
    for (const e of endpoints) expect(await ui.page.locator(`[data-testid="engine-choice"][data-endpoint="${e.label}"]`).getAttribute('data-state')).toBe('up')
    expect(await ui.page.locator(`[data-testid="engine-choice"][data-endpoint="${endpoints[0]!.label}"]`).getAttribute('aria-selected')).toBe('true')
    await ui.page.keyboard.press('Escape')
    await expect.poll(() => ui.page.getByTestId('engine-list').count()).toBe(0)
  })

  it('switches: the images and the local registry are those of the other engine', async () => {
    await ui.page.getByRole('button', { name: 'Images', exact: true }).click()
    await ui.page.getByLabel('Filter images').fill(prefix)
    await expect.poll(() => ui.page.getByTestId('image-row').count()).toBe(0)
    const sidebar = ui.page.getByRole('navigation', { name: 'Main' })
    await expect.poll(() => sidebar.getByTestId('local-registry-nav').count()).toBe(1)

    await ui.page.getByTestId('engine-badge').click()
    await ui.page.locator(`[data-testid="engine-choice"][data-endpoint="${endpoints[1]!.label}"]`).click()
    await expect.poll(() => ui.page.getByTestId('engine-badge').textContent()).toContain(remote.dockerHost)
    await expect.poll(() => ui.page.getByTestId('image-row').count()).toBe(1)
    expect(await ui.page.getByTestId('image-row').textContent()).toContain(`${prefix}/only-there`)
    // No registry of Berth's on that engine: the sidebar offers to start one.
    await expect.poll(() => sidebar.getByTestId('start-local-registry').count()).toBe(1)
  })

  it('remembers the choice across a restart', async () => {
    await ui.restart()
    const status = ui.berth.services.engine.current()
    expect(status.state === 'connected' && status.engine.endpoint).toBe(endpoints[1]!.label)
    await openBerth(ui.page, ui.berth.url)
    await expect.poll(() => ui.page.getByTestId('engine-badge').textContent()).toContain(remote.dockerHost)
  })
}))
