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

/**
 * Where each name of a stored catalog stands, built once per catalog (the index hands out the
 * same array until the next walk is saved): a search then visits the indexed repositories only,
 * not the whole catalog (100,000 names cost ~35 ms a query to walk, the tag index 1,000).
 */
const positions = new WeakMap<readonly string[], Map<string, number>>()
function positionsOf(catalog: readonly string[]): Map<string, number> {
  let map = positions.get(catalog)
  if (!map) {
    map = new Map(catalog.map((name, i) => [name, i]))
    positions.set(catalog, map)
  }
  return map
}

/** Searches the repositories of `catalog` (in its order) whose indexed tags match. */
export function searchTags(query: string, catalog: readonly string[], index: TagsRecord['repositories'], limit: number): TagSearchResult {
  const matches = tagMatcher(query)
  const where = positionsOf(catalog)
  const listed: [number, string][] = []
  for (const repository of Object.keys(index)) {
    const at = where.get(repository)
    if (at !== undefined) listed.push([at, repository])
  }
  listed.sort((a, b) => a[0] - b[0])
  const out: TagSearchResult['matches'] = []
  let truncated = false
  for (const [, repository] of listed) {
    const tags = index[repository]!.tags.filter(matches)
    if (tags.length === 0) continue
    if (out.length >= limit) {
      truncated = true
      break
    }
    out.push({ repository, tags })
  }
  return { query: query.trim(), matches: out, truncated, indexed: listed.length, total: catalog.length }
}
