// The Docker Hub cache from the UI (web mode, Chromium): one click creates registry:2 in proxy
// mode on its own port, the card shows the engine's registry-mirrors line and that pushes are
// refused, and an image of the upstream (a registry of the test: no Docker Hub here) is served
// through it. axe finds nothing serious on the running card, in English and in Chinese.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeFindings, report } from '../support/axe'
import { describeE2E } from '../support/describeEngine'
import { startCacheUpstream, testCacheNames, type CacheUpstream } from '../support/hubCache'
import { digestOf, OCI } from '../support/ociMedia'
import { pushSingle } from '../support/pullableImages'
import { closeSeedConnections } from '../support/registries'
import { launchBrowser, openBerth, startBerth, type RunningBerth, type RunningBrowser } from '../support/web'

describeE2E('Docker Hub cache in the browser (web mode)', () => {
  let berth: RunningBerth
  let ui: RunningBrowser
  let upstream: CacheUpstream
  let names: Awaited<ReturnType<typeof testCacheNames>>

  beforeAll(async () => {
    upstream = await startCacheUpstream('e2e-hubcache')
    names = await testCacheNames('e2e-hubcache')
    berth = await startBerth()
    // Never the user's cache: unique names and port, on the upstream's network.
    berth.services.hubCache.configure({ ...names.names, network: upstream.network })
    ui = await launchBrowser()
  })

  afterAll(async () => {
    await ui?.close()
    await berth?.close()
    await names?.cleanup()
    await upstream?.stop()
    await closeSeedConnections()
  })

  it('starts the cache from the sidebar’s card and serves the upstream’s image through it', async () => {
    const { page } = ui
    await openBerth(page, berth.url)
    const sidebar = page.getByRole('navigation', { name: 'Main' })
    await expect.poll(() => sidebar.getByTestId('hub-cache-nav').textContent()).toContain('not created')
    await sidebar.getByTestId('hub-cache-nav').click()
    const card = page.getByTestId('hub-cache')
    await card.getByLabel('Cache upstream').fill('127.0.0.1:5000')
    // Loopback is the container itself: said as you type, and the button waits.
    await expect.poll(() => card.getByTestId('hub-cache-check').textContent()).toContain('container itself')
    await card.getByLabel('Cache upstream').fill(upstream.url)
    await card.getByLabel('Cache port').fill(String(names.names.defaultPort))
    // The user name by the rule main checks it with: said as you type, nothing is started.
    await card.getByLabel('Upstream user').fill('bad:user')
    await expect.poll(() => card.getByTestId('hub-cache-check').textContent()).toBe('The user name cannot contain ":" or spaces')
    expect(await card.getByRole('button', { name: 'Create Docker Hub cache' }).isDisabled()).toBe(true)
    await card.getByLabel('Upstream user').fill('')
    await expect.poll(() => card.getByTestId('hub-cache-check').count()).toBe(0)
    await card.getByRole('button', { name: 'Create Docker Hub cache' }).click()

    const address = `127.0.0.1:${names.names.defaultPort}`
    await expect.poll(() => card.getByTestId('hub-cache-address').textContent(), { timeout: 60_000 }).toBe(address)
    expect(await card.getByTestId('hub-cache-upstream').textContent()).toBe(upstream.url)
    expect(await card.getByTestId('hub-cache-readonly').textContent()).toContain('refused')
    expect(await card.getByTestId('hub-cache-mirror-snippet').textContent()).toContain(`"registry-mirrors": ["http://${address}"]`)
    expect(await card.getByTestId('hub-cache-mirror').textContent()).toMatch(/daemon\.json|Docker Engine/)
    await expect.poll(() => sidebar.getByTestId('hub-cache-nav').textContent()).toContain(`${address} · running`)
    const findings = await axeFindings(page)
    expect(findings, `running Docker Hub cache card (en):\n${report(findings)}`).toEqual([])

    // The same card in Chinese (light theme): its words from the zh-CN catalog, and axe again.
    const zh = await launchBrowser({ locale: 'zh-CN', colorScheme: 'light' })
    try {
      await openBerth(zh.page, berth.url)
      await zh.page.getByTestId('hub-cache-nav').click()
      const zhCard = zh.page.getByTestId('hub-cache')
      await expect.poll(() => zhCard.getByTestId('hub-cache-address').textContent(), { timeout: 30_000 }).toBe(address)
      expect(await zhCard.getByRole('heading').first().textContent()).toBe('Docker Hub 缓存')
      expect(await zhCard.getByTestId('hub-cache-readonly').textContent()).toContain('拒绝')
      expect(await zhCard.getByTestId('hub-cache-mirror').textContent()).toContain('registry-mirrors')
      const zhFindings = await axeFindings(zh.page)
      expect(zhFindings, `running Docker Hub cache card (zh-CN):\n${report(zhFindings)}`).toEqual([])
    } finally {
      await zh.close()
    }

    const image = await pushSingle(upstream.address, 'library/hello', ['1'], '2024-05-01T12:00:00Z')
    const res = await fetch(`http://${address}/v2/library/hello/manifests/1`, { headers: { accept: OCI.manifest } })
    expect(res.status).toBe(200)
    expect(digestOf(Buffer.from(await res.arrayBuffer()))).toBe(image.digest)

    await card.getByRole('button', { name: 'Stop cache' }).click()
    await expect.poll(() => card.getByTestId('hub-cache-state').textContent(), { timeout: 30_000 }).toBe('stopped')
    expect(await card.getByRole('button', { name: 'Start Docker Hub cache' }).isEnabled()).toBe(true)
  })
})
