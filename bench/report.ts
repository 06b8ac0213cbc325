// What every bench module returns from run(); bench/run.ts prints it as a table.
export interface BenchResult {
  name: string
  value: number
  unit: string
  /** e.g. "≤ 1.05" */
  goal?: string
  ok?: boolean
  note?: string
}

export interface Report {
  title: string
  results: BenchResult[]
  notes?: string[]
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** The value below which p % of the samples fall (nearest rank). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits

export function formatReport(report: Report): string {
  const rows = report.results.map((r) => [r.name, `${r.value} ${r.unit}`, r.goal ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED', r.note ?? ''])
  const head = ['measure', 'value', 'goal', '', 'note']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [`## ${report.title}`, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ...(report.notes ?? []).map((n) => `  * ${n}`)].join('\n')
}
