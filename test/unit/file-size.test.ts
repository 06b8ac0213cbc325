// "Small files with self-explaining names": no source file outside the tests grows past 300
// lines. A file that does is doing more than one thing; split it along its seams (see
// docs/architecture.md), not at line 300.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const MAX_LINES = 300
const root = resolve(__dirname, '../..')
/** Where source lives; test/ is left out on purpose (a test may tell a long story). */
const folders = ['src', 'eslint', 'scripts', 'bench', '.ci']
/** Code and style, not data or prose (JSON catalogs, Markdown, lock files, images). */
const source = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|css|html|sh)$|^\.ci\/run$/

function sourceFiles(): string[] {
  const inRoot = readdirSync(root).filter((f) => statSync(join(root, f)).isFile())
  const inFolders = folders.flatMap((folder) => readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).map((f) => join(folder, f)))
  return [...inRoot, ...inFolders].map((f) => relative(root, join(root, f)).split('\\').join('/')).filter((f) => source.test(f) && statSync(join(root, f)).isFile())
}

function lineCount(file: string): number {
  const text = readFileSync(join(root, file), 'utf8')
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

describe('file size', () => {
  it(`keeps every source file outside the tests at ${MAX_LINES} lines or fewer`, () => {
    const files = sourceFiles()
    expect(files).toContain('src/main/services.ts') // the walk found the tree
    const tooLong = files.map((f) => ({ f, n: lineCount(f) })).filter(({ n }) => n > MAX_LINES).map(({ f, n }) => `${f}: ${n} lines`)
    expect(tooLong).toEqual([])
  })
})
