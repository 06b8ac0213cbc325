import { useTranslation } from 'react-i18next'
import { useMemo, useState } from 'react'
import { checkReference } from '@shared/referenceCheck'
import { useBusy } from '../../components/useBusy'
import { formatNumber } from '../../lib/format'
import { tMsg } from '../../lib/i18n'
import { TransferCard } from './TransferCard'
import { isActive, sortTransfers, useTransfers } from './transfersStore'

/** Every push, pull and load, running and finished. State lives in the store, so it survives page switches. */
export function TransfersPage(): React.JSX.Element {
  const { t } = useTranslation()
  const byId = useTransfers((s) => s.byId)
  const transfers = useMemo(() => sortTransfers(Object.values(byId)), [byId])
  const running = transfers.filter(isActive).length
  const finished = transfers.length - running

  return (
    <div className="page transfers-page" data-testid="transfers-page">
      <div className="toolbar">
        <PullForm />
        <span className="spacer" />
        <span className="count" data-testid="transfers-count">
          {t('transfers.counts', { running: formatNumber(running), finished: formatNumber(finished) })}
        </span>
        <button className="button" disabled={finished === 0} onClick={() => void useTransfers.getState().dismiss()}>
          {t('transfers.clearFinished')}
        </button>
      </div>
      <div className="transfer-list" role="region" aria-label={t('nav.transfers')}>
        {transfers.length === 0 ? (
          <div className="empty">
            {t('transfers.empty')}
          </div>
        ) : (
          transfers.map((t) => <TransferCard key={t.id} t={t} />)
        )}
      </div>
    </div>
  )
}

function PullForm(): React.JSX.Element {
  const { t } = useTranslation()
  const [value, setValue] = useState('')
  const { busy, during } = useBusy()
  const check = useMemo(() => checkReference(value, 'pull'), [value])
  const submit = async (): Promise<void> => {
    if (!check.ok || busy) return
    const started = await during(() => useTransfers.getState().pull(value.trim()))
    if (started) setValue('')
  }
  return (
    <form
      className="pull-form"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <input
        type="text"
        className="filter"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={t('transfers.pullPlaceholder')}
        aria-label={t('transfers.imageToPull')}
        aria-invalid={value.trim() !== '' && !check.ok}
        aria-describedby="pull-feedback"
        spellCheck={false}
      />
      <button type="submit" className="button primary" disabled={!check.ok || busy}>
        {t('pull.pull')}
      </button>
      <span id="pull-feedback" className={`feedback ${check.ok ? 'ok' : 'error'}`} data-testid="pull-feedback">
        {check.ok ? check.full : check.error ? tMsg(check.error) : ''}
      </span>
    </form>
  )
}
