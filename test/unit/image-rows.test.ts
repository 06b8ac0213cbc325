import { describe, expect, it } from 'vitest'
import type { ImageSummary } from '@shared/contract'
import { filterAndSort, toRows } from '../../src/renderer/src/features/images/imageRows'

const img = (over: Partial<ImageSummary>): ImageSummary => ({
  id: 'sha256:' + 'a'.repeat(64),
  shortId: 'aaaaaaaaaaaa',
  repoTags: [],
  repoDigests: [],
  created: 1_700_000_000,
  size: 100,
  containers: 0,
  dangling: false,
  ...over
})

const images = [
  img({ id: 'sha256:1', shortId: '111111111111', repoTags: ['web:1.10', 'web:1.9', 'localhost:5000/web:latest'], created: 30, size: 500 }),
  img({ id: 'sha256:2', shortId: '222222222222', repoTags: ['api:2.0'], created: 20, size: 300, containers: 2 }),
  img({ id: 'sha256:3', shortId: '3abcdef01234', repoTags: [], dangling: true, created: 10, size: 50 })
]

describe('image rows', () => {
  it('makes one row per tag and a <none> row for an untagged image', () => {
    const rows = toRows(images)
    expect(rows).toHaveLength(5)
    expect(rows.find((r) => r.ref === 'localhost:5000/web:latest')).toMatchObject({ repository: 'localhost:5000/web', tag: 'latest' })
    expect(rows.find((r) => r.dangling)).toMatchObject({ repository: '<none>', tag: '<none>', ref: 'sha256:3' })
    expect(rows.find((r) => r.repository === 'api')?.inUse).toBe(true)
  })

  const all = toRows(images)
  const base = { text: '', showDangling: true, onlyInUse: false }

  it('filters by name, tag and ID prefix', () => {
    expect(filterAndSort(all, { ...base, text: 'WEB' }, { key: 'tag', dir: 'asc' }).map((r) => r.tag)).toEqual(['1.9', '1.10', 'latest'])
    expect(filterAndSort(all, { ...base, text: '2.0' }, { key: 'tag', dir: 'asc' }).map((r) => r.ref)).toEqual(['api:2.0'])
    expect(filterAndSort(all, { ...base, text: 'sha256:3abc' }, { key: 'tag', dir: 'asc' })).toHaveLength(1)
  })

  it('hides dangling images and shows only in-use ones on request', () => {
    expect(filterAndSort(all, { ...base, showDangling: false }, { key: 'size', dir: 'asc' }).some((r) => r.dangling)).toBe(false)
    expect(filterAndSort(all, { ...base, onlyInUse: true }, { key: 'size', dir: 'asc' }).map((r) => r.ref)).toEqual(['api:2.0'])
  })

  it('sorts each column both ways, versions in natural order', () => {
    expect(filterAndSort(all, base, { key: 'size', dir: 'desc' })[0]!.size).toBe(500)
    expect(filterAndSort(all, base, { key: 'created', dir: 'asc' })[0]!.dangling).toBe(true)
    expect(filterAndSort(all, base, { key: 'repository', dir: 'asc' }).map((r) => r.ref)).toEqual([
      'sha256:3',
      'api:2.0',
      'localhost:5000/web:latest',
      'web:1.9',
      'web:1.10'
    ])
  })

  it('filters 5,000 images x 2 tags without trouble', () => {
    const many = Array.from({ length: 5000 }, (_, i) => img({ id: `sha256:${i}`, shortId: String(i).padStart(12, '0'), repoTags: [`repo${i}:v${i}`, `mirror/repo${i}:latest`], created: i }))
    const rows = toRows(many)
    expect(rows).toHaveLength(10_000)
    expect(filterAndSort(rows, { ...base, text: 'repo4999' }, { key: 'created', dir: 'desc' })).toHaveLength(2)
  })
})
