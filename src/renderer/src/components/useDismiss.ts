import { useEffect, type RefObject } from 'react'

/**
 * Closes a popup (menu, picker, panel) as menus do: on a mouse press outside `root`, or on Escape.
 * Listens only while `active`. `close` learns which, so a caller can return focus after Escape.
 */
export function useDismiss(root: RefObject<HTMLElement | null>, active: boolean, close: (by: 'outside' | 'escape') => void): void {
  useEffect(() => {
    if (!active) return
    const onDown = (e: MouseEvent): void => {
      if (!root.current?.contains(e.target as Node)) close('outside')
    }
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close('escape')
    }
    document.addEventListener('mousedown', onDown)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('mousedown', onDown)
      document.removeEventListener('keydown', onKey)
    }
  }, [root, active, close]) // inline closes re-subscribe on each render while open: cheap, and always current
}
