// `npm run bench [-- name…]`: runs the bench modules (each exports run(): Promise<Report>) one
// after the other and prints one table per module. Exit code 1 when a module throws.
import { formatReport, type Report } from './report'

const modules: Record<string, () => Promise<{ run(): Promise<Report> }>> = {
  push: () => import('./push'),
  catalog: () => import('./catalog'),
  images: () => import('./images'),
  copy: () => import('./copy')
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((w) => !(w in modules))
  if (unknown.length) throw new Error(`unknown bench ${unknown.join(', ')}; known: ${Object.keys(modules).join(', ')}`)
  let failed = false
  for (const name of wanted.length ? wanted : Object.keys(modules)) {
    process.stderr.write(`\n[bench] ${name}…\n`)
    try {
      const report = await (await modules[name]!()).run()
      process.stdout.write(`\n${formatReport(report)}\n`)
    } catch (e) {
      failed = true
      process.stdout.write(`\n## ${name}\nFAILED: ${(e as Error).stack ?? e}\n`)
    }
  }
  process.exit(failed ? 1 : 0)
}

void main()
