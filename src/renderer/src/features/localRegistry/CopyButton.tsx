import { useTranslation } from 'react-i18next'
import { toastError, toastSuccess } from '../../app/toasts'
import { i18n } from '../../lib/i18n'

export function CopyButton({ text, label }: { text: string; label?: string }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <button
      type="button"
      className="button small"
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => toastSuccess(i18n.t('toast.copied')),
          (e: unknown) => toastError(e)
        )
      }
    >
      {label ?? t('common.copy')}
    </button>
  )
}
