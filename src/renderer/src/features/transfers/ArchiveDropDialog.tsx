import { useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { RegistryEntry } from '@shared/contract'
import { repositoryError } from '@shared/reference'
import { DialogActions } from '../../components/DialogActions'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { RegistryOptions } from '../../components/RegistryOptions'
import { tMsg } from '../../lib/i18n'
import { useArchive } from './archiveStore'

/**
 * Archives dropped on the window: load them into the engine (as before), or push them straight
 * into a registry. The repository is needed only for images the archive names by tag alone.
 */
export function ArchiveDropLayer({ registries }: { registries: RegistryEntry[] }): React.JSX.Element | null {
  const dropped = useArchive((s) => s.dropped)
  if (!dropped) return null
  return <ArchiveDropDialog key={dropped.map((f) => f.name).join('\n')} files={dropped} registries={registries} />
}

function ArchiveDropDialog({ files, registries }: { files: File[]; registries: RegistryEntry[] }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, error, close, loadIntoEngine, importInto } = useArchive()
  const [registryId, setRegistryId] = useState(registries[0]?.id ?? '')
  const [repository, setRepository] = useState('')
  const repo = repository.trim()
  const problemMsg = repo ? repositoryError(repo) : null
  const problem = !registryId ? t('archiveDrop.noRegistry') : problemMsg ? tMsg(problemMsg) : null

  return (
    <Dialog
      title={files.length === 1 ? t('archiveDrop.title', { name: files[0]!.name }) : t('archiveDrop.titleMany', { count: files.length })}
      onClose={close}
      onSubmit={() => void (!problem && importInto(registryId, repo || undefined))}
      testId="archive-drop-dialog"
      footer={
        <DialogActions onCancel={close} submitLabel={busy ? t('archiveDrop.sending') : t('archiveDrop.push')} disabled={!!problem || busy}>
          <button type="button" className="button" onClick={() => void loadIntoEngine()} disabled={busy}>
            {t('archiveDrop.load')}
          </button>
        </DialogActions>
      }
    >
      <p className="muted">
        <Trans i18nKey="archiveDrop.explain" components={{ code: <code /> }} />
      </p>
      <label className="field">
        <span>{t('archiveDrop.registry')}</span>
        <select value={registryId} onChange={(e) => setRegistryId(e.target.value)} aria-label={t('archiveDrop.registryLabel')}>
          <RegistryOptions registries={registries} />
        </select>
      </label>
      <label className="field">
        <span>{t('archiveDrop.repository')}</span>
        <input type="text" value={repository} onChange={(e) => setRepository(e.target.value)} aria-label={t('archiveDrop.repositoryLabel')} spellCheck={false} placeholder={t('archiveDrop.repositoryPlaceholder')} />
      </label>
      {problem && (
        <div className="feedback error" aria-live="polite">
          {problem}
        </div>
      )}
      {error && <ErrorPanel error={error} testId="import-error" />}
    </Dialog>
  )
}
