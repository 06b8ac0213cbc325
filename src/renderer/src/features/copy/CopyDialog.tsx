import { useState } from 'react'
import { copyInput, copyOntoItself, type CopyInput, type RegistryEntry } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
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
  const { busy, error, start, close } = useCopy()
  const others = registries.filter((e) => e.id !== request.registryId)
  const [registryId, setRegistryId] = useState(request.targetRegistryId ?? others[0]?.id ?? request.registryId)
  const [repository, setRepository] = useState(request.repository)
  const one = request.tags?.length === 1 ? request.tags[0]! : undefined
  const [tag, setTag] = useState(one ?? '')

  const input: CopyInput = { from: { registryId: request.registryId, repository: request.repository, tags: request.tags }, to: { registryId, repository, ...(one !== undefined ? { tag } : {}) } }
  const problem = targetProblem(input, registryId === request.registryId)
  const target = registries.find((e) => e.id === registryId)
  const what = one !== undefined ? `${request.repository}:${one}` : request.tags ? `${request.tags.length} tags of ${request.repository}` : `every tag of ${request.repository}`

  const submit = async (): Promise<void> => {
    if (problem || busy) return
    if (await start(copyInput.parse(input))) onStarted()
  }

  return (
    <Dialog
      title={`Copy ${what}`}
      onClose={close}
      onSubmit={() => void submit()}
      testId="copy-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!!problem || busy}>
            {busy ? 'Starting…' : 'Copy'}
          </button>
        </>
      }
    >
      <p className="muted">
        From <code>{request.address}</code>, straight to the target registry: nothing is pulled into the engine, and digests stay the same.
      </p>
      <label className="field">
        <span>Target registry</span>
        <select value={registryId} onChange={(e) => setRegistryId(e.target.value)} aria-label="Target registry">
          {registries.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name === e.address ? e.address : `${e.name} (${e.address})`}
              {e.id === request.registryId ? ' — same registry' : ''}
            </option>
          ))}
        </select>
      </label>
      <div className="field-row">
        <label className="field grow">
          <span>Repository</span>
          <input type="text" value={repository} onChange={(e) => setRepository(e.target.value)} aria-label="Target repository" spellCheck={false} placeholder="team/app" autoFocus />
        </label>
        {one !== undefined && (
          <label className="field tag-field">
            <span>Tag</span>
            <input type="text" value={tag} onChange={(e) => setTag(e.target.value)} aria-label="Target tag" spellCheck={false} />
          </label>
        )}
      </div>
      <div className={`feedback ${problem ? 'error' : 'ok'}`} data-testid="copy-target" aria-live="polite">
        {problem ?? (
          <>
            Will copy to{' '}
            <code>
              {target?.address}/{repository.trim()}
              {one !== undefined ? `:${tag.trim()}` : ''}
            </code>
            {registryId === request.registryId && repository.trim() === request.repository ? ' (a new tag: only the manifest is written)' : ''}
          </>
        )}
      </div>
      {error && <ErrorPanel error={error} testId="copy-error" />}
    </Dialog>
  )
}

/** The first thing wrong with the target, checked by the schema main validates with. */
function targetProblem(input: CopyInput, sameRegistry: boolean): string | null {
  const parsed = copyInput.safeParse(input)
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Check the target.'
  return copyOntoItself(parsed.data, sameRegistry)
}
