import './registries.css'
import type { DoctorStep } from '@shared/contract'
import { doctorStepIds } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { useDoctor } from './doctorStore'
import { STEP_TITLES, VERDICT_MARK, fixText, seenText } from './doctorText'
import { useRegistries } from './registriesStore'

/** Rendered once (registries section); opened by "Check connection" wherever it is offered. */
export function DoctorDialogHost(): React.JSX.Element | null {
  const registryId = useDoctor((s) => s.registryId)
  return registryId ? <DoctorDialog registryId={registryId} /> : null
}

function DoctorDialog({ registryId }: { registryId: string }): React.JSX.Element {
  const entry = useRegistries((s) => s.entries.find((e) => e.id === registryId))
  const steps = useDoctor((s) => s.steps)
  const running = useDoctor((s) => s.running)
  const report = useDoctor((s) => s.report)
  const error = useDoctor((s) => s.error)
  const { close, run, copyReport } = useDoctor.getState()
  const failures = steps.filter((s) => s.verdict === 'failed').length
  const name = entry?.name ?? report?.name ?? 'registry'

  return (
    <Dialog
      title={`Check connection: ${name}`}
      onClose={close}
      testId="doctor-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={() => void copyReport()} disabled={!report}>
            Copy report
          </button>
          <span className="spacer" />
          <button type="button" className="button" onClick={() => void run()} disabled={running}>
            Check again
          </button>
          <button type="button" className="button primary" onClick={close}>
            Close
          </button>
        </>
      }
    >
      <p className="muted" data-testid="doctor-summary" aria-live="polite">
        {running
          ? `Checking ${entry?.address ?? ''}… (step ${Math.min(steps.length + 1, doctorStepIds.length)} of ${doctorStepIds.length})`
          : error
            ? `The check could not run: ${error.message}`
            : failures === 0
              ? 'Every step passed.'
              : `${failures} ${failures === 1 ? 'step failed' : 'steps failed'}: see what to do below.`}
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
  const verdict = step?.verdict ?? 'pending'
  const fix = step?.fix ? fixText(step) : ''
  return (
    <li className={`doctor-step ${verdict}`} data-testid="doctor-step" data-step={id} data-verdict={verdict}>
      <span className="doctor-mark" aria-hidden="true">
        {step ? VERDICT_MARK[step.verdict] : pending ? '…' : ' '}
      </span>
      <div className="doctor-body">
        <div className="doctor-title">
          {STEP_TITLES[id]}
          <span className="visually-hidden">: {step ? step.verdict : 'waiting'}</span>
        </div>
        {step && <div className="doctor-seen">{seenText(step)}</div>}
        {fix && (
          <div className="doctor-fix" data-testid="doctor-fix">
            <strong>What to do: </strong>
            {fix.includes('\n') ? <pre className="snippet">{fix}</pre> : fix}
          </div>
        )}
      </div>
    </li>
  )
}
