import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorData } from '@shared/contract'
import { errorHint, errorText } from '../lib/i18n'

/**
 * A decoded failure as the user sees it everywhere: what happened, what to do, and — for
 * engine settings — where daemon.json lives and the exact snippet to put in it.
 */
export function ErrorPanel({ error, testId, children }: { error: ApiErrorData; testId: string; children?: ReactNode }): React.JSX.Element {
  const snippet = typeof error.details?.snippet === 'string' ? error.details.snippet : undefined
  const { t } = useTranslation()
  const where = typeof error.details?.daemonJson === 'string' ? error.details.daemonJson : undefined
  const hint = errorHint(error)
  return (
    <div className="transfer-error" role="alert" data-testid={testId} data-code={error.code}>
      <div className="transfer-error-title">{errorText(error)}</div>
      {hint && <div className="transfer-error-hint">{hint}</div>}
      {where && (
        <div className="muted">
          {t('errorPanel.where')} <code>{where}</code>
        </div>
      )}
      {snippet && (
        <pre className="snippet" data-testid="daemon-json-snippet">
          {snippet}
        </pre>
      )}
      {children}
    </div>
  )
}

/** A failure in a pane or dialog: what happened, then (muted) what to do, when main said. */
export function ErrorLines({ error }: { error: Pick<ApiErrorData, 'message' | 'msg' | 'hint' | 'hintMsg'> }): React.JSX.Element {
  const hint = errorHint(error)
  return (
    <>
      <p>{errorText(error)}</p>
      {hint && <p className="muted">{hint}</p>}
    </>
  )
}
