import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useVirtualRows } from '../../lib/useVirtualRows'
import { formatBytes, formatExact, formatRelative } from '../../lib/format'
import { IMAGE_DRAG_TYPE, type DraggedImage } from '../../lib/dragImage'
import type { ImageRow, Sort, SortKey } from './imageRows'

const columns: SortKey[] = ['repository', 'tag', 'id', 'created', 'size']

function columnLabel(t: TFunction, key: SortKey): string {
  return { repository: t('images.col.repository'), tag: t('images.col.tag'), id: t('images.col.id'), created: t('images.col.created'), size: t('images.col.size') }[key]
}

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

/**
 * Virtualized: only the rows on screen exist in the DOM, so 5,000 images scroll smoothly.
 * A grid for assistive technology: the grid itself takes focus (arrow keys move the selection,
 * aria-activedescendant names the selected row), aria-rowcount/rowindex give the full size
 * although few rows exist, and the column headers carry aria-sort.
 */
export function ImagesTable({ rows, sort, selectedKey, onSort, onSelect, onContextMenu, selectedKeys, dragImages }: Props): React.JSX.Element {
  const { t } = useTranslation()
  const idPrefix = useId()
  const { scrollRef, virtualizer } = useVirtualRows(rows.length, ROW_HEIGHT, 12)

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const i = rows.findIndex((r) => r.key === selectedKey)
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : -2
    if (next === -2 || next < 0 || next >= rows.length) return
    e.preventDefault()
    onSelect(rows[next]!)
    virtualizer.scrollToIndex(next)
  }

  const items = virtualizer.getVirtualItems()
  const rowId = (index: number): string => `${idPrefix}-row-${index}`
  const activeIndex = items.findIndex((v) => rows[v.index]?.key === selectedKey)
  return (
    <div
      className="table"
      role="grid"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-label={t('images.tableLabel')}
      aria-multiselectable={selectedKeys ? true : undefined}
      aria-activedescendant={activeIndex >= 0 ? rowId(items[activeIndex]!.index) : undefined}
      data-testid="images-grid"
    >
      <div role="rowgroup">
        <div className="table-head images-grid" role="row" aria-rowindex={1}>
          {columns.map((key) => (
            <div key={key} role="columnheader" aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button className="th" onClick={() => onSort(key)}>
                {columnLabel(t, key)} <span aria-hidden="true">{sort.key === key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
              </button>
            </div>
          ))}
        </div>
      </div>
      <div className="table-body" ref={scrollRef} data-testid="images-scroll">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows[v.index]!
            const selected = row.key === selectedKey || !!selectedKeys?.has(row.key)
            return (
              <div
                key={row.key}
                id={rowId(v.index)}
                role="row"
                aria-rowindex={v.index + 2}
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
                  {row.inUse && <span className="pill">{t('images.inUse')}</span>}
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
