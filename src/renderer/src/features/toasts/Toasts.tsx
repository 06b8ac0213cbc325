import { useToasts } from '../../app/toasts'

export function Toasts(): React.JSX.Element {
  const { toasts, dismiss } = useToasts()
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <div className="toast-body">
            <div className="toast-title">{t.title}</div>
            {t.hint && <div className="toast-hint">{t.hint}</div>}
          </div>
          <button className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
