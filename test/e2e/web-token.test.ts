// The URL Berth prints carries the token: after the first load it is gone from the address bar,
// and the page keeps working on its cookie (reload included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeEngine, type FakeEngine } from '../support/fakeEngine'
import { e2eProblem, launchBrowser, startBerth, type RunningBerth, type RunningBrowser } from '../support/web'

const suite = e2eProblem ? describe.skip : describe

suite('the access token in the browser', () => {
  let engine: FakeEngine
  let berth: RunningBerth
  let ui: RunningBrowser

  beforeAll(async () => {
    // No real engine needed: the engine badge only reads /version.
    engine = await startFakeEngine()
    berth = await startBerth({ endpoints: [{ label: 'fake engine', options: { socketPath: engine.socketPath } }] })
    ui = await launchBrowser()
  })
  afterAll(async () => {
    await ui?.close()
    await berth?.close()
    await engine?.close()
  })

  it('removes the token from the address bar and keeps working on the cookie', async () => {
    const { page } = ui
    expect(berth.url).toContain('token=')
    await page.goto(berth.url)
    await expect.poll(() => page.getByTestId('engine-badge').textContent()).toMatch(/Docker Engine 29\.0\.0/)
    expect(page.url()).not.toContain('token')
    expect(new URL(page.url()).origin).toBe(new URL(berth.url).origin)
    const port = new URL(berth.url).port
    const cookies = await page.context().cookies()
    expect(cookies.map((c) => c.name)).toContain(`berth_token_${port}`)
    expect(cookies.find((c) => c.name === `berth_token_${port}`)).toMatchObject({ httpOnly: true, sameSite: 'Strict' })

    await page.reload()
    await expect.poll(() => page.getByTestId('engine-badge').textContent()).toMatch(/Docker Engine 29\.0\.0/)
    expect(page.url()).not.toContain('token')
  })
})
