// "Which repositories have tag 1.8.0", or tags matching 1.8.* — over the tag lists in the index.
import type { TagSearchResult } from '@shared/contract/catalog'
import type { TagsRecord } from './catalogIndex'

/** An exact tag, or a glob: * is any run of characters, ? one character. */
export function tagMatcher(query: string): (tag: string) => boolean {
  const q = query.trim()
  if (!/[*?]/.test(q)) return (tag) => tag === q
  const source = q.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  const re = new RegExp(`^${source}$`)
  return (tag) => re.test(tag)
}

/** Searches the repositories of `catalog` (in its order) whose indexed tags match. */
export function searchTags(query: string, catalog: readonly string[], index: TagsRecord['repositories'], limit: number): TagSearchResult {
  const matches = tagMatcher(query)
  const out: TagSearchResult['matches'] = []
  let indexed = 0
  let truncated = false
  for (const repository of catalog) {
    const entry = index[repository]
    if (!entry) continue
    indexed++
    if (truncated) continue
    const tags = entry.tags.filter(matches)
    if (tags.length === 0) continue
    if (out.length >= limit) truncated = true
    else out.push({ repository, tags })
  }
  return { query: query.trim(), matches: out, truncated, indexed, total: catalog.length }
}
