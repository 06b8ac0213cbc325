// Which tags a retention rule deletes: pure, so the preview and its tests need no registry.
import type { RetentionCandidate, RetentionRule } from '@shared/contract/retention'
import { m } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

export type DatedTag = Omit<RetentionCandidate, 'reason'>

const DAY_MS = 24 * 3600 * 1000

/** `team/*` → /^team\/.*$/; a name without `*` matches only itself. */
export function repositoryMatcher(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`)
  return (name) => re.test(name)
}

export interface TagPlan {
  delete: RetentionCandidate[]
  undated: string[]
}

/**
 * Tags matching the keep expression always stay and take no place among the newest N. Of the
 * others, newest first by created date, a tag goes when it is not among the newest `keepLast`
 * (if set) and is older than `olderThanDays` (if set). Undated tags stay.
 */
export function planTags(rule: RetentionRule, tags: DatedTag[], now: number): TagPlan {
  const keep = new RegExp(rule.keep || '(?!)')
  const subject = tags.filter((t) => !keep.test(t.tag))
  const dated = subject.filter((t) => t.created && !Number.isNaN(Date.parse(t.created)))
  const undated = subject.filter((t) => !dated.includes(t)).map((t) => t.tag)
  // Ties (same date) break by name so the plan is the same every time.
  dated.sort((a, b) => Date.parse(b.created!) - Date.parse(a.created!) || a.tag.localeCompare(b.tag))
  const out: RetentionCandidate[] = []
  dated.forEach((t, rank) => {
    const age = Math.floor((now - Date.parse(t.created!)) / DAY_MS)
    const beyondLast = rule.keepLast === undefined || rank >= rule.keepLast
    const oldEnough = rule.olderThanDays === undefined || age > rule.olderThanDays
    if (!beyondLast || !oldEnough) return
    const why = [rule.keepLast !== undefined ? m('retention.why.notNewest', { count: rule.keepLast }) : undefined, rule.olderThanDays !== undefined ? m('retention.why.age', { count: age }) : undefined].filter((x) => x !== undefined)
    out.push({ tag: t.tag, digest: t.digest, created: t.created, reason: why.map(inEnglish).join('; '), reasonMsgs: why })
  })
  return { delete: out, undated }
}
