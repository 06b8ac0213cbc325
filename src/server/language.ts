// The web server's own pages speak the language the browser asks for (Accept-Language).
import type { IncomingMessage } from 'node:http'
import type { i18n } from 'i18next'
import { acceptedLanguages, pickLocale, type Locale } from '@shared/i18n/locales'
import type { Msg } from '@shared/i18n/message'
import { createI18n, renderMsg } from '@shared/i18n/translator'

const instances = new Map<Locale, i18n>()

export function forRequest(req: IncomingMessage): { locale: Locale; render(msg: Msg): string } {
  const header = req.headers['accept-language']
  const locale = pickLocale(acceptedLanguages(Array.isArray(header) ? header.join(',') : header))
  let instance = instances.get(locale)
  if (!instance) instances.set(locale, (instance = createI18n(locale)))
  const t = instance.t
  return { locale, render: (msg) => renderMsg(t, msg) }
}
