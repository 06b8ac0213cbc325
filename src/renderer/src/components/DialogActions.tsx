import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface Props {
  onCancel(): void
  /** The submit button's label: what the dialog does. */
  submitLabel: string
  disabled?: boolean
  danger?: boolean
  autoFocus?: boolean
  /** Other buttons, between Cancel and the submit button. */
  children?: ReactNode
}

/** The usual end of a dialog's footer: Cancel, then the button that submits the dialog's form. */
export function DialogActions({ onCancel, submitLabel, disabled, danger, autoFocus, children }: Props): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      {children}
      <button type="submit" className={`button ${danger ? 'danger' : 'primary'}`} disabled={disabled} autoFocus={autoFocus}>
        {submitLabel}
      </button>
    </>
  )
}
