import { useEffect, useId, useRef, type ReactNode } from 'react'
import { DialogActions } from './DialogActions'

interface DialogProps {
  title: string
  onClose(): void
  children: ReactNode
  footer: ReactNode
  /** Form submit (Enter) handler; when set the body is a <form>. */
  onSubmit?(): void
  testId?: string
}

/**
 * A modal built on <dialog>: showModal() makes the rest of the page inert (focus stays inside),
 * Escape and the backdrop come from the browser. Focus goes back to what had it before: the
 * element that opened the dialog, or — when that is gone (a closed context menu) — the page.
 */
export function Dialog({ title, onClose, children, footer, onSubmit, testId }: DialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const d = ref.current
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (d && !d.open) d.showModal()
    return () => {
      d?.close()
      if (opener?.isConnected) opener.focus()
      else document.querySelector<HTMLElement>('main, [role="main"]')?.focus()
    }
  }, [])
  return (
    <dialog ref={ref} className="dialog" onCancel={(e) => (e.preventDefault(), onClose())} aria-labelledby={titleId} data-testid={testId}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit?.()
        }}
      >
        <h2 className="dialog-title" id={titleId}>
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-footer">{footer}</div>
      </form>
    </dialog>
  )
}

interface ConfirmProps {
  title: string
  children: ReactNode
  confirmLabel: string
  danger?: boolean
  busy?: boolean
  onConfirm(): void
  onCancel(): void
}

export function ConfirmDialog({ title, children, confirmLabel, danger, busy, onConfirm, onCancel }: ConfirmProps): React.JSX.Element {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      onSubmit={onConfirm}
      testId="confirm-dialog"
      footer={
        <DialogActions onCancel={onCancel} submitLabel={confirmLabel} disabled={busy} danger={danger} autoFocus />
      }
    >
      {children}
    </Dialog>
  )
}
