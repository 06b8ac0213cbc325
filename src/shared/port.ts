// The one TCP port rule: references, registry addresses and the local registry's settings all use it.
export const MIN_PORT = 1
export const MAX_PORT = 65535

/** A whole number from 1 to 65535 (a string of digits counts as its number). */
export function isValidPort(port: number | string): boolean {
  const n = typeof port === 'string' ? (/^\d{1,5}$/.test(port) ? Number(port) : NaN) : port
  return Number.isInteger(n) && n >= MIN_PORT && n <= MAX_PORT
}
