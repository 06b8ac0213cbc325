import { useTranslation } from 'react-i18next'
import { useToasts } from '../../app/toasts'

export function Toasts(): React.JSX.Element {
  const { t } = useTranslation()
  const { toasts, dismiss } = useToasts()
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <div className="toast-body">
            <div className="toast-title">{toast.title}</div>
            {toast.hint && <div className="toast-hint">{toast.hint}</div>}
          </div>
          <button className="icon-button" aria-label={t('common.dismiss')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
