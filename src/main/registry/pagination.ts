// `Link: </v2/_catalog?last=x&n=100>; rel="next"` (RFC 8288). registry:2 sends it relative.

/** The `rel="next"` target resolved against `base`, or undefined. */
export function parseLinkNext(header: string | null | undefined, base: string | URL): URL | undefined {
  if (!header) return undefined
  for (const link of splitLinks(header)) {
    const m = /^\s*<([^>]*)>(.*)$/s.exec(link)
    if (!m) continue
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2])
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/)
    if (!rels.includes('next')) continue
    try {
      return new URL(m[1], base)
    } catch {
      return undefined
    }
  }
  return undefined
}

/** Splits on commas that are outside `<…>` and quotes. */
function splitLinks(header: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < header.length; i++) {
    const c = header[i]
    if (c === '"' && depth === 0) quoted = !quoted
    else if (c === '<' && !quoted) depth++
    else if (c === '>' && !quoted) depth = Math.max(0, depth - 1)
    else if (c === ',' && depth === 0 && !quoted) {
      parts.push(header.slice(start, i))
      start = i + 1
    }
  }
  parts.push(header.slice(start))
  return parts
}

/** The `{ n, last }` cursor a next-link carries (falls back to what the caller knows). */
export function cursorFromLink(next: URL, fallback: { n: number; last?: string }): { n: number; last: string } | undefined {
  const n = Number(next.searchParams.get('n'))
  const last = next.searchParams.get('last') ?? fallback.last
  if (!last) return undefined
  return { n: Number.isInteger(n) && n > 0 ? n : fallback.n, last }
}
