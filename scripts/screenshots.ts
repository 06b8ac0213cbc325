// Makes the README screenshots (docs/*.png) from the real UI: Berth's web mode in-process, the
// system Chromium, the engine at DOCKER_HOST, registry:2 containers. Builds demo images with
// realistic names, takes the pictures, then removes everything it created.
//
//   npm run screenshots                       (builds the web UI first; needs DOCKER_HOST or the default socket)
//   npm run screenshots -- --locale zh-CN     (the same pictures in Chinese, in docs/zh-CN/)
//   xvfb-run -a npm run screenshots …         (a real Chromium window on Xvfb; headless without $DISPLAY)
//
// Chinese text needs a CJK font where the pictures are taken (Debian: fonts-noto-cjk), or it
// shows as empty boxes.
//
// The images page only shows the demo images: Berth talks to the engine through a small proxy
// that drops every other image from GET /images/json, so the picture never depends on (or shows)
// what else the engine holds. Everything else passes through untouched.
import { mkdirSync } from 'node:fs'
import { MANAGED_LABEL } from '../src/main/localRegistry'
import { engineProblem, testDocker } from '../test/support/engine'
import { freePort } from '../test/support/http'
import { closeSeedConnections, startRegistry } from '../test/support/registries'
import { browserProblem } from '../test/support/chromium'
import { launchBrowser, startBerth, type RunningBrowser } from '../test/support/web'
import { cleanup, later } from './screenshots/cleanup'
import { buildDemoImages, LOCAL_REGISTRY, refuseExisting } from './screenshots/demoImages'
import { startImageFilterProxy } from './screenshots/filterProxy'
import { browserShot, DOCS, imagesShot, localRegistryShot, pushShot, setShotLocale, waitFor } from './screenshots/shots'
import { isLocale } from '../src/shared/i18n/locales'
import { seedTeamRegistry } from './screenshots/teamRegistry'

async function main(): Promise<void> {
  const problem = (await engineProblem()) ?? browserProblem()
  if (problem) throw new Error(problem)
  const docker = testDocker()
  await refuseExisting(docker)
  const asked = process.argv[process.argv.indexOf('--locale') + 1]
  const locale = process.argv.includes('--locale') && isLocale(asked) ? asked : 'en'
  setShotLocale(locale)
  mkdirSync(DOCS, { recursive: true })

  const ids = new Set<string>()
  console.log('building the demo images…')
  await buildDemoImages(docker, ids)

  console.log('starting a registry and filling it…')
  const team = await startRegistry()
  later(() => team.stop())
  later(() => closeSeedConnections())
  await seedTeamRegistry(team.address)

  const proxy = await startImageFilterProxy(ids)
  later(() => proxy.close())
  const berth = await startBerth({ endpoints: [proxy.endpoint] })
  later(() => berth.close())
  berth.services.localRegistry.configure({ ...LOCAL_REGISTRY, defaultPort: await freePort() })
  later(async () => {
    const list = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${LOCAL_REGISTRY.labelValue}`] } }).catch(() => [])
    for (const c of list) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)
    await docker.getContainer(LOCAL_REGISTRY.containerName).remove({ force: true, v: true }).catch(() => undefined)
    await docker.getVolume(LOCAL_REGISTRY.volumeName).remove()
  })
  await berth.services.registries.add({ name: 'Team registry', address: team.address, scheme: 'http' })

  const ui: RunningBrowser = await launchBrowser({ locale, headed: Boolean(process.env.DISPLAY) })
  later(() => ui.close())
  const { page } = ui
  await page.goto(berth.url)
  await waitFor('the engine badge', async () => /Docker Engine|Podman/.test((await page.getByTestId('engine-badge').textContent()) ?? ''))
  await waitFor('the registry to answer', async () => (await page.getByTestId('registry-item').filter({ hasText: 'Team registry' }).getAttribute('data-health')) === 'reachable')

  console.log('taking the pictures…')
  await localRegistryShot(berth, page)
  await browserShot(page, 'Team registry')
  await imagesShot(page)
  await pushShot(berth, page, docker, team, ids)
}

let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true
    console.warn(`${signal}: cleaning up…`)
    void cleanup().finally(() => process.exit(130))
  })
}

main()
  .then(
    () => cleanup(),
    async (e: Error) => {
      process.exitCode = 1
      console.error(`screenshots failed: ${e.stack ?? e.message}`)
      await cleanup()
    }
  )
  .finally(() => {
    if (!interrupted) process.exit()
  })
