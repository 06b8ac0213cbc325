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

export function formatReport(report: Report): string {
  const rows = report.results.map((r) => [r.name, `${r.value} ${r.unit}`, r.goal ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED', r.note ?? ''])
  const head = ['measure', 'value', 'goal', '', 'note']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [`## ${report.title}`, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ...(report.notes ?? []).map((n) => `  * ${n}`)].join('\n')
}
