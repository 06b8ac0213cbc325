// The architecture rules live in eslint.config.mjs; this proves they bite.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

describe('architecture lint rules', () => {
  it('forbids electron in the shared contract and in every service folder, new ones included', async () => {
    for (const file of ['src/shared/contract/x.ts', 'src/main/engine/x.ts', 'src/main/registry/x.ts', 'src/main/browse/x.ts', 'src/main/registries/x.ts', 'src/main/someNewService/x.ts', 'src/main/services.ts', 'src/server/x.ts']) {
      expect(await messages("import { app } from 'electron'\nexport const a = app\n", file)).toEqual([expect.stringMatching(/no-restricted-imports/)])
    }
  })

  it('allows electron in the shell and the preload', async () => {
    for (const file of ['src/main/index.ts', 'src/main/window.ts', 'src/main/security.ts', 'src/main/ipc.ts', 'src/preload/index.ts']) {
      expect(await messages("import { app } from 'electron'\nexport const a = app\n", file)).toEqual([])
    }
  })

  it('forbids raw ipcMain outside the IPC binding and ipcRenderer outside the preload', async () => {
    expect(await messages("import { ipcMain } from 'electron'\nexport const a = ipcMain\n", 'src/main/index.ts')).toEqual([expect.stringMatching(/no-restricted-syntax/)])
    expect(await messages("import { ipcMain } from 'electron'\nexport const a = ipcMain\n", 'src/main/ipc.ts')).toEqual([])
    expect(await messages("import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer\n", 'src/renderer/src/x.ts')).not.toEqual([])
    expect(await messages("import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer\n", 'src/preload/index.ts')).toEqual([])
  })

  it('makes error messages catalog keys, not English sentences', async () => {
    const head = "import { BerthError } from '@shared/contract'\nimport { m } from '@shared/i18n/message'\n"
    expect(await messages(`${head}export const e = new BerthError('NOT_FOUND', 'No such thing.', m('hints.y'))\n`, 'src/main/x.ts')).toEqual([expect.stringMatching(/no-restricted-syntax: Errors cross the contract as a catalog key/)])
    expect(await messages(`${head}export const e = (x: string) => new BerthError('NOT_FOUND', m('errors.x'), \`Check \${x}.\`)\n`, 'src/renderer/src/x.ts')).toEqual([expect.stringMatching(/catalog key/)])
    expect(await messages(`${head}export const e = new BerthError('NOT_FOUND', m('errors.x'), m('hints.y'))\n`, 'src/main/x.ts')).toEqual([])
    // Text Berth did not write (an exception's message) passes through as it is.
    expect(await messages(`${head}export const f = (e: Error) => new BerthError('INTERNAL', e.message, m('hints.y'))\n`, 'src/main/x.ts')).toEqual([])
  })

  it('keeps the renderer away from main-process modules', async () => {
    expect(await messages("import { createServices } from '../../main/services'\nexport const a = createServices\n", 'src/renderer/src/x.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports/)
    ])
  })

  describe('renderer layers', () => {
    const fires = async (code: string, file: string): Promise<void> => {
      expect(await messages(code, `src/renderer/src/${file}`)).toEqual([expect.stringMatching(/renderer\/layers/)])
    }
    const passes = async (code: string, file: string): Promise<void> => {
      expect(await messages(code, `src/renderer/src/${file}`)).toEqual([])
    }

    it('forbids a feature importing another feature (the old registries → push → transfers loop)', async () => {
      await fires("import { usePush } from '../push/pushStore'\nexport const a = usePush\n", 'features/registries/RegistriesSection.tsx')
      await fires("import { useTransfers } from '../transfers/transfersStore'\nexport const a = useTransfers\n", 'features/registries/x.ts')
      await fires("export * from '../catalog/catalogStore'\n", 'features/transfers/x.ts')
    })

    it('lets a feature import its own folder, lib/, components/, app/ and @shared', async () => {
      const code = [
        "import { useCatalog } from './catalogStore'",
        "import { formatBytes } from '../../lib/format'",
        "import { Dialog } from '../../components/Dialog'",
        "import { intents } from '../../app/intents'",
        "import { isAuthError } from '@shared/contract'",
        'export const a = [useCatalog, formatBytes, Dialog, intents, isAuthError]',
        ''
      ].join('\n')
      await passes(code, 'features/catalog/x.tsx')
    })

    it('keeps lib/api out of components: only stores call the backend', async () => {
      await fires("import { api } from '../../lib/api'\nexport const a = api\n", 'features/catalog/PullButton.tsx')
      await fires("import { api } from '../lib/api'\nexport const a = api\n", 'components/x.tsx')
      await passes("import { api } from '../../lib/api'\nexport const a = api\n", 'features/catalog/catalogStore.ts')
    })

    it('keeps the lower layers from importing features or the composition root', async () => {
      await fires("import { usePush } from '../features/transfers/pushStore'\nexport const a = usePush\n", 'app/intents.ts')
      await fires("import { useImages } from '../features/images/imagesStore'\nexport const a = useImages\n", 'components/x.tsx')
      await fires("import { intents } from '../app/intents'\nexport const a = intents\n", 'lib/x.ts')
      await fires("import { App } from '../../App'\nexport const a = App\n", 'features/images/x.tsx')
    })

    it('lets the composition root wire features together', async () => {
      await passes("import { usePush } from './features/transfers/pushStore'\nexport const a = usePush\n", 'wiring.ts')
    })
  })
})
