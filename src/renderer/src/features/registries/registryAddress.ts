// The same rules main applies (registry client's normalizeAddress), for live form feedback.

export type AddressCheck = { ok: true; address: string; scheme?: 'http' | 'https' } | { ok: false; error: string }

export function checkAddress(input: string): AddressCheck {
  const raw = input.trim()
  if (!raw) return { ok: false, error: 'Type the registry address: host or host:port, e.g. 127.0.0.1:5000' }
  const pasted = /^(https?):\/\//i.exec(raw)
  const a = raw.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '')
  if (/[/?#@\s]/.test(a)) return { ok: false, error: 'Only host[:port]: no path, user or spaces (e.g. registry.example.com or 127.0.0.1:5000)' }
  try {
    if (!new URL(`http://${a}`).host) throw new Error()
  } catch {
    return { ok: false, error: `"${a}" is not a host name or IP address with an optional port` }
  }
  const port = /:(\d+)$/.exec(a)?.[1]
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return { ok: false, error: 'The port must be between 1 and 65535' }
  return { ok: true, address: a.toLowerCase(), ...(pasted ? { scheme: pasted[1]!.toLowerCase() as 'http' | 'https' } : {}) }
}
