import { useTranslation } from 'react-i18next'
import { useMemo, useState } from 'react'
import { checkReference } from '@shared/referenceCheck'
import { DialogActions } from '../../components/DialogActions'
import { Dialog } from '../../components/Dialog'
import { useBusy } from '../../components/useBusy'
import { tMsg } from '../../lib/i18n'

interface Props {
  source: string
  initial: string
  onCancel(): void
  onSubmit(target: string): Promise<boolean>
}

/** Validates as you type with the same parser main uses, and shows the fully qualified result. */
export function TagDialog({ source, initial, onCancel, onSubmit }: Props): React.JSX.Element {
  const { t } = useTranslation()
  const [value, setValue] = useState(initial)
  const { busy, during } = useBusy()
  const check = useMemo(() => checkReference(value, 'tag'), [value])

  const submit = async (): Promise<void> => {
    if (!check.ok || busy) return
    const done = await during(() => onSubmit(value.trim()))
    if (done) onCancel()
  }

  return (
    <Dialog
      title={t('tag.title', { source })}
      onClose={onCancel}
      onSubmit={() => void submit()}
      testId="tag-dialog"
      footer={
        <DialogActions onCancel={onCancel} submitLabel={t('tag.submit')} disabled={!check.ok || busy} />
      }
    >
      <label className="field">
        <span>{t('tag.newName')}</span>
        <input
          autoFocus
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="localhost:5000/app:1.0"
          aria-invalid={!check.ok}
          aria-describedby="tag-feedback"
          spellCheck={false}
        />
      </label>
      <div id="tag-feedback" className={check.ok ? 'feedback ok' : 'feedback error'} data-testid="tag-feedback">
        {check.ok ? (
          <>
            {t('tag.willBe')} <code>{check.full}</code>
          </>
        ) : (
          check.error && tMsg(check.error)
        )}
      </div>
    </Dialog>
  )
}
