// Version-aware natural order for tags: 1.9 before 1.10, v2 before v10. Main sorts tag lists
// with it; the renderer re-sorts them when the user flips the order.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

export function compareTags(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

export function sortTags(tags: Iterable<string>): string[] {
  return [...tags].sort(compareTags)
}
