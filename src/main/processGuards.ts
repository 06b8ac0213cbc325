// Last line of defence for the long-running process (web server or Electron main): a bug that
// escapes every handler is logged loudly instead of ending Berth without a word.
let installed = false

export function installProcessGuards(log: (line: string, error: unknown) => void = (line, e) => console.error(line, e)): void {
  if (installed) return
  installed = true
  process.on('unhandledRejection', (reason) => log('[berth] unhandled promise rejection (a bug in Berth; it keeps running):', reason))
  // An 'error' event without a listener lands here; one request's failure must not end the others.
  process.on('uncaughtException', (error) => log('[berth] uncaught exception (a bug in Berth; it keeps running):', error))
}
