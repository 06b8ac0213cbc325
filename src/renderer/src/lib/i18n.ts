// The renderer's language: the saved choice, else the system's (Electron's app.getLocale(),
// passed by the preload) or the browser's languages in the web mode. Changing it re-renders
// every component using useTranslation(), sets <html lang> and the Intl formatters, no restart.
import { initReactI18next } from 'react-i18next'
import type { ZodType } from 'zod'
import type { ApiErrorData, BerthError } from '@shared/contract'
import { isLocale, pickLocale, type Locale } from '@shared/i18n/locales'
import type { Msg } from '@shared/i18n/message'
import { issueMessage } from '@shared/contract/issueMessage'
import { createI18n, renderMsg } from '@shared/i18n/translator'
import { setFormatLocale } from './format'

const STORAGE_KEY = 'berth.language'

export function savedLocale(): Locale | undefined {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    return isLocale(v) ? v : undefined
  } catch {
    return undefined
  }
}

export function systemLocale(): Locale {
  return pickLocale([window.api?.systemLocale, ...(navigator.languages ?? []), navigator.language])
}

export const i18n = createI18n(savedLocale() ?? systemLocale(), [initReactI18next])

function apply(lng: string): void {
  document.documentElement.lang = lng
  setFormatLocale(lng)
}
apply(i18n.language)
i18n.on('languageChanged', apply)

/** Switches the language now and remembers it; `undefined` goes back to following the system. */
export async function chooseLocale(choice: Locale | undefined): Promise<void> {
  try {
    if (choice) localStorage.setItem(STORAGE_KEY, choice)
    else localStorage.removeItem(STORAGE_KEY)
  } catch {
    // Storage may be off (private windows); the choice still applies to this session.
  }
  await i18n.changeLanguage(choice ?? systemLocale())
}

/** A catalog message in the active language. */
export function tMsg(msg: Msg): string {
  return renderMsg(i18n.t, msg)
}

/** What happened, in the active language (the English text when main sent no message key). */
export function errorText(e: Pick<ApiErrorData, 'message' | 'msg'> | BerthError): string {
  return e.msg ? tMsg(e.msg) : e.message
}

/** What to do, in the active language. */
export function errorHint(e: Pick<ApiErrorData, 'hint' | 'hintMsg'> | BerthError): string | undefined {
  return e.hintMsg ? tMsg(e.hintMsg) : e.hint
}

/** A zod issue's message (a schema's rule, see contract/issueMessage.ts) in the active language. */
export function issueText(message: string): string {
  const msg = issueMessage(message)
  return typeof msg === 'string' ? msg : tMsg(msg)
}

/** What a form shows as you type, from the schema main validates the same field with (null: fine). */
export function schemaProblem(schema: ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value)
  return parsed.success ? null : issueText(parsed.error.issues[0]?.message ?? '')
}

/** Text main sent with its catalog message beside it: the message in the active language when there is one. */
export function msgOr(msg: Msg | undefined, text: string): string {
  return msg ? tMsg(msg) : text
}
