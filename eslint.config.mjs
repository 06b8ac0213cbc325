import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import i18next from 'eslint-plugin-i18next'
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

// ipcMain / ipcRenderer only in the one IPC binding module and the preload.
const ipcOnly = [
  { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Use src/main/ipc.ts: it is the only ipcMain user.' },
  { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Only the preload talks to ipcRenderer; the renderer uses lib/api.ts.' }
]

const I18N_LINT_MESSAGE =
  "Untranslated text. Berth speaks English and 简体中文: add a key to BOTH src/shared/i18n/locales/en.json and zh-CN.json (terms: src/shared/i18n/glossary.md), then render it with const { t } = useTranslation(); t('feature.key', { param }). No glued sentences: one key per sentence, with {{params}}. `npx tsx scripts/i18n-check.ts` lists missing and unused keys."

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        ...ipcOnly,
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
  {
    // Every word the UI shows comes from the catalogs: JSX text and user-facing attributes
    // (labels, titles, placeholders, alt) must be t('…'), never a literal.
    files: ['src/renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'confirmLabel']
          },
          // Symbols, numbers, units and code the same in every language (⚓, ×, ▲, :, /v2/, …).
          // …and names, paths, references and flags the same in every language (localhost:5000/app:1.0, --delete-untagged).
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s…⋯–—−·•×▲▼▾▸⚓→←↑↓✓✕]+', '^(⚓ )?Berth$', '^Docker( Hub)?$', '^Podman$', '^HTTPS?$', '^-+[A-Z ]+-+$', '^[\\w-]*[.:/][\\w.:/@<>-]*$'] },
          // Code and commands stay as they are: <code>docker pull …</code>, <pre>snippets</pre>.
          'jsx-components': { exclude: ['Trans', 'code', 'pre', 'kbd'] },
          message: I18N_LINT_MESSAGE
        }
      ]
    }
  },
  { files: ['src/main/ipc.ts', 'src/preload/**'], rules: { 'no-restricted-syntax': ['error', ...translatableErrors] } },
  // Tests build errors from literal text on purpose (what a daemon or registry might say).
  { files: ['test/**', 'bench/**', 'scripts/**'], rules: { 'no-restricted-syntax': 'off' } }
)
