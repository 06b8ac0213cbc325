// Last line of defence for the long-running process (web server or Electron main): a bug that
// escapes every handler is logged loudly instead of ending Berth without a word.
type Log = (line: string, error: unknown) => void

let installed = false

/** The two listeners, apart from `process` so a test can call them. */
export function processGuardListeners(log: Log): { unhandledRejection: (reason: unknown) => void; uncaughtException: (error: Error) => void } {
  return {
    unhandledRejection: (reason) => log('[berth] unhandled promise rejection (a bug in Berth; it keeps running):', reason),
    // An 'error' event without a listener lands here; one request's failure must not end the others.
    uncaughtException: (error) => log('[berth] uncaught exception (a bug in Berth; it keeps running):', error)
  }
}

export function installProcessGuards(log: Log = (line, e) => console.error(line, e)): void {
  if (installed) return
  installed = true
  const listeners = processGuardListeners(log)
  process.on('unhandledRejection', listeners.unhandledRejection)
  process.on('uncaughtException', listeners.uncaughtException)
}
