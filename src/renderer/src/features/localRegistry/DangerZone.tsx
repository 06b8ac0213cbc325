import { Trans, useTranslation } from 'react-i18next'
import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { ConfirmDialog } from '../../components/Dialog'
import { formatBytes } from '../../lib/format'
import { useLocalRegistry } from './localRegistryStore'

/** Removing the container (data kept) and removing everything (behind a typed confirmation). */
export function DangerZone({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, removeContainer, removeAll } = useLocalRegistry()
  const [pending, setPending] = useState<'container' | 'all'>()
  const [typed, setTyped] = useState('')
  const lost = [
    status.repositories !== undefined ? t('danger.nRepositories', { count: status.repositories }) : t('danger.everyRepository'),
    status.volumeSize !== undefined ? formatBytes(status.volumeSize) : undefined
  ].filter(Boolean)

  return (
    <section className="lr-card lr-danger" aria-label={t('danger.title')}>
      <header className="lr-card-head">
        <h2>{t('danger.title')}</h2>
      </header>
      <div className="lr-inline">
        <button className="button" disabled={Boolean(busy) || status.state === 'absent'} onClick={() => setPending('container')}>
          {t('danger.removeContainer')}
        </button>
        <button className="button danger" disabled={Boolean(busy) || (status.state === 'absent' && !status.volumeExists)} onClick={() => (setTyped(''), setPending('all'))}>
          {t('danger.removeAll')}
        </button>
      </div>

      {pending === 'container' && (
        <ConfirmDialog
          title={t('danger.confirmContainerTitle')}
          confirmLabel={t('danger.confirmContainer')}
          busy={busy === 'remove'}
          onCancel={() => setPending(undefined)}
          onConfirm={() => void removeContainer().then(() => setPending(undefined))}
        >
          <p>
            <Trans i18nKey="danger.containerExplain" values={{ container: status.containerName, volume: status.volumeName }} components={{ code: <code /> }} />
          </p>
        </ConfirmDialog>
      )}
      {pending === 'all' && (
        <ConfirmDialog
          title={t('danger.confirmAllTitle')}
          confirmLabel={t('danger.confirmAll')}
          danger
          busy={busy === 'remove-all' || typed !== status.volumeName}
          onCancel={() => setPending(undefined)}
          onConfirm={() => {
            if (typed === status.volumeName) void removeAll(typed).then((ok) => ok && setPending(undefined))
          }}
        >
          <p>
            <Trans i18nKey="danger.allExplain" values={{ container: status.containerName, volume: status.volumeName, lost: lost.join(', ') }} components={{ code: <code /> }} />
          </p>
          <label className="field">
            <span>
              <Trans i18nKey="danger.typeToConfirm" values={{ volume: status.volumeName }} components={{ code: <code /> }} />
            </span>
            <input type="text" aria-label={t('danger.volumeToConfirm')} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </label>
        </ConfirmDialog>
      )}
    </section>
  )
}
