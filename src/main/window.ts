import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, net, protocol } from 'electron'
import { APP_ENTRY, APP_SCHEME, appFilePath, isAppOrigin } from './appProtocol'

/** Before app 'ready': app:// is standard (relative URLs, an origin) and secure (like https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }])
}

/** After 'ready': app://berth/… answers with the built renderer's files, and nothing outside them. */
export function serveAppScheme(root = join(__dirname, '../renderer')): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = appFilePath(root, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Berth',
    backgroundColor: '#0f1419',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // The system language (read by the preload) so the UI speaks it from the first paint.
      additionalArguments: [`--berth-locale=${app.getLocale()}`]
    }
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(process.env.ELECTRON_RENDERER_URL ?? APP_ENTRY)
  return win
}

/** The pages our window may show: app://berth/…, or the dev server's exact origin during `npm run dev`. */
export function isAppUrl(url: string): boolean {
  return isAppOrigin(url, process.env.ELECTRON_RENDERER_URL)
}
