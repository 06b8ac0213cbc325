// Version-aware order for tags: 1.9 before 1.10, v2 before v10 (same rule as main's client).
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

export function compareTags(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}
