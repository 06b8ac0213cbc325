// End to end in Chromium (web mode): the page's live state survives a lost event stream. The
// stream's first request fails, the server restarts under the open page, the network drops
// mid-session; each time, what changed meanwhile shows without reloading the page, and a short
// cut is bridged by replaying the missed events (Last-Event-ID) rather than lost.
import type { CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeE2E } from '../support/describeEngine'
import { startPageProxy, type PageProxy } from '../support/pageProxy'
import { sendJson, startFakeServer, type FakeServer } from '../support/registries'
import { berthInChromium } from '../support/berthInChromium'

/** What Chromium saw arrive on the page's event streams (DevTools protocol), in order. */
interface StreamLog {
  requests: string[]
  messages: { url: string; name: string; id: string; data: string }[]
}

async function watchStreams(page: Page): Promise<StreamLog> {
  const log: StreamLog = { requests: [], messages: [] }
  const urls = new Map<string, string>()
  const cdp: CDPSession = await page.context().newCDPSession(page)
  cdp.on('Network.requestWillBeSent', (e) => {
    if (new URL(e.request.url).pathname !== '/api/events') return
    urls.set(e.requestId, e.request.url)
    log.requests.push(e.request.url)
  })
  cdp.on('Network.eventSourceMessageReceived', (e) => log.messages.push({ url: urls.get(e.requestId) ?? '', name: e.eventName, id: e.eventId, data: e.data }))
  await cdp.send('Network.enable')
  return log
}

describeE2E('live state survives a lost event stream', () => {
  // Registries that answer GET /v2/ like registry:2, without a container: starting one changes
  // the host's network, which is what these tests reproduce on purpose, not by accident.
  const registries: FakeServer[] = []
  let log: StreamLog
  // The page talks to Berth through this, so a test can cut its connections.
  let proxy: PageProxy

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) registries.push(await startFakeServer((_req, res) => sendJson(res, 200, {})))
  })
  afterAll(() => Promise.all(registries.map((r) => r.close())))

  // Not opened here: the first test opens the page through the proxy, with the stream refused.
  const ui = berthInChromium({ open: false })

  beforeAll(async () => {
    proxy = await startPageProxy(ui.berth.url)
    log = await watchStreams(ui.page)
  })
  afterAll(() => proxy?.close())

  const registryItem = (name: string) => ui.page.getByTestId('registry-item').filter({ hasText: name })
  const reconnecting = () => ui.page.getByTestId('reconnecting')

  it("adds a registry while the page's event stream cannot connect: it appears at once, its health once connected", async () => {
    let refused = 0
    let blocked = true
    await ui.page.route('**/api/events*', (route) => (blocked ? (refused++, route.abort('connectionfailed')) : route.continue()))
    await ui.page.goto(proxy.url)
    await reconnecting().waitFor()
    expect(refused).toBeGreaterThan(0)

    await ui.page.getByRole('button', { name: 'Add a registry' }).click()
    const dialog = ui.page.getByTestId('registry-dialog')
    await dialog.getByLabel('Address').fill(`http://${registries[0].address}`)
    await dialog.getByLabel('Display name').fill('Live one')
    await dialog.getByRole('button', { name: 'Add' }).click()
    // The call's answer is the new state: no event needed.
    await registryItem('Live one').waitFor()
    // Its health was checked while the stream was down: that event is lost, the resync brings it.
    const id = ui.berth.services.registries.list().find((e) => e.name === 'Live one')!.id
    await expect.poll(() => ui.berth.services.registries.healthAll().find((h) => h.id === id)?.state).toBe('reachable')
    expect(await reconnecting().isVisible()).toBe(true)

    blocked = false
    await reconnecting().waitFor({ state: 'detached' })
    await expect.poll(() => registryItem('Live one').getAttribute('data-health')).toBe('reachable')
    await ui.page.unroute('**/api/events*')
  })

  it('keeps the page open across a server restart and shows what changed meanwhile', async () => {
    await ui.page.evaluate(() => ((globalThis as unknown as { stillHere: boolean }).stillHere = true))
    await ui.restart({
      whileStopped: () => reconnecting().waitFor(),
      // Made while no server ran: the page can only learn it from a full resync.
      beforeListen: async (services) => void (await services.registries.add({ name: 'Added while down', address: registries[1].address, scheme: 'http' }))
    })
    await reconnecting().waitFor({ state: 'detached' })
    await expect.poll(() => registryItem('Added while down').getAttribute('data-health')).toBe('reachable')
    expect(await registryItem('Live one').count()).toBe(1)
    // The server's new run could not replay the old run's events, and said so.
    const hello = log.messages.filter((m) => m.name === 'berth.hello').at(-1)!
    expect(JSON.parse(hello.data).replay).toBe('gap')
    expect(await ui.page.evaluate(() => (globalThis as unknown as { stillHere?: boolean }).stillHere)).toBe(true)
  })

  it('bridges a connection cut mid-session by replaying the missed events through Last-Event-ID', async () => {
    // A quiet, connected page: remember the last event id it has.
    await expect.poll(() => reconnecting().count()).toBe(0)
    const lastIdBeforeCut = (): string => {
      const hello = log.messages.filter((m) => m.name === 'berth.hello').at(-1)!
      const after = log.messages.slice(log.messages.indexOf(hello) + 1).filter((m) => m.id)
      return after.at(-1)?.id ?? JSON.parse(hello.data).lastId
    }
    const requestsBefore = log.requests.length

    const sentDuringGap: string[] = []
    proxy.cut()
    await reconnecting().waitFor()
    const from = lastIdBeforeCut()
    const off = ui.berth.services.events.onAny((event) => sentDuringGap.push(event))
    const added = await ui.berth.services.registries.add({ name: 'Added in the gap', address: registries[2].address, scheme: 'http' })
    await expect.poll(() => ui.berth.services.registries.healthAll().find((h) => h.id === added.id)?.state).toBe('reachable')
    off()
    expect(sentDuringGap).toEqual(expect.arrayContaining(['registries.changed', 'registries.health']))
    proxy.restore()

    await reconnecting().waitFor({ state: 'detached' })
    await expect.poll(() => registryItem('Added in the gap').getAttribute('data-health')).toBe('reachable')
    // The reopened stream asked to continue from the last id the page had...
    const resumed = log.requests.slice(requestsBefore).find((url) => new URL(url).searchParams.get('lastEventId') === from)
    expect(resumed, `stream requests after the cut: ${log.requests.slice(requestsBefore).join(', ')}`).toBeDefined()
    // ...and got every event sent during the gap, in order, with consecutive ids, before its hello.
    const onResumed = log.messages.filter((m) => m.url === resumed)
    const helloAt = onResumed.findIndex((m) => m.name === 'berth.hello')
    const replayed = onResumed.slice(0, helloAt)
    const hello = JSON.parse(onResumed[helloAt].data) as { replay: string; replayed: number; lastId: string }
    expect(hello).toMatchObject({ replay: 'complete', replayed: replayed.length })
    // Exactly what was missed: ids run on from the page's last one without a hole, up to the newest.
    const seqs = [from, ...replayed.map((m) => m.id)].map((id) => Number(id.split('-')[1]))
    expect(seqs.every((n, i) => i === 0 || n === seqs[i - 1] + 1)).toBe(true)
    expect(replayed.at(-1)?.id).toBe(hello.lastId)
    // (A background health check may add its own event around the cut; ours are all there, in order.)
    expect(replayed.map((m) => JSON.parse(m.data).event).join()).toContain(sentDuringGap.join())
  })
})
