// The languages Berth speaks, and how a list of preferred languages (navigator.languages,
// Electron's app.getLocale(), an Accept-Language header) picks one of them.

export const locales = ['en', 'zh-CN'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'en'

/** Names shown in the language menu, each in its own language. */
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' }

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v)
}

/** The first supported language among the preferred ones; any Chinese tag maps to zh-CN (the only Chinese catalog). */
export function pickLocale(preferred: readonly (string | undefined)[]): Locale {
  for (const tag of preferred) {
    const lower = tag?.trim().toLowerCase()
    if (!lower) continue
    if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN'
    if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en'
  }
  return defaultLocale
}

/** Language tags of an Accept-Language header, best first (q-values honoured, q=0 dropped). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return []
  return header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q), i }
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag)
}
