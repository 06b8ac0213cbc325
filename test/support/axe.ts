/// <reference lib="dom" />
// axe-core injected into the page (the app's CSP forbids inline scripts, so it is evaluated through
// the DevTools protocol, which CSP does not govern) and run on the whole document or one part.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface Finding {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/** Serious and critical WCAG 2.x A/AA findings on the page (or inside `selector`). */
export async function axeFindings(page: Page, selector?: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const all = await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe
    const result = await axe.run(sel ? { include: [[sel]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations']
    })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`) }))
  }, selector)
  return all.filter((f) => f.impact === 'serious' || f.impact === 'critical')
}

/** A readable report for an assertion message. */
export function report(findings: Finding[]): string {
  return findings.map((f) => `${f.impact} ${f.id}: ${f.help}\n  ${f.nodes.join('\n  ')}`).join('\n')
}
