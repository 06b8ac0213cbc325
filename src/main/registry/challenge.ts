// Parses `WWW-Authenticate` (RFC 7235): several challenges in one header, quoted values that
// may contain commas and escaped quotes, parameter names in any case.

export interface Challenge {
  /** Lower-case scheme: `basic`, `bearer`, … */
  scheme: string
  /** Parameter names lower-cased; values unquoted. */
  params: Record<string, string>
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t'
const isTokenChar = (c: string | undefined): boolean => c !== undefined && !isSpace(c) && c !== ',' && c !== '=' && c !== '"'

export function parseWwwAuthenticate(header: string | null | undefined): Challenge[] {
  const s = header ?? ''
  const out: Challenge[] = []
  let current: Challenge | undefined
  let i = 0

  const readToken = (): string => {
    const start = i
    while (isTokenChar(s[i])) i++
    return s.slice(start, i)
  }
  const skipSpaces = (): void => {
    while (isSpace(s[i])) i++
  }

  while (i < s.length) {
    while (isSpace(s[i]) || s[i] === ',') i++
    const name = readToken()
    if (!name) {
      if (i < s.length) i++ // a stray quote or '=': skip it rather than loop forever
      continue
    }
    skipSpaces()
    if (s[i] !== '=') {
      current = { scheme: name.toLowerCase(), params: {} }
      out.push(current)
      continue
    }
    i++ // '='
    skipSpaces()
    let value = ''
    if (s[i] === '"') {
      i++
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++
        value += s[i]
        i++
      }
      i++ // closing quote
    } else {
      const start = i
      while (i < s.length && s[i] !== ',' && !isSpace(s[i])) i++
      value = s.slice(start, i)
    }
    if (current) current.params[name.toLowerCase()] = value
  }
  return out
}

/** The challenge Berth can answer, Bearer preferred over Basic. */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ?? challenges.find((c) => c.scheme === 'basic')
}
