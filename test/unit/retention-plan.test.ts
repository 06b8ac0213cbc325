import { describe, expect, it } from 'vitest'
import { DEFAULT_KEEP_PATTERN, retentionRuleSchema, type RetentionRule } from '@shared/contract/retention'
import { planTags, repositoryMatcher } from '../../src/main/retention/plan'

const now = Date.parse('2025-06-01T00:00:00Z')
const day = (n: number): string => new Date(now - n * 24 * 3600 * 1000).toISOString()
const tags = [
  { tag: 'latest', digest: 'sha256:l', created: day(100) },
  { tag: '1.2.3', digest: 'sha256:r', created: day(90) },
  { tag: '1.3.0-rc1', digest: 'sha256:rc', created: day(80) },
  { tag: 'build-1', digest: 'sha256:b1', created: day(60) },
  { tag: 'build-2', digest: 'sha256:b2', created: day(20) },
  { tag: 'build-3', digest: 'sha256:b3', created: day(2) },
  { tag: 'nodate', digest: 'sha256:n' }
]
const rule = (r: Partial<RetentionRule>): RetentionRule => ({ id: 'r1', repositories: 'team/*', keep: DEFAULT_KEEP_PATTERN, ...r })

describe('retention plan', () => {
  it('keeps the newest N (kept-pattern tags take no place among them), never an undated tag', () => {
    const p = planTags(rule({ keepLast: 2 }), tags, now)
    expect(p.delete.map((d) => d.tag)).toEqual(['build-1', '1.3.0-rc1'])
    expect(p.delete[0]!.reason).toBe('not among the newest 2')
    expect(p.undated).toEqual(['nodate'])
  })

  it('deletes only tags older than D days, and with both conditions only tags meeting both', () => {
    expect(planTags(rule({ olderThanDays: 30 }), tags, now).delete.map((d) => d.tag)).toEqual(['build-1', '1.3.0-rc1'])
    expect(planTags(rule({ olderThanDays: 10 }), tags, now).delete.map((d) => d.tag)).toEqual(['build-2', 'build-1', '1.3.0-rc1'])
    expect(planTags(rule({ keepLast: 3, olderThanDays: 10 }), tags, now).delete.map((d) => d.tag)).toEqual(['1.3.0-rc1'])
    expect(planTags(rule({ olderThanDays: 30 }), tags, now).delete[0]!.reason).toBe('60 days old')
  })

  it('an empty keep expression keeps nothing by name', () => {
    expect(planTags(rule({ keepLast: 0, keep: '' }), tags, now).delete).toHaveLength(6)
  })

  it('matches repositories by name or * pattern', () => {
    expect(repositoryMatcher('team/*')('team/app')).toBe(true)
    expect(repositoryMatcher('team/*')('team/a/b')).toBe(true)
    expect(repositoryMatcher('team/*')('teams/app')).toBe(false)
    expect(repositoryMatcher('team/app')('team/app')).toBe(true)
    expect(repositoryMatcher('team/app')('team/app2')).toBe(false)
    expect(repositoryMatcher('a.b')('axb')).toBe(false)
  })

  it('validates rules: a condition is required and the keep expression must compile', () => {
    expect(retentionRuleSchema.safeParse(rule({})).success).toBe(false)
    expect(retentionRuleSchema.safeParse(rule({ keepLast: 1, keep: '(' })).success).toBe(false)
    expect(retentionRuleSchema.safeParse(rule({ keepLast: 1, repositories: 'Team/App' })).success).toBe(false)
    expect(retentionRuleSchema.safeParse(rule({ keepLast: 1 })).success).toBe(true)
  })
})
