import { useState } from 'react'
import type { RegistryEntry } from '@shared/contract'
import { repositoryError } from '@shared/reference'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useArchive } from './archiveStore'

/**
 * Archives dropped on the window: load them into the engine (as before), or push them straight
 * into a registry. The repository is needed only for images the archive names by tag alone.
 */
export function ArchiveDropLayer({ registries }: { registries: RegistryEntry[] }): React.JSX.Element | null {
  const dropped = useArchive((s) => s.dropped)
  if (!dropped) return null
  return <ArchiveDropDialog key={dropped.map((f) => f.name).join('\n')} files={dropped} registries={registries} />
}

function ArchiveDropDialog({ files, registries }: { files: File[]; registries: RegistryEntry[] }): React.JSX.Element {
  const { busy, error, close, loadIntoEngine, importInto } = useArchive()
  const [registryId, setRegistryId] = useState(registries[0]?.id ?? '')
  const [repository, setRepository] = useState('')
  const repo = repository.trim()
  const problem = !registryId ? 'Add a registry first.' : repo ? repositoryError(repo) : null
  const names = files.length === 1 ? files[0]!.name : `${files.length} archives`

  return (
    <Dialog
      title={`What to do with ${names}?`}
      onClose={close}
      onSubmit={() => void (!problem && importInto(registryId, repo || undefined))}
      testId="archive-drop-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="button" onClick={() => void loadIntoEngine()} disabled={busy}>
            Load into the engine
          </button>
          <button type="submit" className="button primary" disabled={!!problem || busy}>
            {busy ? 'Sending…' : 'Push to registry'}
          </button>
        </>
      }
    >
      <p className="muted">
        A <code>docker save</code> tar or an OCI archive. Pushed to a registry, it goes there without the engine: the archive’s manifests and digests are kept and checked
        afterwards (a <code>docker save</code> tar of an older engine carries no manifest: Berth writes one, keeping the image ID).
      </p>
      <label className="field">
        <span>Registry</span>
        <select value={registryId} onChange={(e) => setRegistryId(e.target.value)} aria-label="Registry to import into">
          {registries.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name === e.address ? e.address : `${e.name} (${e.address})`}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Repository (only for images the archive names by tag alone; else each keeps its own)</span>
        <input type="text" value={repository} onChange={(e) => setRepository(e.target.value)} aria-label="Repository to import into" spellCheck={false} placeholder="as named in the archive" />
      </label>
      {problem && (
        <div className="feedback error" aria-live="polite">
          {problem}
        </div>
      )}
      {error && <ErrorPanel error={error} testId="import-error" />}
    </Dialog>
  )
}
