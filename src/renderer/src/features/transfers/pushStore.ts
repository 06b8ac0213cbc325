import { create } from 'zustand'
import type { PushRequest } from '../../app/intents'
import type { DraggedImage } from '../../lib/dragImage'

export interface PushMenu {
  x: number
  y: number
  images: DraggedImage[]
}

interface PushState {
  request: PushRequest | undefined
  menu: PushMenu | undefined
  open(request: PushRequest): void
  close(): void
  openMenu(menu: PushMenu): void
  closeMenu(): void
}

/** Which push dialog or "Push to…" menu is open (the openPush intents land here); PushLayer renders them. */
export const usePush = create<PushState>((set) => ({
  request: undefined,
  menu: undefined,
  open: (request) => set({ request, menu: undefined }),
  close: () => set({ request: undefined }),
  openMenu: (menu) => set({ menu }),
  closeMenu: () => set({ menu: undefined })
}))
