import { create } from 'zustand'

/** Which page the main area shows. Features add their own page ids. */
export type Page = { kind: 'images' } | { kind: 'transfers' } | { kind: 'registry'; registryId: string } | { kind: 'local-registry' } | { kind: 'sync' }

interface NavState {
  page: Page
  go(page: Page): void
}

export const useNav = create<NavState>((set) => ({
  page: { kind: 'images' },
  go: (page) => set({ page })
}))
