import type { ImageSummary } from '@shared/contract'

/** One table row per tag, like `docker images`; an untagged image is one `<none>` row. */
export interface ImageRow {
  key: string
  id: string
  shortId: string
  repository: string
  tag: string
  /** repo:tag, or the ID for an untagged image: what actions act on. */
  ref: string
  created: number
  size: number
  inUse: boolean
  dangling: boolean
}

export type SortKey = 'repository' | 'tag' | 'id' | 'created' | 'size'
export interface Sort {
  key: SortKey
  dir: 'asc' | 'desc'
}

export interface RowFilter {
  text: string
  showDangling: boolean
  onlyInUse: boolean
}

export function toRows(images: ImageSummary[]): ImageRow[] {
  const rows: ImageRow[] = []
  for (const img of images) {
    const base = { id: img.id, shortId: img.shortId, created: img.created * 1000, size: img.size, inUse: img.containers > 0, dangling: img.dangling }
    if (img.repoTags.length === 0) {
      rows.push({ ...base, key: img.id, repository: '<none>', tag: '<none>', ref: img.id })
      continue
    }
    for (const rt of img.repoTags) {
      const i = rt.lastIndexOf(':')
      rows.push({ ...base, key: `${img.id}|${rt}`, repository: rt.slice(0, i), tag: rt.slice(i + 1), ref: rt })
    }
  }
  return rows
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

const compare: Record<SortKey, (a: ImageRow, b: ImageRow) => number> = {
  repository: (a, b) => collator.compare(a.repository, b.repository) || collator.compare(a.tag, b.tag),
  tag: (a, b) => collator.compare(a.tag, b.tag),
  id: (a, b) => a.shortId.localeCompare(b.shortId),
  created: (a, b) => a.created - b.created,
  size: (a, b) => a.size - b.size
}

export function filterAndSort(rows: ImageRow[], filter: RowFilter, sort: Sort): ImageRow[] {
  const needle = filter.text.trim().toLowerCase()
  const out = rows.filter(
    (r) =>
      (filter.showDangling || !r.dangling) &&
      (!filter.onlyInUse || r.inUse) &&
      (!needle || r.repository.toLowerCase().includes(needle) || r.tag.toLowerCase().includes(needle) || r.shortId.startsWith(needle.replace(/^sha256:/, '')))
  )
  const cmp = compare[sort.key]
  out.sort(sort.dir === 'asc' ? cmp : (a, b) => cmp(b, a))
  return out
}
