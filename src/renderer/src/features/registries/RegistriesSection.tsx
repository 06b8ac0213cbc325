import { useState } from 'react'
import type { RegistryEntry, RegistryHealth } from '@shared/contract'
import { IMAGE_DRAG_TYPE, readDraggedImages } from '../../lib/dragImage'
import { intents } from '../../app/intents'
import { TAG_DRAG_TYPE, readDraggedTags } from '../../lib/dragTags'
import { useNav } from '../../app/navigation'
import { DoctorDialogHost } from './DoctorDialog'
import { RegistryDialog } from './RegistryDialog'
import { RegistryMenu } from './RegistryMenu'
import { SchemeBadge } from '../../components/SchemeBadge'
import { useRegistries } from './registriesStore'

const HEALTH: Record<RegistryHealth['state'], { dot: string; text: string }> = {
  reachable: { dot: 'dot-green', text: 'reachable' },
  'auth-required': { dot: 'dot-amber', text: 'needs sign-in' },
  down: { dot: 'dot-red', text: 'down' },
  checking: { dot: 'dot-grey', text: 'checking…' }
}

/** The sidebar's registries: health at a glance, click to browse, drop image rows to push. */
export function RegistriesSection(): React.JSX.Element {
  const entries = useRegistries((s) => s.entries)
  const [dialog, setDialog] = useState<{ entry?: RegistryEntry }>()

  return (
    <section className="sidebar-section registries-section" aria-labelledby="registries-heading">
      <div className="sidebar-heading">
        <span id="registries-heading">Registries</span>
        <button className="icon-button" aria-label="Add a registry" title="Add a registry" onClick={() => setDialog({})}>
          +
        </button>
      </div>
      <ul className="registry-list">
        {entries.map((e) => (
          <RegistryItem key={e.id} entry={e} onEdit={() => setDialog({ entry: e })} />
        ))}
      </ul>
      {entries.length === 0 && <p className="sidebar-hint muted">Add a registry, then drag images onto it to push them.</p>}
      {dialog && <RegistryDialog entry={dialog.entry} onClose={() => setDialog(undefined)} />}
      <DoctorDialogHost />
    </section>
  )
}

function RegistryItem({ entry, onEdit }: { entry: RegistryEntry; onEdit(): void }): React.JSX.Element {
  const health = useRegistries((s) => s.health[entry.id])
  const active = useNav((s) => s.page.kind === 'registry' && s.page.registryId === entry.id)
  const [over, setOver] = useState(false)
  const h = HEALTH[health?.state ?? 'checking']
  const detail = health?.error ? `${h.text}: ${health.error}` : h.text

  const accepts = (e: React.DragEvent): boolean => e.dataTransfer.types.includes(IMAGE_DRAG_TYPE) || e.dataTransfer.types.includes(TAG_DRAG_TYPE)
  return (
    <li
      className={`registry-item${over ? ' drop-over' : ''}`}
      data-testid="registry-item"
      data-address={entry.address}
      data-health={health?.state ?? 'checking'}
      onDragEnter={(e) => {
        if (!accepts(e)) return
        e.preventDefault()
        setOver(true)
      }}
      onDragOver={(e) => {
        if (!accepts(e)) return
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
        if (!over) setOver(true)
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false)
      }}
      onDrop={(e) => {
        setOver(false)
        if (!accepts(e)) return
        e.preventDefault()
        e.stopPropagation()
        // A tag from the registry browser opens "Copy to…"; image rows open the push dialog.
        const tags = readDraggedTags(e.dataTransfer)
        if (tags) return intents.openCopy({ ...tags, targetRegistryId: entry.id })
        const images = readDraggedImages(e.dataTransfer)
        if (images.length) intents.openPush({ images, registryId: entry.id })
      }}
    >
      <button
        className={`nav-item registry-link${active ? ' active' : ''}`}
        aria-current={active ? 'page' : undefined}
        title={`${entry.scheme}://${entry.address} — ${detail}${health?.hint ? `\n${health.hint}` : ''}`}
        onClick={() => useNav.getState().go({ kind: 'registry', registryId: entry.id })}
      >
        <span className={`dot ${h.dot}`} aria-hidden="true" />
        <span className="registry-name">{entry.name}</span>
        {entry.managed && <span className="pill">local</span>}
        {/* Berth's own registry is always plain HTTP, and its card says whether the engine accepts that (Podman may not): here the badge would only squeeze its name. */}
        {!entry.managed && <SchemeBadge entry={entry} />}
        <span className="visually-hidden">, {h.text}</span>
      </button>
      <RegistryMenu entry={entry} onEdit={onEdit} />
    </li>
  )
}
