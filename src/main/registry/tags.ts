// Tag lists. registry 2.8 ignores n/last and returns every tag unordered; v3 and others
// paginate with Link. Either way: follow Link, then sort for people.
import { notARegistry, parseJsonBody, type ErrorContext } from './errors'
import { checkRepository, isRepositoryName } from './names'
import { parseLinkNext } from './pagination'
import { sortTags } from '@shared/tagOrder'
import { repositoryScope, type Transport } from './transport'
import { m } from '@shared/i18n/message'

const MAX_PAGES = 10_000

/**
 * Whether a repository is there, in one small request (`n=1`; registry 2.8 ignores it and
 * sends all tags, still one request). Any refusal or error counts as no: callers only use it
 * to decide whether a guess is worth a request.
 */
export async function hasRepository(t: Transport, repository: string): Promise<boolean> {
  if (!isRepositoryName(repository)) return false
  try {
    const ctx: ErrorContext = { address: t.address, what: m('what.reg.tags', { repository }), repository }
    await t.request({ url: `/v2/${repository}/tags/list?n=1`, scope: repositoryScope(repository), ctx })
    return true
  } catch {
    return false
  }
}

export async function listTags(t: Transport, repository: string): Promise<string[]> {
  checkRepository(repository)
  const ctx: ErrorContext = { address: t.address, what: m('what.reg.tags', { repository }), repository }
  const all = new Set<string>()
  const visited = new Set<string>()
  let url: string | URL = `/v2/${repository}/tags/list`
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await t.request({ url, scope: repositoryScope(repository), ctx })
    const json = parseJsonBody(res, ctx) as { tags?: unknown }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw notARegistry(ctx, res, m('errors.reg.why.noTagList'))
    // After deletes registry:2 answers `"tags": null`.
    const tags = Array.isArray(json.tags) ? json.tags.filter((x): x is string => typeof x === 'string') : []
    for (const tag of tags) all.add(tag)
    const next = parseLinkNext(res.headers.link, res.url)
    if (!next || tags.length === 0 || visited.has(next.href) || !t.isRegistryOrigin(next)) break
    visited.add(next.href)
    url = next
  }
  return sortTags(all)
}
