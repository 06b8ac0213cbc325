// A registry like GHCR or Docker Hub in Chromium: token auth, anonymous refused, and no catalog
// for anyone. The page offers a sign-in form (saying how the web mode keeps the password),
// retries, says the catalog is not listed, and opens a repository by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { closeSeedConnections, seedImage, startRegistry, startTokenServer, type TestRegistry, type TokenServer } from '../support/registries'
import { berthInChromium } from '../support/berthInChromium'

describeE2E('registry browser: sign-in and registries without a catalog', () => {
  describe('sign in, then open by name', () => {
    let tokens: TokenServer
    let registry: TestRegistry

    beforeAll(async () => {
      tokens = await startTokenServer({ users: { alice: 'wonderland' }, grant: (user, type, _name, actions) => (user && type === 'repository' ? actions : []) })
      registry = await startRegistry({ env: tokens.registryEnv(), binds: [`${tokens.certFile}:/token/cert.pem:ro`] })
      await seedImage(registry.address, 'team/private', '3.1', { authorization: `Bearer ${tokens.mint(['repository:team/private:push,pull'], 'alice')}` })
      await seedImage(registry.address, 'team/private', '3.2', { authorization: `Bearer ${tokens.mint(['repository:team/private:push,pull'], 'alice')}` })
    })

    afterAll(async () => {
      await registry?.stop()
      await tokens?.close()
      await closeSeedConnections()
    })

    const ui = berthInChromium({ registries: () => [{ name: 'Locked registry', address: registry.address }] })

    it('offers a sign-in form that says how the password is kept, and retries', async () => {
      await ui.page.getByRole('button', { name: /Locked registry/ }).first().click()
      const form = ui.page.getByRole('form', { name: `Sign in to ${registry.address}` })
      await form.waitFor()
      expect(await form.textContent()).toContain('requires signing in')
      expect(await form.getByTestId('credential-storage').textContent()).toMatch(/file only your user can read/)
      await form.getByLabel('User name').fill('alice')
      await form.getByLabel('Password or access token').fill('wonderland')
      await form.getByRole('button', { name: 'Sign in and retry' }).click()
      await ui.page.getByTestId('catalog-unsupported').waitFor()
      expect(await ui.page.getByTestId('catalog-unsupported').textContent()).toContain('does not list its repositories')
      // The password stayed in main: the store has it, the page never read it back.
      expect(await ui.berth.services.credentials.store.get(registry.address)).toEqual({ username: 'alice', password: 'wonderland' })
    })

    it('opens a repository by name, even pasted as a pull command', async () => {
      const unsupported = ui.page.getByTestId('catalog-unsupported')
      await unsupported.getByLabel('Repository name').fill('team/absent')
      await unsupported.getByRole('button', { name: 'Open' }).click()
      await expect.poll(() => unsupported.getByRole('alert').textContent()).toContain('does not exist')

      await unsupported.getByLabel('Repository name').fill(`docker pull ${registry.address}/team/private:3.2`)
      await unsupported.getByRole('button', { name: 'Open' }).click()
      await expect.poll(() => ui.page.getByTestId('tag-row').count()).toBe(2)
      // The pasted tag is selected and described.
      const details = ui.page.getByTestId('tag-details')
      await details.getByTestId('tag-digest').waitFor()
      expect(await details.locator('h2').textContent()).toBe('team/private:3.2')
      expect(await details.getByTestId('tag-config').textContent()).toContain('["/app"]')
    })
  })
})
