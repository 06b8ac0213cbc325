import { useEffect, useRef, useState } from 'react'
import type { RegistryEntry } from '@shared/contract'
import { useDoctor } from './doctorStore'

/** The ⋯ menu of a sidebar registry: Check connection, and Edit for the user's own entries. */
export function RegistryMenu({ entry, onEdit }: { entry: RegistryEntry; onEdit(): void }): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    ref.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus()
    const away = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false)
    }
    const esc = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false)
    }
    window.addEventListener('mousedown', away)
    window.addEventListener('keydown', esc)
    return () => {
      window.removeEventListener('mousedown', away)
      window.removeEventListener('keydown', esc)
    }
  }, [open])

  const choose = (action: () => void) => () => {
    setOpen(false)
    action()
  }
  return (
    <div className="registry-menu" ref={ref}>
      <button className="icon-button registry-edit" aria-label={`Actions for ${entry.name}`} aria-haspopup="menu" aria-expanded={open} title="Check connection, edit or remove" onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {open && (
        <div className="context-menu registry-menu-list" role="menu" aria-label={`Actions for ${entry.name}`}>
          <button role="menuitem" className="context-menu-item" onClick={choose(() => useDoctor.getState().open(entry.id))}>
            Check connection
          </button>
          {!entry.managed && (
            <button role="menuitem" className="context-menu-item" onClick={choose(onEdit)}>
              Edit or remove…
            </button>
          )}
        </div>
      )}
    </div>
  )
}
