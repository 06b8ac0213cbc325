// What changed between the stored catalog and a fresh walk: names new and gone.

export function catalogChanges(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const old = new Set(before)
  const now = new Set(after)
  return { added: after.filter((r) => !old.has(r)), removed: before.filter((r) => !now.has(r)) }
}
