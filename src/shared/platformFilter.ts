// The platform filter of sync sets ("linux/amd64", "linux/arm/v7"): one rule for the form, the
// contract and the copy. A filter without a variant matches every variant of that os/arch.
import { m, type Msg } from './i18n/message'

export interface Platform {
  os?: string
  architecture?: string
  variant?: string
}

const PART = /^[a-z0-9._-]+$/

export function platformError(value: string): Msg | null {
  const parts = value.trim().toLowerCase().split('/')
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !PART.test(p))) return m('errors.input.platform', { value })
  return null
}

export function matchesPlatform(p: Platform | undefined, filter: readonly string[]): boolean {
  if (!p?.os || !p.architecture) return false
  return filter.some((f) => {
    const [os, arch, variant] = f.trim().toLowerCase().split('/')
    return p.os!.toLowerCase() === os && p.architecture!.toLowerCase() === arch && (variant === undefined || (p.variant ?? '').toLowerCase() === variant)
  })
}

export const platformLabel = (p: Platform): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/')
