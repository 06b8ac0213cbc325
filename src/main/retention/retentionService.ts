// Retention rules: saved per registry, previewed (nothing deleted) and applied. Apply deletes
// exactly the previewed tags, one at a time, each through the tag-only delete.
import { isBerthError, toBerthError } from '@shared/contract/errors'
import type { RetentionApplyResult, RetentionPreview, RetentionRepositoryPlan, RetentionRule } from '@shared/contract/retention'
import type { BrowseService } from '../browse'
import { mapLimit, type RegistryClient } from '../registry'
import { freedBytes, measureTags } from '../space/measure'
import type { ManifestCache } from '../space/manifestCache'
import { planTags, repositoryMatcher, type DatedTag } from './plan'
import { RulesFile } from './rulesFile'

/** Tags described per call (the browse contract's own limit). */
const SUMMARY_BATCH = 100
const REPOSITORY_CONCURRENCY = 2

export interface RetentionServiceOptions {
  browse: BrowseService
  cache: ManifestCache
  rulesFile: string
  now?: () => number
}

export class RetentionService {
  private readonly rules: RulesFile

  constructor(private readonly opts: RetentionServiceOptions) {
    this.rules = new RulesFile(opts.rulesFile)
  }

  list(registryId: string): Promise<RetentionRule[]> {
    return this.rules.list(registryId)
  }

  save(registryId: string, rule: RetentionRule): Promise<RetentionRule[]> {
    return this.rules.save(registryId, rule)
  }

  remove(registryId: string, ruleId: string): Promise<RetentionRule[]> {
    return this.rules.remove(registryId, ruleId)
  }

  async preview(registryId: string, rule: RetentionRule): Promise<RetentionPreview> {
    const now = (this.opts.now ?? Date.now)()
    const repositories = await this.opts.browse.withClient(registryId, (c) => matchingRepositories(c, rule.repositories))
    const plans = await mapLimit(repositories, REPOSITORY_CONCURRENCY, (repository) => this.planRepository(registryId, repository, rule, now))
    const withTags = plans.filter((p) => p.tagCount > 0 || p.error)
    return {
      rule,
      repositories: withTags,
      deleteCount: withTags.reduce((n, p) => n + p.delete.length, 0),
      freedBytes: withTags.reduce((n, p) => n + p.freedBytes, 0)
    }
  }

  async apply(registryId: string, plan: { repository: string; targets: { tag: string; digest: string }[] }[]): Promise<RetentionApplyResult> {
    const out: RetentionApplyResult = { deleted: [], failed: [] }
    for (const { repository, targets } of plan) {
      if (targets.length === 0) continue
      try {
        const r = await this.opts.browse.deleteTags(registryId, repository, targets, 'tag')
        out.deleted.push(...r.deleted.map((tag) => ({ repository, tag })))
        out.failed.push(...r.failed.map((f) => ({ ...f, repository })))
      } catch (e) {
        // Deletes off, signed out: every tag of this repository failed for that one reason.
        const b = toBerthError(e)
        const f = { code: b.code, message: b.message, msg: b.msg, ...(b.hint ? { hint: b.hint, hintMsg: b.hintMsg } : {}) }
        out.failed.push(...targets.map((t) => ({ repository, tag: t.tag, ...f })))
      }
    }
    return out
  }

  private async planRepository(registryId: string, repository: string, rule: RetentionRule, now: number): Promise<RetentionRepositoryPlan> {
    const { browse, cache } = this.opts
    try {
      const { tags } = await browse.tags(registryId, repository)
      const dated: DatedTag[] = []
      for (let i = 0; i < tags.length; i += SUMMARY_BATCH) {
        const rows = await browse.tagSummaries(registryId, repository, tags.slice(i, i + SUMMARY_BATCH))
        dated.push(...rows.filter((r) => !r.error).map((r) => ({ tag: r.tag, digest: r.digest, ...(r.created ? { created: r.created } : {}) })))
      }
      const plan = planTags(rule, dated, now)
      const described = new Set(dated.map((d) => d.tag))
      const undated = [...plan.undated, ...tags.filter((t) => !described.has(t))]
      const gone = new Set(plan.delete.map((d) => d.tag))
      const freed = gone.size === 0 ? 0 : freedBytes(await browse.withClient(registryId, (c) => measureTags(c, cache, repository, tags)), gone)
      return { repository, delete: plan.delete, undated, tagCount: tags.length, freedBytes: freed }
    } catch (e) {
      if (isBerthError(e) && e.code === 'NOT_FOUND') return { repository, delete: [], undated: [], tagCount: 0, freedBytes: 0 }
      return { repository, delete: [], undated: [], tagCount: 0, freedBytes: 0, error: toBerthError(e).message, errorMsg: toBerthError(e).msg }
    }
  }
}

/** A plain name is itself (registries without a catalog work too); a pattern walks the catalog. */
async function matchingRepositories(c: RegistryClient, pattern: string): Promise<string[]> {
  if (!pattern.includes('*')) return [pattern]
  const matches = repositoryMatcher(pattern)
  const out: string[] = []
  for await (const page of c.catalogAll()) out.push(...page.repositories.filter(matches))
  return out
}
