import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import renderer from './eslint/rendererLayers.mjs'

const noElectron = {
  group: ['electron', 'electron/*', '@electron/*'],
  message: 'Services and the shared contract run in plain Node and the browser: only the Electron shell (src/main/index.ts, window.ts, security.ts, ipc.ts) and the preload may import electron.'
}

/** The Electron shell: the only files of src/main that may import electron. */
const electronShell = ['src/main/index.ts', 'src/main/window.ts', 'src/main/security.ts', 'src/main/ipc.ts']

// Error messages and hints are catalog keys (src/shared/i18n), so the renderer can show them in the
// user's language; a sentence written in the code would stay English for everyone.
// BerthError(code, message, hint, details); InvalidReferenceError(input, message, position, hint).
const messageArgs = [
  ['BerthError', 2],
  ['BerthError', 3],
  ['InvalidReferenceError', 2],
  ['InvalidReferenceError', 4]
]
const translatableErrors = messageArgs.flatMap(([callee, n]) =>
  ['Literal', 'TemplateLiteral'].map((type) => ({
    selector: `NewExpression[callee.name='${callee}'] > ${type}:nth-child(${n})`,
    message:
      "Errors cross the contract as a catalog key + params: new BerthError(code, m('errors.area.what', { param }), m('hints.area.todo')). Add the key to src/shared/i18n/locales/en.json AND zh-CN.json (see src/shared/i18n/glossary.md); `npx tsx scripts/i18n-check.ts` tells what is missing."
  }))
)

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // ipcMain / ipcRenderer only in the one IPC binding module and the preload.
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Use src/main/ipc.ts: it is the only ipcMain user.' },
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Only the preload talks to ipcRenderer; the renderer uses lib/api.ts.' },
        ...translatableErrors
      ]
    }
  },
  {
    // Turned around: every new service folder is covered without anyone adding it here.
    files: ['src/main/**', 'src/shared/**', 'src/server/**'],
    ignores: electronShell,
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron] }] }
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, renderer },
    rules: {
      'renderer/layers': 'error',
      ...reactHooks.configs.recommended.rules,
      // Berth does not use the React Compiler; TanStack Virtual's API is fine without it.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: ['**/main/**', '**/server/**'], message: 'The renderer reaches the backend only through lib/api.ts.' }] }]
    }
  },
  { files: ['src/main/ipc.ts', 'src/preload/**'], rules: { 'no-restricted-syntax': ['error', ...translatableErrors] } },
  // Tests build errors from literal text on purpose (what a daemon or registry might say).
  { files: ['test/**', 'bench/**', 'scripts/**'], rules: { 'no-restricted-syntax': 'off' } }
)
