import { describe, expect, it } from 'vitest'
import type { ImageSummary } from '@shared/contract'
import { toRows } from '../../src/renderer/src/features/images/imageRows'
import { emptySelection, imagesFor, nextSelection } from '../../src/renderer/src/features/images/selection'

const img = (n: number, tags: string[]): ImageSummary => ({
  id: `sha256:${n}`,
  shortId: String(n).padStart(12, '0'),
  repoTags: tags,
  repoDigests: [],
  created: n,
  size: n,
  containers: 0,
  dangling: tags.length === 0
})
const rows = toRows([img(1, ['a:1']), img(2, ['b:1']), img(3, ['c:1']), img(4, [])])
const [a, b, c, none] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0]]

describe('image row selection', () => {
  it('a plain click selects one row and clears the multi-selection', () => {
    const s = nextSelection({ key: a.key, keys: new Set([a.key, b.key]) }, c, rows)
    expect(s).toEqual({ key: c.key, keys: new Set() })
  })

  it('Ctrl/⌘-click adds and removes rows, starting from the row already open', () => {
    let s = nextSelection(nextSelection(emptySelection, a, rows), c, rows, { additive: true, range: false })
    expect([...s.keys]).toEqual([a.key, c.key])
    s = nextSelection(s, a, rows, { additive: true, range: false })
    expect([...s.keys]).toEqual([c.key])
  })

  it('Shift-click selects the visible range from the last clicked row', () => {
    const s = nextSelection(nextSelection(emptySelection, c, rows), a, rows, { additive: false, range: true })
    expect([...s.keys].sort()).toEqual([a.key, b.key, c.key].sort())
    expect(s.key).toBe(c.key)
  })

  it('a drag carries the whole multi-selection only when it starts on a selected row', () => {
    const s = { key: a.key, keys: new Set([a.key, b.key]) }
    expect(imagesFor(s, b, rows)).toEqual([
      { id: 'sha256:1', ref: 'a:1' },
      { id: 'sha256:2', ref: 'b:1' }
    ])
    expect(imagesFor(s, c, rows)).toEqual([{ id: 'sha256:3', ref: 'c:1' }])
    expect(imagesFor(emptySelection, none, rows)).toEqual([{ id: 'sha256:4', ref: undefined }])
  })
})
