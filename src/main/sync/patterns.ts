// Tag patterns of sync sets: `*` is any run of characters, `?` one character, the rest literal
// (so "1.27*" is not a regular expression where "." would match anything).
export function matchesPattern(tag: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
  return re.test(tag)
}
