// Retention rules: for the repositories a pattern matches, keep the newest N tags and/or delete
// tags older than D days, never touching tags that match a "keep" expression. A preview lists
// exactly what Apply deletes (Apply takes the preview itself), one tag at a time, tag-only.
import { z } from 'zod'
import { digest, registryId, repository, tag } from './fields'
import type { TagDeleteFailure } from './browse'
import type { Msg } from '../i18n/message'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { ItemError } from './explained'

/** `latest` and semver release tags (1.2.3, v1.2.3; no pre-release suffix). */
export const DEFAULT_KEEP_PATTERN = '^(latest|v?\\d+\\.\\d+\\.\\d+)$'

export interface RetentionRule {
  id: string
  /** Repository name, or a pattern with `*` (any characters, `/` included), e.g. `team/*`. */
  repositories: string
  /** Keep the newest N tags (by created date). */
  keepLast?: number
  /** Delete tags created more than D days ago. */
  olderThanDays?: number
  /** Tags matching this regular expression are always kept. */
  keep: string
}

export interface RetentionCandidate {
  tag: string
  digest: string
  created?: string
  /** Why it goes, e.g. "not among the newest 5; 40 days old". */
  reason: string
  /** `reason` as catalog messages (each part one), in the user's language. */
  reasonMsgs?: Msg[]
}

export interface RetentionRepositoryPlan extends ItemError {
  repository: string
  delete: RetentionCandidate[]
  /** Tags kept because no created date could be read (never deleted blindly). */
  undated: string[]
  tagCount: number
  /** Bytes no kept tag of the repository uses: what GC frees after Apply. */
  freedBytes: number
}

export interface RetentionPreview {
  rule: RetentionRule
  repositories: RetentionRepositoryPlan[]
  deleteCount: number
  freedBytes: number
}

export interface RetentionApplyResult {
  deleted: { repository: string; tag: string }[]
  failed: (TagDeleteFailure & { repository: string })[]
}


function validRegex(s: string): boolean {
  try {
    new RegExp(s)
    return true
  } catch {
    return false
  }
}

export const retentionRuleSchema = z
  .object({
    id: z.string().trim().regex(/^[A-Za-z0-9-]{1,64}$/, said(m('errors.input.ruleId'))),
    repositories: z
      .string()
      .trim()
      .min(1, said(m('errors.input.whichRepositories')))
      .max(255, said(m('errors.input.patternTooLong')))
      .regex(/^[a-z0-9*][a-z0-9._/*-]*$/, said(m('errors.input.patternChars'))),
    keepLast: z.number().int(said(m('errors.input.keepWhole'))).min(0, said(m('errors.input.keepMin'))).max(100_000).optional(),
    olderThanDays: z.number().int(said(m('errors.input.daysWhole'))).min(0, said(m('errors.input.daysMin'))).max(36_500).optional(),
    keep: z.string().max(500, said(m('errors.input.keepTooLong'))).refine(validRegex, said(m('errors.input.keepRegex')))
  })
  .refine((r) => r.keepLast !== undefined || r.olderThanDays !== undefined, said(m('errors.input.ruleNeedsLimit')))

const target = z.object({ tag, digest })

export const retentionCalls = {
  'retention.rules': z.object({ registryId }),
  /** Adds or replaces (same id) a rule of this registry. */
  'retention.saveRule': z.object({ registryId, rule: retentionRuleSchema }),
  'retention.removeRule': z.object({ registryId, ruleId: z.string().min(1).max(64) }),
  /** What the rule would delete now, with the bytes freed; nothing is deleted. */
  'retention.preview': z.object({ registryId, rule: retentionRuleSchema }),
  /** Deletes exactly a preview's tags (tag-only, one at a time); a tag that moved since is reported, not deleted. */
  'retention.apply': z.object({ registryId, plan: z.array(z.object({ repository, targets: z.array(target).max(10_000) })).max(10_000) })
}

/** Calls that only read (a preview deletes nothing). */
export const retentionReadOnly = ['retention.rules', 'retention.preview'] as const satisfies readonly (keyof typeof retentionCalls)[]

export interface RetentionResults {
  'retention.rules': RetentionRule[]
  'retention.saveRule': RetentionRule[]
  'retention.removeRule': RetentionRule[]
  'retention.preview': RetentionPreview
  'retention.apply': RetentionApplyResult
}
