// The engine the user picked, remembered across restarts in Berth's data folder (engine.json).
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

export function readEngineChoice(file: string): string | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { endpoint?: unknown }
    return typeof saved.endpoint === 'string' && saved.endpoint ? saved.endpoint : undefined
  } catch {
    return undefined // none yet, or unreadable: Berth picks automatically
  }
}

export async function saveEngineChoice(file: string, endpoint: string | undefined): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, JSON.stringify(endpoint ? { endpoint } : {}, null, 2) + '\n', { mode: 0o600 })
}
