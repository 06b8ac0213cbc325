// One i18next setup for every side: the renderer (the user's language), main (English for logs)
// and the web server's own pages (the request's Accept-Language). Catalogs are bundled JSON, so
// initialisation is synchronous and nothing is fetched.
import i18next, { type i18n, type Module } from 'i18next'
import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'
import { defaultLocale, type Locale } from './locales'
import { isMsg, type Msg, type MsgParam } from './message'

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const

/** A configured, initialised i18next instance (not the global one, so sides never interfere). */
export function createI18n(lng: Locale = defaultLocale, plugins: Module[] = []): i18n {
  const instance = i18next.createInstance()
  for (const p of plugins) instance.use(p)
  void instance.init({
    lng,
    fallbackLng: defaultLocale,
    supportedLngs: ['en', 'zh-CN'],
    resources,
    initAsync: false,
    returnNull: false,
    // React escapes; main's strings go to logs and JSON, never into HTML unescaped.
    interpolation: { escapeValue: false }
  } as Parameters<i18n['init']>[0])
  // "{{where, capitalize}}" / "{{reason, lowerFirst}}": English sentences built around a parameter.
  instance.services.formatter?.add('capitalize', (value: unknown) => {
    const s = String(value)
    return s.charAt(0).toUpperCase() + s.slice(1)
  })
  instance.services.formatter?.add('lowerFirst', (value: unknown) => {
    const s = String(value)
    return s.charAt(0).toLowerCase() + s.slice(1)
  })
  return instance
}

/** Renders a message, translating nested message parameters first. */
export function renderMsg(t: i18n['t'], msg: Msg): string {
  const params: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(msg.params ?? {})) params[k] = renderParam(t, v)
  return t(msg.key, params) as string
}

function renderParam(t: i18n['t'], v: MsgParam): string | number {
  return isMsg(v) ? renderMsg(t, v) : v
}

let english: i18n | undefined
/** The English rendering (logs, Error.message, clients that do not translate). */
export function inEnglish(msg: Msg): string {
  english ??= createI18n('en')
  return renderMsg(english.t, msg)
}
