// Where e2e tests find Chromium and the built web UI, and why they cannot run when either is missing.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const staticDir = resolve(__dirname, '../../out/web')
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Why e2e cannot run here, or null. */
export function browserProblem(): string | null {
  if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`
  if (!existsSync(join(staticDir, 'index.html'))) return `no built UI in ${staticDir} (run npm run build:web)`
  return null
}
