// `npm run serve`: Berth in a browser, without Electron. First stdout line is the URL to open.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createDispatch } from '../main/dispatch'
import { createHandlers } from '../main/handlers'
import { installProcessGuards } from '../main/processGuards'
import { createServices } from '../main/services'
import { tokenProblem } from './auth'
import { createDownloadRoutes, createUploadRoutes } from './uploads'
import { startWebServer } from './server'

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8484' },
    /** Visible in `ps`: prefer --token-file or BERTH_TOKEN. */
    token: { type: 'string' },
    'token-file': { type: 'string' },
    'data-dir': { type: 'string' },
    'static-dir': { type: 'string' },
    build: { type: 'boolean', default: false }
  }
})

async function main(): Promise<void> {
  installProcessGuards()
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`)
  const staticDir = resolve(values['static-dir'] ?? join(__dirname, '../../out/web'))
  if (values.build) await buildUi()
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`No built UI in ${staticDir}: run \`npm run build:web\` first (npm run serve does it for you).`)
  const dataDir = resolve(values['data-dir'] ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'berth-web'))
  const token = chooseToken()

  const services = createServices({ dataDir, webMode: true })
  const server = await startWebServer({
    host: values.host!,
    port,
    token,
    staticDir,
    dispatch: createDispatch(createHandlers(services)),
    events: services.events,
    uploads: createUploadRoutes(services),
    downloads: createDownloadRoutes(services)
  })
  process.stdout.write(`Berth web UI: ${server.url}\n`)

  const shutdown = (): void => {
    void server.close().then(() => services.dispose()).then(() => process.exit(0))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

/** --token, else --token-file, else BERTH_TOKEN, else a fresh random one. */
function chooseToken(): string {
  const given = values.token ?? (values['token-file'] ? readFileSync(values['token-file'], 'utf8').trim() : undefined) ?? process.env.BERTH_TOKEN
  if (given === undefined) return randomBytes(32).toString('base64url')
  const problem = tokenProblem(given)
  if (problem) throw new Error(`${problem} Make one with: openssl rand -hex 24`)
  return given
}

/** Builds the renderer quietly: stdout's first line must stay the URL, for scripts that read it. */
async function buildUi(): Promise<void> {
  const { build } = await import('vite')
  process.stderr.write('Building the web UI…\n')
  await build({ configFile: join(__dirname, '../../vite.web.config.mts'), logLevel: 'error' })
}

main().catch((e: Error) => {
  process.stderr.write(`berth serve: ${e.message}\n`)
  process.exit(1)
})
