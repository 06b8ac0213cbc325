import { toastError, toastSuccess } from '../../app/toasts'

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }): React.JSX.Element {
  return (
    <button
      type="button"
      className="button small"
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => toastSuccess('Copied'),
          (e: unknown) => toastError(e)
        )
      }
    >
      {label}
    </button>
  )
}
