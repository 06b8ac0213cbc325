import type { DraggedImage } from '../../lib/dragImage'
import type { ImageRow } from './imageRows'

/** Which rows are selected: `key` opens the details pane; `keys` is a multi-selection (Ctrl/⌘, Shift). */
export interface Selection {
  key?: string
  keys: ReadonlySet<string>
}

export interface ClickModifiers {
  /** Ctrl/⌘-click: add or remove this row. */
  additive: boolean
  /** Shift-click: every visible row between the last clicked and this one. */
  range: boolean
}

export const emptySelection: Selection = { keys: new Set() }

export function nextSelection(sel: Selection, row: ImageRow, visible: ImageRow[], mods?: ClickModifiers): Selection {
  if (mods?.range && sel.key) {
    const a = visible.findIndex((r) => r.key === sel.key)
    const b = visible.findIndex((r) => r.key === row.key)
    if (a >= 0 && b >= 0) return { key: sel.key, keys: new Set(visible.slice(Math.min(a, b), Math.max(a, b) + 1).map((r) => r.key)) }
  }
  if (mods?.additive) {
    const keys = new Set(sel.keys.size ? sel.keys : sel.key ? [sel.key] : [])
    if (keys.has(row.key)) keys.delete(row.key)
    else keys.add(row.key)
    return { key: row.key, keys }
  }
  return { key: row.key, keys: new Set() }
}

/** What a drag or "Push to…" on `row` carries: the whole multi-selection when the row is part of it. */
export function imagesFor(sel: Selection, row: ImageRow, visible: ImageRow[]): DraggedImage[] {
  const picked = sel.keys.size > 1 && sel.keys.has(row.key) ? visible.filter((r) => sel.keys.has(r.key)) : [row]
  return picked.map((r) => ({ id: r.id, ref: r.dangling ? undefined : r.ref }))
}
