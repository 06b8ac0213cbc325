// The web mode as a browser sees it: the token leaves the address bar after the first load (the
// page keeps working on its cookie), and a registry's CA certificate is uploaded or pasted, never
// named by a path on the server.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { startFakeEngine, type FakeEngine } from '../support/fakeEngine'
import { berthInChromium } from '../support/berthInChromium'

describeE2E('the web mode in the browser', () => {
  let engine: FakeEngine

  beforeAll(async () => {
    // No real engine needed: the engine badge only reads /version.
    engine = await startFakeEngine()
  })
  afterAll(async () => {
    await engine?.close()
  })

  const ui = berthInChromium({ start: () => ({ endpoints: [{ label: 'fake engine', options: { socketPath: engine.socketPath } }] }), open: false })

  it('removes the token from the address bar and keeps working on the cookie', async () => {
    const { page } = ui
    expect(ui.berth.url).toContain('token=')
    await page.goto(ui.berth.url)
    await expect.poll(() => page.getByTestId('engine-badge').textContent()).toMatch(/Docker Engine 29\.0\.0/)
    expect(page.url()).not.toContain('token')
    expect(new URL(page.url()).origin).toBe(new URL(ui.berth.url).origin)
    const port = new URL(ui.berth.url).port
    const cookies = await page.context().cookies()
    expect(cookies.map((c) => c.name)).toContain(`berth_token_${port}`)
    expect(cookies.find((c) => c.name === `berth_token_${port}`)).toMatchObject({ httpOnly: true, sameSite: 'Strict' })

    await page.reload()
    await expect.poll(() => page.getByTestId('engine-badge').textContent()).toMatch(/Docker Engine 29\.0\.0/)
    expect(page.url()).not.toContain('token')
  })

  it('takes a pasted CA certificate and keeps it in the data directory', async () => {
    const { page } = ui
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBe2e\n-----END CERTIFICATE-----\n'
    await page.getByRole('button', { name: 'Add a registry' }).click()
    const dialog = page.getByTestId('registry-dialog')
    await dialog.getByLabel('Address').fill('registry.example.test')
    await dialog.getByLabel('Display name').fill('CA registry')
    // No path field in the web mode: upload or paste.
    expect(await dialog.getByPlaceholder('/path/to/ca.pem').count()).toBe(0)
    expect(await dialog.getByLabel('Upload a CA certificate').count()).toBe(1)
    await dialog.getByLabel('Or paste the CA certificate').fill(pem)
    await dialog.getByRole('button', { name: 'Add' }).click()
    await expect.poll(() => ui.berth.services.registries.list().find((e) => e.name === 'CA registry')?.caFile).toMatch(new RegExp(`^${ui.berth.dataDir}/ca/`))
    const entry = ui.berth.services.registries.list().find((e) => e.name === 'CA registry')!
    expect(readFileSync(entry.caFile!, 'utf8')).toBe(pem)
  })
})
