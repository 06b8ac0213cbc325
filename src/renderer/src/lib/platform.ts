// Where the UI runs. Components may read this; only stores talk to the backend (lib/api.ts).

/** True inside the Electron app (files have paths); false in the web mode (files are uploaded). */
export const isDesktop = typeof window !== 'undefined' && Boolean((window as { api?: unknown }).api)
