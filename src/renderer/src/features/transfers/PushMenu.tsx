import { useTranslation } from 'react-i18next'
import { useEffect, useRef } from 'react'
import type { TFunction } from 'i18next'
import type { RegistryEntry } from '@shared/contract'
import type { DraggedImage } from '../../lib/dragImage'
import { usePush, type PushMenu as Menu } from './pushStore'
import { registryName } from '../../lib/registryName'
import { useDismiss } from '../../components/useDismiss'

/** "Push to…" context menu for image rows: one item per registry, keyboard-navigable. */
export function PushMenu({ menu, registries: entries }: { menu: Menu; registries: RegistryEntry[] }): React.JSX.Element {
  const { t } = useTranslation()
  const { open, closeMenu } = usePush.getState()
  const ref = useRef<HTMLDivElement>(null)

  useDismiss(ref, true, closeMenu)
  // Leaving the window closes it too: the image it was opened on may have changed meanwhile.
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus()
    window.addEventListener('blur', closeMenu)
    return () => window.removeEventListener('blur', closeMenu)
  }, [closeMenu])

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
    const i = items.indexOf(document.activeElement as HTMLButtonElement)
    items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
  }

  const choose = (registryId?: string): void => open({ images: menu.images, registryId })
  // Keep the menu on screen.
  const style = { left: Math.min(menu.x, window.innerWidth - 280), top: Math.min(menu.y, window.innerHeight - 60 - 34 * (entries.length + 1)) }
  return (
    <div className="context-menu" role="menu" aria-label={label(t, menu.images)} ref={ref} style={style} onKeyDown={onKeyDown} data-testid="push-menu">
      <div className="context-menu-title muted">{label(t, menu.images)}</div>
      {entries.map((e) => (
        <button key={e.id} role="menuitem" className="context-menu-item" onClick={() => choose(e.id)}>
          {t('push.pushToName', { name: registryName(e) })}
        </button>
      ))}
      <button role="menuitem" className="context-menu-item" onClick={() => choose()}>
        {t('push.pushTo')}
      </button>
    </div>
  )
}

function label(t: TFunction, images: DraggedImage[]): string {
  return images.length === 1 ? (images[0]!.ref ?? images[0]!.id.replace(/^sha256:/, '').slice(0, 12)) : t('push.nImages', { count: images.length })
}

/** The details pane's keyboard-reachable alternative to dragging. */
export function PushButton({ image }: { image: DraggedImage }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <button className="button" onClick={() => usePush.getState().open({ images: [image] })} data-testid="push-button">
      {t('push.pushTo')}
    </button>
  )
}

/** onContextMenu for an image row (or a multi-selection). */
export function openPushMenu(e: React.MouseEvent, images: DraggedImage[]): void {
  e.preventDefault()
  usePush.getState().openMenu({ x: e.clientX, y: e.clientY, images })
}
