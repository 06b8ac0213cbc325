import type { CredentialStatus } from '@shared/contract'

const units = ['B', 'kB', 'MB', 'GB', 'TB']

/** Decimal units, like the docker CLI prints sizes. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '–'
  let i = 0
  let v = n
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000
    i++
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1]
]

export function formatRelative(epochMs: number, now = Date.now()): string {
  const diff = (epochMs - now) / 1000
  for (const [unit, secs] of steps) {
    if (Math.abs(diff) >= secs || unit === 'second') return rtf.format(Math.round(diff / secs), unit)
  }
  return ''
}

export function formatExact(epochMs: number): string {
  return new Date(epochMs).toLocaleString()
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–'
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`
}

export function shortDigest(digest: string | undefined): string {
  if (!digest) return ''
  return digest.replace(/^sha256:/, '').slice(0, 12)
}

const CREDENTIAL_SOURCE = { berth: 'saved in Berth', 'docker-config': 'from Docker’s config.json', 'credential-helper': 'from a Docker credential helper' } as const

/** Who Berth signs in as and from where, in one sentence (never the password). */
export function credentialLine(info: CredentialStatus | undefined): string {
  if (!info) return 'Checking credentials…'
  if (info.source === 'none') return 'No credentials: Berth pushes and pulls anonymously.'
  const helper = info.helper ? ` (docker-credential-${info.helper})` : ''
  return `Signed in as ${info.username ?? '(token)'}, ${CREDENTIAL_SOURCE[info.source]}${helper}.`
}
