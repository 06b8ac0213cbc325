import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { syncSetInput, type RegistryEntry, type SyncSet } from '@shared/contract'
import { issueText } from '../../lib/i18n'
import { useSync } from './syncStore'
import { RegistryOptions } from '../../components/RegistryOptions'

/** New or edited sync set: name, source, repositories with tag patterns, target (default: Berth's own registry). */
export function SyncEditor({ initial, registries }: { initial: Partial<SyncSet>; registries: RegistryEntry[] }): React.JSX.Element {
  const { t } = useTranslation()
  const { save, edit } = useSync()
  const own = registries.find((r) => r.managed)
  const [name, setName] = useState(initial.name ?? '')
  const [sourceKind, setSourceKind] = useState<'registry' | 'mirror'>(initial.sourceMirror ? 'mirror' : 'registry')
  const [sourceRegistryId, setSource] = useState(initial.sourceRegistryId ?? registries.find((r) => !r.managed)?.id ?? '')
  const [sourceMirror, setMirror] = useState(initial.sourceMirror ?? '')
  const [targetRegistryId, setTarget] = useState(initial.targetRegistryId ?? own?.id ?? registries.find((r) => r.id !== sourceRegistryId)?.id ?? '')
  const [entries, setEntries] = useState((initial.entries ?? []).join('\n'))
  const [platforms, setPlatforms] = useState((initial.platforms ?? []).join(', '))
  const platformList = platforms.split(/[\s,]+/).filter(Boolean)
  const input = {
    ...(initial.id ? { id: initial.id } : {}),
    name,
    ...(sourceKind === 'mirror' ? { sourceMirror } : { sourceRegistryId }),
    targetRegistryId,
    entries: entries.split('\n').map((l) => l.trim()).filter(Boolean),
    ...(platformList.length ? { platforms: platformList } : {})
  }
  const parsed = syncSetInput.safeParse(input)
  const problem = !parsed.success ? issueText(parsed.error.issues[0]?.message ?? '') : sourceKind === 'registry' && sourceRegistryId === targetRegistryId ? t('sync.sameRegistry') : undefined

  const options = <RegistryOptions registries={registries} />
  return (
    <form
      className="sync-editor"
      data-testid="sync-editor"
      onSubmit={(e) => {
        e.preventDefault()
        if (parsed.success && !problem) void save(parsed.data)
      }}
    >
      <label className="field">
        <span>{t('sync.name')}</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} aria-label={t('sync.setName')} placeholder={t('sync.namePlaceholder')} autoFocus />
      </label>
      <div className="field-row">
        <div className="field">
          <span>
            {t('sync.sourceLabel')}{' '}
            <label>
              <input type="radio" name="source-kind" checked={sourceKind === 'registry'} onChange={() => setSourceKind('registry')} aria-label={t('sync.sourceFromSidebar')} /> {t('sync.sourceKindRegistry')}
            </label>{' '}
            <label>
              <input type="radio" name="source-kind" checked={sourceKind === 'mirror'} onChange={() => setSourceKind('mirror')} aria-label={t('sync.sourceIsMirror')} /> {t('sync.sourceKindMirror')}
            </label>
          </span>
          {sourceKind === 'registry' ? (
            <select value={sourceRegistryId} onChange={(e) => setSource(e.target.value)} aria-label={t('sync.source')}>
              {options}
            </select>
          ) : (
            <input type="text" className="mono" value={sourceMirror} onChange={(e) => setMirror(e.target.value)} aria-label={t('sync.mirrorAddress')} placeholder={t('sync.mirrorPlaceholder')} spellCheck={false} />
          )}
        </div>
        <label className="field">
          <span>{t('sync.target')}</span>
          <select value={targetRegistryId} onChange={(e) => setTarget(e.target.value)} aria-label={t('sync.target')}>
            {options}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('sync.entriesExplain')}</span>
        <textarea value={entries} onChange={(e) => setEntries(e.target.value)} aria-label={t('sync.entries')} rows={5} spellCheck={false} className="mono" />
      </label>
      <label className="field">
        <span>{t('sync.platformsExplain')}</span>
        <input type="text" className="mono" value={platforms} onChange={(e) => setPlatforms(e.target.value)} aria-label={t('sync.platforms')} placeholder={t('sync.platformsPlaceholder')} spellCheck={false} />
      </label>
      {sourceKind === 'mirror' && <p className="muted">{t('sync.mirrorOfficial')}</p>}
      <div className={`feedback ${problem ? 'error' : 'ok'}`} data-testid="sync-editor-check" aria-live="polite">
        {problem ?? t('sync.entryCount', { count: input.entries.length })}
      </div>
      <div className="dialog-footer">
        <button type="button" className="button" onClick={() => edit(undefined)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={!!problem}>
          {t('common.save')}
        </button>
      </div>
    </form>
  )
}
