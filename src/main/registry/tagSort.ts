// Version-aware natural order for tags (1.9 < 1.10, v2 < v10). No imports, so the renderer
// can use it too.

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

export function compareTags(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

export function sortTags(tags: Iterable<string>): string[] {
  return [...tags].sort(compareTags)
}
