import { Trans, useTranslation } from 'react-i18next'
import { useRef, useState } from 'react'
import type { ApiErrorData, ImageUnavailableDetails, PortInUseDetails } from '@shared/contract'
import { errorHint, errorText } from '../../lib/i18n'
import { useLocalRegistry } from './localRegistryStore'

/** Why the registry did not start, and the ways out: another port, a mirror, a tar file. */
export function StartProblem({ problem }: { problem: ApiErrorData }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, start, dismissProblem } = useLocalRegistry()
  const details = problem.details ?? {}
  const port = problem.code === 'PORT_IN_USE' ? (details as unknown as PortInUseDetails) : undefined
  const image = typeof details.localRegistryImage === 'string' ? (details as unknown as ImageUnavailableDetails) : undefined
  const logs = Array.isArray(details.logs) ? (details.logs as string[]) : []
  const daemonMessage = typeof details.daemonMessage === 'string' ? details.daemonMessage : undefined

  return (
    <section className="lr-card lr-problem" role="alert" data-testid="local-registry-problem" data-code={problem.code}>
      <header className="lr-card-head">
        <h2>{errorText(problem)}</h2>
        <span className="spacer" />
        <button className="icon-button" aria-label={t('common.dismiss')} onClick={dismissProblem}>
          ×
        </button>
      </header>
      {errorHint(problem) && <p className="muted">{errorHint(problem)}</p>}

      {port?.suggestedPort && (
        <div className="lr-inline">
          <button className="button primary" disabled={Boolean(busy)} onClick={() => void start({ port: port.suggestedPort })} data-testid="use-suggested-port">
            {t('local.usePortN', { port: port.suggestedPort })}
          </button>
        </div>
      )}

      {image && <ImageWaysOut image={image} />}

      {logs.length > 0 && (
        <>
          <h3 className="lr-subhead">{t('local.containerLogs')}</h3>
          <pre className="snippet lr-logs" tabIndex={0} aria-label={t('local.containerLogs')}>{logs.join('\n')}</pre>
        </>
      )}
      {daemonMessage && daemonMessage !== problem.message && (
        <details>
          <summary className="muted">{t('transfers.engineMessage')}</summary>
          <code className="break">{daemonMessage}</code>
        </details>
      )}
    </section>
  )
}

function ImageWaysOut({ image }: { image: ImageUnavailableDetails }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, start, loadImageAndStart } = useLocalRegistry()
  const [mirror, setMirror] = useState('')
  const file = useRef<HTMLInputElement>(null)
  return (
    <div className="lr-ways-out">
      <div>
        <h3 className="lr-subhead">{t('mirror.title')}</h3>
        {image.mirrors.length > 0 && (
          <div className="lr-inline">
            {image.mirrors.map((mirrorHost) => (
              <button key={mirrorHost} className="button primary" disabled={Boolean(busy)} onClick={() => void start({ mirror: mirrorHost })}>
                {t('mirror.pullThrough', { mirror: mirrorHost })}
              </button>
            ))}
            <span className="muted">{t('mirror.configured')}</span>
          </div>
        )}
        <form
          className="lr-inline"
          onSubmit={(e) => {
            e.preventDefault()
            if (mirror.trim()) void start({ mirror: mirror.trim() })
          }}
        >
          <input type="text" placeholder={t('mirror.placeholder')} aria-label={t('mirror.address')} value={mirror} onChange={(e) => setMirror(e.target.value)} />
          <button className="button" type="submit" disabled={!mirror.trim() || Boolean(busy)}>
            {busy === 'start' ? t('pull.pulling') : t('mirror.pullThroughThis')}
          </button>
        </form>
      </div>
      <div>
        <h3 className="lr-subhead">{t('mirror.orTar')}</h3>
        <p className="muted">
          <Trans i18nKey="mirror.tarExplain" values={{ command: `docker save -o registry.tar ${image.localRegistryImage}` }} components={{ code: <code /> }} />
        </p>
        <input
          ref={file}
          type="file"
          accept=".tar,application/x-tar"
          hidden
          data-testid="registry-tar-input"
          onChange={(e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (f) void loadImageAndStart(f)
          }}
        />
        <button className="button" disabled={Boolean(busy)} onClick={() => file.current?.click()}>
          {busy === 'load' ? t('common.loading') : t('mirror.loadTar')}
        </button>
      </div>
    </div>
  )
}
