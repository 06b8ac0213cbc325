import { useVirtualRows } from '../../lib/useVirtualRows'
import { formatBytes, formatExact, formatRelative } from '../../lib/format'
import { IMAGE_DRAG_TYPE, type DraggedImage } from '../../lib/dragImage'
import type { ImageRow, Sort, SortKey } from './imageRows'

const columns: { key: SortKey; label: string }[] = [
  { key: 'repository', label: 'Repository' },
  { key: 'tag', label: 'Tag' },
  { key: 'id', label: 'Image ID' },
  { key: 'created', label: 'Created' },
  { key: 'size', label: 'Size' }
]

const ROW_HEIGHT = 34

interface Props {
  rows: ImageRow[]
  sort: Sort
  selectedKey: string | undefined
  onSort(key: SortKey): void
  /** mods: Ctrl/⌘-click adds or removes a row, Shift-click selects a range (multi-select). */
  onSelect(row: ImageRow, mods?: { additive: boolean; range: boolean }): void
  onContextMenu?(row: ImageRow, e: React.MouseEvent): void
  /** Rows selected besides selectedKey (multi-select). */
  selectedKeys?: ReadonlySet<string>
  /** What dragging this row carries: every selected row when it is part of a multi-selection. */
  dragImages?(row: ImageRow): DraggedImage[]
}

/** Virtualized: only the rows on screen exist in the DOM, so 5,000 images scroll smoothly. */
export function ImagesTable({ rows, sort, selectedKey, onSort, onSelect, onContextMenu, selectedKeys, dragImages }: Props): React.JSX.Element {
  const { scrollRef, virtualizer } = useVirtualRows(rows.length, ROW_HEIGHT, 12)

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const i = rows.findIndex((r) => r.key === selectedKey)
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : -2
    if (next === -2 || next < 0 || next >= rows.length) return
    e.preventDefault()
    onSelect(rows[next]!)
    virtualizer.scrollToIndex(next)
  }

  return (
    <div className="table" role="grid" aria-rowcount={rows.length} aria-label="Local images" aria-multiselectable={selectedKeys ? true : undefined}>
      <div className="table-head images-grid" role="row">
        {columns.map((c) => (
          <button
            key={c.key}
            role="columnheader"
            className="th"
            aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            onClick={() => onSort(c.key)}
          >
            {c.label} {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
          </button>
        ))}
      </div>
      <div className="table-body" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} data-testid="images-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!
            const selected = row.key === selectedKey || !!selectedKeys?.has(row.key)
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={v.index + 1}
                aria-selected={selected}
                className={`tr images-grid${selected ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                onClick={(e) => onSelect(row, { additive: e.ctrlKey || e.metaKey, range: e.shiftKey })}
                onContextMenu={(e) => onContextMenu?.(row, e)}
                draggable
                onDragStart={(e) => {
                  const payload: DraggedImage[] = dragImages?.(row) ?? [{ id: row.id, ref: row.dangling ? undefined : row.ref }]
                  e.dataTransfer.setData(IMAGE_DRAG_TYPE, JSON.stringify(payload))
                  e.dataTransfer.setData('text/plain', payload.map((p) => p.ref ?? p.id).join('\n'))
                  e.dataTransfer.effectAllowed = 'copy'
                }}
                data-testid="image-row"
              >
                <span role="gridcell" className="cell-repo" title={row.repository}>
                  {row.repository}
                  {row.inUse && <span className="pill">in use</span>}
                </span>
                <span role="gridcell" className={row.dangling ? 'muted' : ''}>
                  {row.tag}
                </span>
                <span role="gridcell" className="mono">
                  {row.shortId}
                </span>
                <span role="gridcell" title={formatExact(row.created)}>
                  {formatRelative(row.created)}
                </span>
                <span role="gridcell" className="num">
                  {formatBytes(row.size)}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
