// The catalogs' completeness check (run by `npm test` through test/unit/i18n-catalogs.test.ts,
// or alone: `npx tsx scripts/i18n-check.ts`). It fails when a key is missing from a catalog,
// when a catalog has keys no code uses, when en and zh-CN disagree on a message's {{params}},
// or when the Chinese catalog strays from the glossary's terms.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const localesDir = join(root, 'src/shared/i18n/locales')
export const catalogFiles = { en: join(localesDir, 'en.json'), 'zh-CN': join(localesDir, 'zh-CN.json') }

/** What to do, printed with every problem: other issues add UI after this one. */
export const HOW_TO_FIX = `
How to fix (Berth speaks English and 简体中文; every word a user sees comes from the catalogs):
  1. Add the key to BOTH src/shared/i18n/locales/en.json and src/shared/i18n/locales/zh-CN.json
     (same {{params}}; plurals: "key_one" + "key_other" in en, "key_other" in zh-CN).
  2. Use it: in a component  const { t } = useTranslation();  t('feature.key', { name })
             in a store       i18n.t('feature.key')  (import { i18n } from 'lib/i18n')
             in main (errors) new BerthError(code, m('errors.area.what', { param }), m('hints.area.todo'))
     Never glue English sentences together in code: one key per sentence, with {{params}}.
  3. Chinese terms: follow src/shared/i18n/glossary.md (镜像, 镜像仓库, 标签, 推送, 拉取 …).
  4. Remove keys you stop using (this check fails on unused keys).`

type Catalog = Record<string, string>
const PLURAL = /_(zero|one|two|few|many|other)$/

export function flatten(obj: unknown, prefix = '', out: Catalog = {}): Catalog {
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out[key] = v
    else flatten(v, key, out)
  }
  return out
}

const baseKey = (k: string): string => k.replace(PLURAL, '')
const params = (s: string): string[] => [...new Set([...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((x) => x[1]!))].sort()

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return /\.(ts|tsx)$/.test(name) ? [p] : []
  })
}

/** Keys the code names: t('a.b'), m('a.b'), i18nKey="a.b"; `prefix.${x}` marks every key under prefix as used. */
export function usedKeys(files = sourceFiles(join(root, 'src'))): { keys: Map<string, string>; prefixes: Set<string>; mentioned: Set<string> } {
  const keys = new Map<string, string>()
  const prefixes = new Set<string>()
  const mentioned = new Set<string>()
  for (const f of files) {
    // Comments may show examples (m('errors.x')): only code counts.
    const text = readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => !/^\s*(\/\/|\/?\*)/.test(l))
      .join('\n')
    const where = relative(root, f)
    for (const x of text.matchAll(/\b(?:t|m|tMsg)\(\s*(['"])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g)) keys.set(x[2]!, where)
    for (const x of text.matchAll(/i18nKey=(['"])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g)) keys.set(x[2]!, where)
    // m(cond ? 'a.b' : 'a.c'): key-shaped literals anywhere in a t()/m() call count as used.
    for (const call of text.matchAll(/\b(?:t|m)\(/g)) {
      for (const x of callText(text, call.index! + call[0].length).matchAll(/(['"])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g)) mentioned.add(x[2]!)
    }
    // <Trans i18nKey={cond ? 'a.b' : 'a.c'} />
    for (const x of text.matchAll(/i18nKey=\{([^}]*)\}/g)) for (const k of x[1]!.matchAll(/(['"])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g)) mentioned.add(k[2]!)
    for (const x of text.matchAll(/\b(?:t|m)\(\s*`([a-zA-Z][\w.-]*\.)\$\{/g)) prefixes.add(x[1]!)
  }
  return { keys, prefixes, mentioned }
}

/** The argument text of a call whose "(" ends at `start`, up to the matching ")". */
function callText(text: string, start: number): string {
  let depth = 1
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return text.slice(start, i)
  }
  return text.slice(start)
}

export interface Glossary {
  /** A term that must not appear in zh-CN, and the one to use. */
  avoid: { term: string; use: string }[]
}

/** The glossary's "avoid" table: lines like `| registry | 镜像仓库 | 注册表 |` (third column: avoid). */
export function readGlossary(): Glossary {
  const text = readFileSync(join(root, 'src/shared/i18n/glossary.md'), 'utf8')
  const avoid: Glossary['avoid'] = []
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    if (cells.length < 5 || !cells[3] || cells[1] === 'English' || /^-+$/.test(cells[1]!)) continue
    for (const term of cells[3].split(/[,，、]/).map((t) => t.trim()).filter(Boolean)) avoid.push({ term, use: cells[2]! })
  }
  return { avoid }
}

export function checkCatalogs(): string[] {
  const en = flatten(JSON.parse(readFileSync(catalogFiles.en, 'utf8')))
  const zh = flatten(JSON.parse(readFileSync(catalogFiles['zh-CN'], 'utf8')))
  const problems: string[] = []
  const enBase = new Set(Object.keys(en).map(baseKey))
  const zhBase = new Set(Object.keys(zh).map(baseKey))
  for (const k of enBase) if (!zhBase.has(k)) problems.push(`missing in zh-CN.json: ${k} (en: "${en[k] ?? en[`${k}_other`]}")`)
  for (const k of zhBase) if (!enBase.has(k)) problems.push(`missing in en.json: ${k}`)
  for (const k of Object.keys(en).filter((x) => x.endsWith('_one'))) {
    const b = baseKey(k)
    if (!en[`${b}_other`]) problems.push(`en.json: ${k} needs ${b}_other`)
    if (!zh[`${b}_other`]) problems.push(`zh-CN.json: plural ${b} needs ${b}_other`)
  }
  for (const k of enBase) {
    const e = en[k] ?? en[`${k}_other`]
    const z = zh[k] ?? zh[`${k}_other`]
    if (e === undefined || z === undefined) continue
    const pe = params(e).filter((p) => p !== 'count')
    const pz = params(z).filter((p) => p !== 'count')
    if (pe.join() !== pz.join()) problems.push(`{{params}} differ for ${k}: en [${pe}] vs zh-CN [${pz}]`)
  }
  const { keys, prefixes, mentioned } = usedKeys()
  for (const [k, where] of keys) if (!enBase.has(k)) problems.push(`${where} uses "${k}", which is in no catalog`)
  const underPrefix = (k: string): boolean => [...prefixes].some((p) => k.startsWith(p))
  for (const k of enBase) if (!keys.has(k) && !mentioned.has(k) && !underPrefix(k)) problems.push(`unused key (no code names it): ${k}`)
  for (const { term, use } of readGlossary().avoid) {
    for (const [k, v] of Object.entries(zh)) if (v.includes(term)) problems.push(`zh-CN.json ${k}: "${term}" is not our term, use "${use}" (glossary.md)`)
  }
  return problems
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const problems = checkCatalogs()
  for (const p of problems) console.error(`✗ ${p}`)
  if (problems.length) {
    console.error(HOW_TO_FIX)
    process.exit(1)
  }
  console.log('i18n catalogs: complete, consistent, all keys used.')
}
