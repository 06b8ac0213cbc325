import { useTranslation } from 'react-i18next'
import { useEffect, useRef, useState } from 'react'
import type { RegistryEntry } from '@shared/contract'
import { useDoctor } from './doctorStore'
import { registryName } from '../../lib/registryName'
import { useDismiss } from '../../components/useDismiss'

/** The ⋯ menu of a sidebar registry: Check connection, and Edit for the user's own entries. */
export function RegistryMenu({ entry, onEdit }: { entry: RegistryEntry; onEdit(): void }): React.JSX.Element {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    ref.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus()
  }, [open])
  useDismiss(ref, open, () => setOpen(false))

  const choose = (action: () => void) => () => {
    setOpen(false)
    action()
  }
  return (
    <div className="registry-menu" ref={ref}>
      <button className="icon-button registry-edit" aria-label={t('registry.actionsFor', { name: registryName(entry) })} aria-haspopup="menu" aria-expanded={open} title={t('registry.menuHint')} onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {open && (
        <div className="context-menu registry-menu-list" role="menu" aria-label={t('registry.actionsFor', { name: registryName(entry) })}>
          <button role="menuitem" className="context-menu-item" onClick={choose(() => useDoctor.getState().open(entry.id))} data-testid="check-connection">
            {t('registry.checkConnection')}
          </button>
          {!entry.managed && (
            <button role="menuitem" className="context-menu-item" onClick={choose(onEdit)}>
              {t('registry.editOrRemove')}
            </button>
          )}
        </div>
      )}
    </div>
  )
}
