// Temporary folders for unit tests that the suite removes again: a test run leaves no
// /tmp/berth-* behind. Call at the top of a file (or describe); every folder it made is removed
// after each test, or after all of them for folders a describe sets up once.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'

/** Returns `make(name)`: a fresh folder /tmp/berth-<name>-XXXXXX, removed after the current test (or all tests). */
export function tempDirs(removeAfter: 'each' | 'all' = 'each'): (name: string) => string {
  const made: string[] = []
  ;(removeAfter === 'each' ? afterEach : afterAll)(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return (name) => {
    const dir = mkdtempSync(join(tmpdir(), `berth-${name}-`))
    made.push(dir)
    return dir
  }
}
