import { useState } from 'react'
import { syncSetInput, type RegistryEntry, type SyncSet } from '@shared/contract'
import { useSync } from './syncStore'

/** New or edited sync set: name, source, repositories with tag patterns, target (default: Berth's own registry). */
export function SyncEditor({ initial, registries }: { initial: Partial<SyncSet>; registries: RegistryEntry[] }): React.JSX.Element {
  const { save, edit } = useSync()
  const own = registries.find((r) => r.managed)
  const [name, setName] = useState(initial.name ?? '')
  const [sourceKind, setSourceKind] = useState<'registry' | 'mirror'>(initial.sourceMirror ? 'mirror' : 'registry')
  const [sourceRegistryId, setSource] = useState(initial.sourceRegistryId ?? registries.find((r) => !r.managed)?.id ?? '')
  const [sourceMirror, setMirror] = useState(initial.sourceMirror ?? '')
  const [targetRegistryId, setTarget] = useState(initial.targetRegistryId ?? own?.id ?? registries.find((r) => r.id !== sourceRegistryId)?.id ?? '')
  const [entries, setEntries] = useState((initial.entries ?? []).join('\n'))
  const [platforms, setPlatforms] = useState((initial.platforms ?? []).join(', '))
  const platformList = platforms.split(/[\s,]+/).filter(Boolean)
  const input = {
    ...(initial.id ? { id: initial.id } : {}),
    name,
    ...(sourceKind === 'mirror' ? { sourceMirror } : { sourceRegistryId }),
    targetRegistryId,
    entries: entries.split('\n').map((l) => l.trim()).filter(Boolean),
    ...(platformList.length ? { platforms: platformList } : {})
  }
  const parsed = syncSetInput.safeParse(input)
  const problem = !parsed.success ? parsed.error.issues[0]?.message : sourceKind === 'registry' && sourceRegistryId === targetRegistryId ? 'The source and the target are the same registry.' : undefined

  const options = registries.map((r) => (
    <option key={r.id} value={r.id}>
      {r.name === r.address ? r.address : `${r.name} (${r.address})`}
    </option>
  ))
  return (
    <form
      className="sync-editor"
      data-testid="sync-editor"
      onSubmit={(e) => {
        e.preventDefault()
        if (parsed.success && !problem) void save(parsed.data)
      }}
    >
      <label className="field">
        <span>Name</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} aria-label="Set name" placeholder="LAN mirror" autoFocus />
      </label>
      <div className="field-row">
        <div className="field">
          <span>
            Source:{' '}
            <label>
              <input type="radio" name="source-kind" checked={sourceKind === 'registry'} onChange={() => setSourceKind('registry')} aria-label="Source from the sidebar" /> a registry of the sidebar
            </label>{' '}
            <label>
              <input type="radio" name="source-kind" checked={sourceKind === 'mirror'} onChange={() => setSourceKind('mirror')} aria-label="Source is a Docker Hub mirror" /> a Docker Hub mirror
            </label>
          </span>
          {sourceKind === 'registry' ? (
            <select value={sourceRegistryId} onChange={(e) => setSource(e.target.value)} aria-label="Source registry">
              {options}
            </select>
          ) : (
            <input type="text" className="mono" value={sourceMirror} onChange={(e) => setMirror(e.target.value)} aria-label="Mirror address" placeholder="mirror.example.com (https), or http://10.0.0.5:5000" spellCheck={false} />
          )}
        </div>
        <label className="field">
          <span>Target registry</span>
          <select value={targetRegistryId} onChange={(e) => setTarget(e.target.value)} aria-label="Target registry">
            {options}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Repositories, one per line, with tag patterns (* and ?): library/nginx:1.27*, library/redis:7; no tag means every tag</span>
        <textarea value={entries} onChange={(e) => setEntries(e.target.value)} aria-label="Repositories" rows={5} spellCheck={false} className="mono" />
      </label>
      <label className="field">
        <span>Platforms (optional): copy only these of a multi-arch image, e.g. linux/amd64, linux/arm64. The target’s index then lists only them, so its digest differs from the source’s; each platform keeps its digest.</span>
        <input type="text" className="mono" value={platforms} onChange={(e) => setPlatforms(e.target.value)} aria-label="Platforms" placeholder="every platform" spellCheck={false} />
      </label>
      {sourceKind === 'mirror' && <p className="muted">On a Docker Hub mirror a one-part name is an official image: nginx:1.27* is saved as library/nginx:1.27*.</p>}
      <div className={`feedback ${problem ? 'error' : 'ok'}`} data-testid="sync-editor-check" aria-live="polite">
        {problem ?? `${input.entries.length} ${input.entries.length === 1 ? 'entry' : 'entries'}`}
      </div>
      <div className="dialog-footer">
        <button type="button" className="button" onClick={() => edit(undefined)}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={!!problem}>
          Save
        </button>
      </div>
    </form>
  )
}
