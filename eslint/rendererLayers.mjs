// The renderer's layers, keyed on folder names (as VS Code's own layer rule is):
//
//   App.tsx, main.tsx, wiring.ts   the composition root: may import anything
//   features/<name>/               may import lib/, components/, app/, @shared and its own folder
//   app/                           cross-feature intents, navigation, toasts: no feature
//   components/                    presentational pieces: lib/ and @shared only
//   lib/                           api, formatting, platform: no other layer
//
// and components (.tsx files) never import lib/api.ts: only stores talk to the backend.
import path from 'node:path'

const ROOT = 'src/renderer/src/'

/** Where a renderer file sits: { layer: 'features' | 'app' | 'components' | 'lib' | 'root', feature? }. */
function place(file) {
  const rel = file.split(path.sep).join('/')
  const at = rel.lastIndexOf(ROOT)
  if (at === -1) return undefined
  const parts = rel.slice(at + ROOT.length).split('/')
  if (parts.length === 1) return { layer: 'root' }
  if (parts[0] === 'features') return { layer: 'features', feature: parts[1] }
  return { layer: parts[0] }
}

const ALLOWED = {
  features: ['features', 'app', 'components', 'lib'],
  app: ['app', 'components', 'lib'],
  components: ['components', 'lib'],
  lib: ['lib']
}

function problem(from, to, isComponent, target) {
  if (isComponent && to.layer === 'lib' && /\/lib\/api(\.ts)?$/.test(target)) return 'Components never call the backend: move the call into the feature’s store and call the store’s action.'
  if (from.layer === 'root') return undefined
  const allowed = ALLOWED[from.layer]
  if (allowed && !allowed.includes(to.layer)) return `${from.layer}/ may not import ${to.layer === 'root' ? 'the composition root' : `${to.layer}/`}: the renderer’s layers point one way (docs/architecture.md).`
  if (from.layer === 'features' && to.layer === 'features' && to.feature !== from.feature)
    return `Feature "${from.feature}" may not import feature "${to.feature}": go through app/intents.ts, or let App.tsx hand the piece over.`
  return undefined
}

export const rendererLayers = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename ?? context.getFilename()
    const from = place(file)
    if (!from) return {}
    const isComponent = file.endsWith('.tsx')
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const target = path.resolve(path.dirname(file), source).split(path.sep).join('/')
      const to = place(target)
      if (!to) return
      const message = problem(from, to, isComponent, target)
      if (message) context.report({ node, message })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value)
    }
  }
}

export default { rules: { 'layers': rendererLayers } }
