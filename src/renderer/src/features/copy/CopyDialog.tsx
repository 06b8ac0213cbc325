import { useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { copyInput, copyOntoItself, type CopyInput, type RegistryEntry } from '@shared/contract'
import { DialogActions } from '../../components/DialogActions'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { RegistryOptions } from '../../components/RegistryOptions'
import { issueText, tMsg } from '../../lib/i18n'
import { useCopy, type CopyRequest } from './copyStore'

interface Props {
  request: CopyRequest
  registries: RegistryEntry[]
  /** After the copy started (the app shows the transfers page). */
  onStarted(): void
}

/**
 * "Copy to…": target registry, repository and (for one tag) tag, checked as you type with the
 * same schema main validates with. Registry to registry: nothing goes through the engine.
 */
export function CopyDialog({ request, registries, onStarted }: Props): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, error, start, close } = useCopy()
  const others = registries.filter((e) => e.id !== request.registryId)
  const [registryId, setRegistryId] = useState(request.targetRegistryId ?? others[0]?.id ?? request.registryId)
  const [repository, setRepository] = useState(request.repository)
  const one = request.tags?.length === 1 ? request.tags[0]! : undefined
  const [tag, setTag] = useState(one ?? '')

  const input: CopyInput = { from: { registryId: request.registryId, repository: request.repository, tags: request.tags }, to: { registryId, repository, ...(one !== undefined ? { tag } : {}) } }
  const problem = targetProblem(input, registryId === request.registryId)
  const target = registries.find((e) => e.id === registryId)
  const title =
    one !== undefined
      ? t('copy.titleOne', { reference: `${request.repository}:${one}` })
      : request.tags
        ? t('copy.titleSome', { count: request.tags.length, repository: request.repository })
        : t('copy.titleAll', { repository: request.repository })

  const submit = async (): Promise<void> => {
    if (problem || busy) return
    if (await start(copyInput.parse(input))) onStarted()
  }

  return (
    <Dialog
      title={title}
      onClose={close}
      onSubmit={() => void submit()}
      testId="copy-dialog"
      footer={
        <DialogActions onCancel={close} submitLabel={busy ? t('copy.starting') : t('common.copy')} disabled={!!problem || busy} />
      }
    >
      <p className="muted">
        <Trans i18nKey="copy.explain" values={{ address: request.address }} components={{ code: <code /> }} />
      </p>
      <label className="field">
        <span>{t('copy.targetRegistry')}</span>
        <select value={registryId} onChange={(e) => setRegistryId(e.target.value)} aria-label={t('copy.targetRegistry')}>
          <RegistryOptions registries={registries} note={(e) => (e.id === request.registryId ? ` — ${t('copy.sameRegistry')}` : '')} />
        </select>
      </label>
      <div className="field-row">
        <label className="field grow">
          <span>{t('copy.repository')}</span>
          <input type="text" value={repository} onChange={(e) => setRepository(e.target.value)} aria-label={t('copy.targetRepository')} spellCheck={false} placeholder="team/app" autoFocus />
        </label>
        {one !== undefined && (
          <label className="field tag-field">
            <span>{t('copy.tag')}</span>
            <input type="text" value={tag} onChange={(e) => setTag(e.target.value)} aria-label={t('copy.targetTag')} spellCheck={false} />
          </label>
        )}
      </div>
      <div className={`feedback ${problem ? 'error' : 'ok'}`} data-testid="copy-target" aria-live="polite">
        {problem ?? (
          <Trans
            i18nKey={registryId === request.registryId && repository.trim() === request.repository ? 'copy.willCopyNewTag' : 'copy.willCopy'}
            values={{ target: `${target?.address ?? ''}/${repository.trim()}${one !== undefined ? `:${tag.trim()}` : ''}` }}
            components={{ code: <code /> }}
          />
        )}
      </div>
      {error && <ErrorPanel error={error} testId="copy-error" />}
    </Dialog>
  )
}

/** The first thing wrong with the target, checked by the schema main validates with. */
function targetProblem(input: CopyInput, sameRegistry: boolean): string | null {
  const parsed = copyInput.safeParse(input)
  if (!parsed.success) return issueText(parsed.error.issues[0]?.message ?? '')
  const itself = copyOntoItself(parsed.data, sameRegistry)
  return itself && tMsg(itself)
}
