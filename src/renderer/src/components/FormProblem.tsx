import type { BerthError } from '@shared/contract'
import { errorHint, errorText } from '../lib/i18n'

/** Why a form's last submit failed, under its fields; with `hint`, what to do follows (muted). */
export function FormProblem({ problem, hint }: { problem: BerthError | undefined; hint?: boolean }): React.JSX.Element | null {
  if (!problem) return null
  const what = errorHint(problem)
  return (
    <p className="feedback error" role="alert">
      {hint ? (
        <>
          {errorText(problem)} {what && <span className="muted">{what}</span>}
        </>
      ) : (
        errorText(problem)
      )}
    </p>
  )
}
