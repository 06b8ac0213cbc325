import type { TFunction } from 'i18next'
import type { CredentialStatus } from '@shared/contract'

// Sizes, numbers, dates, relative times and durations in the active locale, all through Intl
// (no hand-made unit strings). lib/i18n.ts sets the locale whenever the language changes.

let locale = 'en'
const cache = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>()

export function setFormatLocale(next: string): void {
  if (next === locale) return
  locale = next
  cache.clear()
}

function cached<T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined
  if (!f) cache.set(key, (f = make()))
  return f
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const

/** Decimal units, like the docker CLI prints sizes ("1.2 MB", "340 kB"). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '–'
  let i = 0
  let v = n
  while (v >= 1000 && i < byteUnits.length - 1) {
    v /= 1000
    i++
  }
  // Intl's English short name for a plain byte is "byte"; "B" is what every locale's docker shows.
  if (i === 0) return `${formatNumber(v)} B`
  const digits = v >= 100 ? 0 : 1
  const f = cached(`bytes:${i}:${digits}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: byteUnits[i], unitDisplay: 'short', minimumFractionDigits: digits, maximumFractionDigits: digits }))
  return f.format(v)
}

export function formatNumber(n: number): string {
  return cached('number', () => new Intl.NumberFormat(locale)).format(n)
}

export function formatPercent(fraction: number): string {
  return cached('percent', () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(fraction)
}

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1]
]

/** "3 minutes ago" / "3 分钟前". */
export function formatRelative(epochMs: number, now = Date.now()): string {
  const rtf = cached('relative', () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }))
  const diff = (epochMs - now) / 1000
  for (const [unit, secs] of steps) {
    if (Math.abs(diff) >= secs || unit === 'second') return rtf.format(Math.round(diff / secs), unit)
  }
  return ''
}

export function formatExact(epochMs: number): string {
  return cached('exact', () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })).format(new Date(epochMs))
}

function unit(u: 'hour' | 'minute' | 'second', n: number): string {
  return cached(`dur:${u}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' })).format(n)
}

/** "1m 5s" / "1分钟5秒": the two largest units. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–'
  const s = Math.max(0, Math.round(seconds))
  const sep = locale.startsWith('zh') ? '' : ' '
  if (s < 60) return unit('second', s)
  if (s < 3600) return unit('minute', Math.floor(s / 60)) + sep + unit('second', s % 60)
  return unit('hour', Math.floor(s / 3600)) + sep + unit('minute', Math.floor((s % 3600) / 60))
}

export function shortDigest(digest: string | undefined): string {
  if (!digest) return ''
  return digest.replace(/^sha256:/, '').slice(0, 12)
}

/** Who Berth signs in as and from where, in one sentence (never the password). */
export function credentialLine(t: TFunction, info: CredentialStatus | undefined): string {
  if (!info) return t('credentials.checking')
  if (info.source === 'none') return t('credentials.none')
  const source = { berth: t('credentials.source.berth'), 'docker-config': t('credentials.source.dockerConfig'), 'credential-helper': t('credentials.source.helper') }[info.source]
  const user = info.username ?? t('credentials.token')
  return info.helper ? t('credentials.signedInHelper', { user, source, helper: `docker-credential-${info.helper}` }) : t('credentials.signedIn', { user, source })
}
