import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../../lib/i18n'
import { newMilestone, milestoneOf, type Milestone } from './milestones'
import { useTransfers } from './transfersStore'

/** One polite live region for every transfer's milestones, whichever page is open. */
export function ProgressAnnouncer(): React.JSX.Element {
  const { t } = useTranslation()
  const byId = useTransfers((s) => s.byId)
  const announced = useRef(new Map<string, Milestone>())
  const [text, setText] = useState('')

  useEffect(() => {
    const lines: string[] = []
    for (const tr of Object.values(byId)) {
      const was = announced.current.get(tr.id)
      const next = milestoneOf(tr)
      // A retry reuses the id: it is a new run, announced from its start again.
      const restarted = next === 'started' && was && was !== 'started' && was !== 'half'
      const m = restarted ? 'started' : newMilestone(was, next)
      if (!m) continue
      announced.current.set(tr.id, m)
      const vars = { kind: t(`kinds.${tr.kind}`), reference: tr.reference }
      lines.push(m === 'failed' && tr.error ? t('announce.failedWhy', { ...vars, reason: errorText(tr.error) }) : t(`announce.${m}`, vars))
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the live region must change only at milestones
    if (lines.length) setText(lines.join(' '))
  }, [byId, t])

  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="progress-announcer">
      {text}
    </div>
  )
}
