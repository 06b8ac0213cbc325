import { app, shell, type WebContents } from 'electron'

/** Only http(s) links leave the app, and only through the user's browser. */
export function openExternalSafely(url: string): void {
  try {
    const u = new URL(url)
    if (u.protocol === 'https:' || u.protocol === 'http:') void shell.openExternal(u.toString())
  } catch {
    // Not a URL: ignore rather than hand arbitrary strings to the OS.
  }
}

/** Denies navigation, new windows, webviews and permission prompts for every web contents. */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url)
      return { action: 'deny' }
    })
    contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  })
}

/** IPC must come from our own window's top frame showing our own page. */
export function isTrustedSender(frame: { url: string } | null, contents: WebContents, trusted: () => WebContents | undefined, isAppUrl: (url: string) => boolean): boolean {
  return Boolean(frame) && contents === trusted() && isAppUrl(frame!.url)
}
