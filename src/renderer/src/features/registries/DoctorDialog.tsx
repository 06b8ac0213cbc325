import './registries.css'
import { useTranslation } from 'react-i18next'
import type { DoctorStep } from '@shared/contract'
import { doctorStepIds } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { useDoctor } from './doctorStore'
import { errorText } from '../../lib/i18n'
import { VERDICT_MARK, fixText, seenText, stepTitle } from './doctorText'
import { useRegistries } from './registriesStore'

/** Rendered once (registries section); opened by "Check connection" wherever it is offered. */
export function DoctorDialogHost(): React.JSX.Element | null {
  const registryId = useDoctor((s) => s.registryId)
  return registryId ? <DoctorDialog registryId={registryId} /> : null
}

function DoctorDialog({ registryId }: { registryId: string }): React.JSX.Element {
  const { t } = useTranslation()
  const entry = useRegistries((s) => s.entries.find((e) => e.id === registryId))
  const steps = useDoctor((s) => s.steps)
  const running = useDoctor((s) => s.running)
  const report = useDoctor((s) => s.report)
  const error = useDoctor((s) => s.error)
  const { close, run, copyReport } = useDoctor.getState()
  const failures = steps.filter((s) => s.verdict === 'failed').length
  const name = entry?.name ?? report?.name ?? registryId

  return (
    <Dialog
      title={t('doctor.title', { name })}
      onClose={close}
      testId="doctor-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={() => void copyReport()} disabled={!report}>
            {t('doctor.copyReport')}
          </button>
          <span className="spacer" />
          <button type="button" className="button" onClick={() => void run()} disabled={running}>
            {t('doctor.again')}
          </button>
          <button type="button" className="button primary" onClick={close}>
            {t('doctor.close')}
          </button>
        </>
      }
    >
      <p className="muted" data-testid="doctor-summary" aria-live="polite">
        {running
          ? t('doctor.checking', { address: entry?.address ?? '', step: Math.min(steps.length + 1, doctorStepIds.length), total: doctorStepIds.length })
          : error
            ? t('doctor.couldNotRun', { reason: errorText(error) })
            : failures === 0
              ? t('doctor.allPassed')
              : t('doctor.failures', { count: failures })}
      </p>
      <ol className="doctor-steps">
        {doctorStepIds.map((id) => {
          const step = steps.find((s) => s.id === id)
          return <StepRow key={id} id={id} step={step} pending={running && !step} />
        })}
      </ol>
    </Dialog>
  )
}

function StepRow({ id, step, pending }: { id: DoctorStep['id']; step?: DoctorStep; pending: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const verdict = step?.verdict ?? 'pending'
  const fix = step?.fix ? fixText(t, step) : ''
  return (
    <li className={`doctor-step ${verdict}`} data-testid="doctor-step" data-step={id} data-verdict={verdict}>
      <span className="doctor-mark" aria-hidden="true">
        {step ? VERDICT_MARK[step.verdict] : pending ? '…' : ' '}
      </span>
      <div className="doctor-body">
        <div className="doctor-title">
          {stepTitle(t, id)}
          <span className="visually-hidden">: {t(`doctor.verdict.${step ? step.verdict : 'waiting'}`)}</span>
        </div>
        {step && <div className="doctor-seen">{seenText(t, step)}</div>}
        {fix && (
          <div className="doctor-fix" data-testid="doctor-fix">
            <strong>{t('doctor.whatToDo')} </strong>
            {fix.includes('\n') ? <pre className="snippet">{fix}</pre> : fix}
          </div>
        )}
      </div>
    </li>
  )
}
