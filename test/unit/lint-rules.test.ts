// The architecture rules live in eslint.config.mjs; this proves they bite.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

describe('architecture lint rules', () => {
  it('forbids electron in the shared contract and in services', async () => {
    for (const file of ['src/shared/contract/x.ts', 'src/main/engine/x.ts', 'src/main/registry/x.ts', 'src/server/x.ts']) {
      expect(await messages("import { app } from 'electron'\nexport const a = app\n", file)).toEqual([expect.stringMatching(/no-restricted-imports/)])
    }
  })

  it('allows electron in the shell and the preload', async () => {
    expect(await messages("import { app } from 'electron'\nexport const a = app\n", 'src/main/window.ts')).toEqual([])
  })

  it('forbids raw ipcMain outside the IPC binding and ipcRenderer outside the preload', async () => {
    expect(await messages("import { ipcMain } from 'electron'\nexport const a = ipcMain\n", 'src/main/index.ts')).toEqual([expect.stringMatching(/no-restricted-syntax/)])
    expect(await messages("import { ipcMain } from 'electron'\nexport const a = ipcMain\n", 'src/main/ipc.ts')).toEqual([])
    expect(await messages("import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer\n", 'src/renderer/src/x.ts')).not.toEqual([])
    expect(await messages("import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer\n", 'src/preload/index.ts')).toEqual([])
  })

  it('keeps the renderer away from main-process modules', async () => {
    expect(await messages("import { createServices } from '../../main/services'\nexport const a = createServices\n", 'src/renderer/src/x.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports/)
    ])
  })
})
