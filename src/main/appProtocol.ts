// The packaged UI is served from app://berth/… (a privileged, secure custom scheme registered by
// window.ts) instead of file://: the app then has one exact origin that navigation and IPC checks
// compare against, and a page can never reach other files on disk. Plain Node, so it is testable.
import { resolve, sep } from 'node:path'
import { parseUrl } from '@shared/url'

export const APP_SCHEME = 'app'
export const APP_HOST = 'berth'
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`

/** True only for app://berth/… (or, with `devUrl`, the dev server's exact origin). */
export function isAppOrigin(url: string, devUrl?: string): boolean {
  const u = parseUrl(url)
  if (!u) return false
  // http(s) origins compare exactly: scheme, host and port; a bad dev URL trusts nothing.
  const dev = devUrl ? parseUrl(devUrl) : undefined
  if (dev && u.origin !== 'null' && u.origin === dev.origin) return true
  // Node gives custom schemes the opaque origin "null": compare scheme and host instead.
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === ''
}

/** The file under `root` an app:// request asks for, or null when it is not ours or leaves `root`. */
export function appFilePath(root: string, requestUrl: string): string | null {
  if (!isAppOrigin(requestUrl)) return null
  let path: string
  try {
    path = decodeURIComponent(new URL(requestUrl).pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  const base = resolve(root)
  const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`)
  return file.startsWith(base + sep) ? file : null
}
