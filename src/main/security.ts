import { app, dialog, shell, type WebContents } from 'electron'
import { pickLocale } from '@shared/i18n/locales'
import { parseUrl } from '@shared/url'
import { createI18n } from '@shared/i18n/translator'

/** Hosts Berth itself links to: these open without a question. */
const BERTH_LINK_HOSTS = new Set(['docs.docker.com', 'distribution.github.io', 'github.com'])

/**
 * Only http(s) links leave the app, and only through the user's browser. A host Berth did not put
 * there (say, a link in a registry's error text) is opened only after the user says yes.
 */
export async function openExternalSafely(url: string, ask: (url: URL) => Promise<boolean> = askToOpen): Promise<void> {
  const u = parseUrl(url)
  if (!u) return // Not a URL: ignore rather than hand arbitrary strings to the OS.
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return
  if (!BERTH_LINK_HOSTS.has(u.hostname) && !(await ask(u))) return
  await shell.openExternal(u.toString())
}

async function askToOpen(u: URL): Promise<boolean> {
  // A native dialog, in the system's language like the window.
  const { t } = createI18n(pickLocale([app.getLocale?.()]))
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: [t('external.open'), t('common.cancel')],
    defaultId: 1,
    cancelId: 1,
    message: t('external.question', { host: u.host }),
    detail: `${u.toString().slice(0, 300)}\n\n${t('external.detail')}`
  })
  return response === 0
}

type NavigationEvent = { preventDefault(): void; url?: string }

/** Denies navigation, frame navigation, new windows, webviews and permissions for every web contents. */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: NavigationEvent, url?: string): void => {
      if (!isAppUrl(url ?? event.url ?? '')) event.preventDefault()
    }
    contents.on('will-navigate', guard)
    contents.on('will-redirect', guard)
    // Subframes too (an iframe the page did not mean to have): Electron passes the url on the event.
    contents.on('will-frame-navigate', (event: NavigationEvent) => guard(event))
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url)
      return { action: 'deny' }
    })
    contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    contents.session.setPermissionCheckHandler(() => false)
  })
}

type FrameLike = { url: string; parent?: unknown; routingId?: number }

/** IPC must come from our own window's main frame (not an iframe) showing our own page. */
export function isTrustedSender(frame: FrameLike | null, contents: WebContents, trusted: () => WebContents | undefined, isAppUrl: (url: string) => boolean): boolean {
  if (!frame || contents !== trusted() || !isAppUrl(frame.url)) return false
  const main = contents.mainFrame as FrameLike | undefined
  // Electron may hand out a new wrapper object for the same frame: compare the top frame's id too.
  return frame === main || (frame.parent === null && main !== undefined && frame.routingId !== undefined && frame.routingId === main.routingId)
}
