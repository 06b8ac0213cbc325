/**
 * `text` as a URL, or undefined when it is not one. By hand because the WHATWG `URL.parse` that
 * does this needs Node 22, and tests and web mode run on Node 20.
 */
export function parseUrl(text: string, base?: string | URL): URL | undefined {
  try {
    return new URL(text, base)
  } catch {
    return undefined
  }
}
