import { Trans, useTranslation } from 'react-i18next'
import { useMemo, useState } from 'react'
import { BerthError } from '@shared/contract'

import { ConfirmDialog } from '../../components/Dialog'
import { formatNumber } from '../../lib/format'
import { toastError } from '../../app/toasts'
import { intents } from '../../app/intents'
import { ImageDetailsPane } from './ImageDetailsPane'
import { filterAndSort, toRows, type ImageRow } from './imageRows'
import type { DraggedImage } from '../../lib/dragImage'
import { useImages } from './imagesStore'
import { imagesFor, type ClickModifiers } from './selection'
import { ImagesTable } from './ImagesTable'
import { TagDialog } from './TagDialog'

type Pending =
  | { kind: 'tag'; source: string; initial: string }
  | { kind: 'remove'; id: string; label: string }
  | { kind: 'force-remove'; id: string; label: string; containers: string[] }
  | { kind: 'untag-last'; reference: string }
  | { kind: 'prune' }

interface ImagesPageProps {
  detailActions?: (ref: string | undefined, id: string) => React.ReactNode
  /** Right-click on a row: the row, or every selected row when it is part of a multi-selection. */
  onRowContextMenu?: (images: DraggedImage[], e: React.MouseEvent) => void
}

export function ImagesPage({ detailActions, onRowContextMenu }: ImagesPageProps): React.JSX.Element {
  const { t } = useTranslation()
  const s = useImages()
  const [pending, setPending] = useState<Pending>()
  const [busy, setBusy] = useState(false)
  const allRows = useMemo(() => toRows(s.images), [s.images])
  const rows = useMemo(() => filterAndSort(allRows, s.filter, s.sort), [allRows, s.filter, s.sort])
  const selectedKey = s.selection.key
  const selectedKeys = s.selection.keys
  const selectedRow = rows.find((r) => r.key === selectedKey) ?? allRows.find((r) => r.key === selectedKey)
  const selectRow = (row: ImageRow, mods?: ClickModifiers): void => s.selectRow(row, rows, mods)
  const rowsToImages = (row: ImageRow): DraggedImage[] => imagesFor(s.selection, row, rows)

  const run = async (action: () => Promise<void>, onError?: (e: BerthError) => boolean): Promise<void> => {
    setBusy(true)
    try {
      await action()
      setPending(undefined)
    } catch (e) {
      if (!(e instanceof BerthError && onError?.(e))) {
        toastError(e)
        setPending(undefined)
      }
    } finally {
      setBusy(false)
    }
  }

  const confirm = (): void => {
    if (!pending) return
    if (pending.kind === 'remove')
      void run(
        () => s.remove(pending.id),
        (e) => {
          if (e.code !== 'IMAGE_IN_USE') return false
          const containers = ((e.details?.containers as { name: string }[]) ?? []).map((c) => c.name)
          setPending({ kind: 'force-remove', id: pending.id, label: pending.label, containers })
          return true
        }
      )
    if (pending.kind === 'force-remove') void run(() => s.remove(pending.id, true))
    if (pending.kind === 'untag-last') void run(() => s.untag(pending.reference, true))
    if (pending.kind === 'prune') void run(() => s.prune())
  }

  const untag = (reference: string): void =>
    void run(
      () => s.untag(reference),
      (e) => {
        if (e.code !== 'CONFLICT') return false
        setPending({ kind: 'untag-last', reference })
        return true
      }
    )

  const danglingCount = s.images.filter((i) => i.dangling).length

  return (
    <div className="page images-page">
      <div className="toolbar">
        <input
          className="filter"
          type="search"
          placeholder={t('images.filterPlaceholder')}
          value={s.filter.text}
          onChange={(e) => s.setText(e.target.value)}
          aria-label={t('images.filter')}
        />
        <label className="toggle">
          <input type="checkbox" checked={s.filter.showDangling} onChange={() => s.toggle('showDangling')} /> {t('images.dangling')}
        </label>
        <label className="toggle">
          <input type="checkbox" checked={s.filter.onlyInUse} onChange={() => s.toggle('onlyInUse')} /> {t('images.inUseOnly')}
        </label>
        {selectedKeys.size > 1 && (
          <span className="count" data-testid="multi-selection">
            {t('images.multiSelected', { count: selectedKeys.size })}
          </span>
        )}
        <span className="count" data-testid="image-count">
          {rows.length === allRows.length ? t('images.count', { count: allRows.length }) : t('images.countOf', { shown: formatNumber(rows.length), total: formatNumber(allRows.length) })}
        </span>
        <span className="spacer" />
        {selectedRow && (
          <button
            className="button"
            data-testid="export-images"
            title={t('images.exportTitle')}
            onClick={() => intents.exportArchive({ kind: 'engine', images: rowsToImages(selectedRow).map((i) => i.ref ?? i.id) })}
          >
            {t('images.export', { count: Math.max(1, selectedKeys.size) })}
          </button>
        )}
        <button className="button" onClick={() => setPending({ kind: 'prune' })} disabled={danglingCount === 0}>
          {t('images.pruneDangling', { count: danglingCount })}
        </button>
        <button className="button" onClick={() => void s.load()}>
          {t('common.refresh')}
        </button>
      </div>
      <div className="split">
        {s.loaded && allRows.length === 0 ? (
          <div className="empty">{t('images.empty')}</div>
        ) : (
          <ImagesTable
            rows={rows}
            sort={s.sort}
            selectedKey={selectedKey}
            onSort={s.sortBy}
            onSelect={selectRow}
            selectedKeys={selectedKeys}
            dragImages={rowsToImages}
            onContextMenu={onRowContextMenu && ((row, e) => onRowContextMenu(rowsToImages(row), e))}
          />
        )}
        {s.selectedId && selectedRow && (
          <ImageDetailsPane
            details={s.details}
            error={s.detailsError}
            onTag={() => setPending({ kind: 'tag', source: selectedRow.dangling ? selectedRow.shortId : selectedRow.ref, initial: selectedRow.dangling ? '' : selectedRow.ref })}
            onRemove={() => setPending({ kind: 'remove', id: selectedRow.id, label: selectedRow.dangling ? selectedRow.shortId : selectedRow.ref })}
            onUntag={untag}
            extraActions={detailActions?.(selectedRow.dangling ? undefined : selectedRow.ref, selectedRow.id)}
          />
        )}
      </div>

      {pending?.kind === 'tag' && (
        <TagDialog source={pending.source} initial={pending.initial} onCancel={() => setPending(undefined)} onSubmit={(target) => s.tag(pending.source, target)} />
      )}
      {pending?.kind === 'remove' && (
        <ConfirmDialog title={t('images.removeTitle')} confirmLabel={t('images.remove')} danger busy={busy} onConfirm={confirm} onCancel={() => setPending(undefined)}>
          <p>
            <Trans i18nKey="images.removeExplain" values={{ label: pending.label }} components={{ code: <code /> }} />
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'force-remove' && (
        <ConfirmDialog title={t('images.inUseTitle')} confirmLabel={t('images.forceRemove')} danger busy={busy} onConfirm={confirm} onCancel={() => setPending(undefined)}>
          <p>
            <Trans i18nKey="images.usedBy" values={{ label: pending.label, containers: pending.containers.join(', ') }} components={{ code: <code />, strong: <strong /> }} />
          </p>
          <p>{t('images.forceExplain')}</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'untag-last' && (
        <ConfirmDialog title={t('images.lastTagTitle')} confirmLabel={t('images.deleteImage')} danger busy={busy} onConfirm={confirm} onCancel={() => setPending(undefined)}>
          <p>
            <Trans i18nKey="images.lastTagExplain" values={{ reference: pending.reference }} components={{ code: <code /> }} />
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'prune' && (
        <ConfirmDialog title={t('images.pruneTitle')} confirmLabel={t('images.prune')} danger busy={busy} onConfirm={confirm} onCancel={() => setPending(undefined)}>
          <p>{t('images.pruneExplain', { count: danglingCount })}</p>
        </ConfirmDialog>
      )}
    </div>
  )
}
