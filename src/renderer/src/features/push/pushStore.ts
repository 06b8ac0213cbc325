import { create } from 'zustand'
import type { DraggedImage } from '../images/dragImage'

export interface PushRequest {
  images: DraggedImage[]
  /** The registry the images were dropped on; the dialog lets the user pick one otherwise. */
  registryId?: string
}

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

/** Which push dialog or "Push to…" menu is open; both are rendered once by PushLayer. */
export const usePush = create<PushState>((set) => ({
  request: undefined,
  menu: undefined,
  open: (request) => set({ request, menu: undefined }),
  close: () => set({ request: undefined }),
  openMenu: (menu) => set({ menu }),
  closeMenu: () => set({ menu: undefined })
}))
