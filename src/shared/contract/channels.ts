/** Electron channel names: one for calls, one for events (kept apart so the preload bundles no schemas). */
export const IPC_CALL = 'berth:call'
export const IPC_EVENT = 'berth:event'
