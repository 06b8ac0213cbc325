import { useTranslation } from 'react-i18next'
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
import { tMsg } from '../../lib/i18n'
import { healthText } from './health'
import { useRegistries } from './registriesStore'
import { registryName } from '../../lib/registryName'

const DOT: Record<RegistryHealth['state'], string> = { reachable: 'dot-green', 'auth-required': 'dot-amber', down: 'dot-red', checking: 'dot-grey' }

/** The sidebar's registries: health at a glance, click to browse, drop image rows to push. */
export function RegistriesSection(): React.JSX.Element {
  const { t } = useTranslation()
  const entries = useRegistries((s) => s.entries)
  const [dialog, setDialog] = useState<{ entry?: RegistryEntry }>()

  return (
    <section className="sidebar-section registries-section" aria-labelledby="registries-heading">
      <div className="sidebar-heading">
        <span id="registries-heading">{t('registry.heading')}</span>
        <button className="icon-button" aria-label={t('registry.add')} title={t('registry.add')} onClick={() => setDialog({})}>
          +
        </button>
      </div>
      <ul className="registry-list">
        {entries.map((e) => (
          <RegistryItem key={e.id} entry={e} onEdit={() => setDialog({ entry: e })} />
        ))}
      </ul>
      {entries.length === 0 && <p className="sidebar-hint muted">{t('registry.emptyHint')}</p>}
      {dialog && <RegistryDialog entry={dialog.entry} onClose={() => setDialog(undefined)} />}
      <DoctorDialogHost />
    </section>
  )
}

function RegistryItem({ entry, onEdit }: { entry: RegistryEntry; onEdit(): void }): React.JSX.Element {
  const { t } = useTranslation()
  const health = useRegistries((s) => s.health[entry.id])
  const active = useNav((s) => s.page.kind === 'registry' && s.page.registryId === entry.id)
  const [over, setOver] = useState(false)
  const state = health?.state ?? 'checking'
  const stateText = healthText(t, state)
  const error = health?.errorMsg ? tMsg(health.errorMsg) : health?.error
  const hint = health?.hintMsg ? tMsg(health.hintMsg) : health?.hint
  const detail = error ? `${stateText}: ${error}` : stateText

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
        title={`${entry.scheme}://${entry.address} — ${detail}${hint ? `\n${hint}` : ''}`}
        onClick={() => useNav.getState().go({ kind: 'registry', registryId: entry.id })}
      >
        <span className={`dot ${DOT[state]}`} aria-hidden="true" />
        <span className="registry-name">{registryName(entry)}</span>
        {entry.managed && <span className="pill">{t('registry.local')}</span>}
        {/* Berth's own registry is always plain HTTP, and its card says whether the engine accepts that (Podman may not): here the badge would only squeeze its name. */}
        {!entry.managed && <SchemeBadge entry={entry} />}
        <span className="visually-hidden">, {stateText}</span>
      </button>
      <RegistryMenu entry={entry} onEdit={onEdit} />
    </li>
  )
}
