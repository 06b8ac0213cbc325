// `_catalog` paging. registry:2 rejects n > 1000 with PAGINATION_NUMBER_INVALID (others draw
// the line lower), so a refused page size is halved until the registry accepts it.
import { BerthError, isAuthError, isBerthError } from '@shared/contract/errors'
import type { CatalogPage } from '@shared/contract/registryTypes'
import { notARegistry, parseJsonBody, type ErrorContext } from './errors'
import { cursorFromLink, parseLinkNext } from './pagination'
import { CATALOG_SCOPE, type Transport } from './transport'
import { m } from '@shared/i18n/message'

export const DEFAULT_PAGE_SIZE = 1000
export const MIN_PAGE_SIZE = 100

export async function catalogPage(t: Transport, opts: { n?: number; last?: string } = {}): Promise<CatalogPage> {
  let n = opts.n
  for (;;) {
    try {
      return await fetchPage(t, n, opts.last)
    } catch (e) {
      if (isBerthError(e) && e.details?.registryCode === 'PAGINATION_NUMBER_INVALID' && n !== undefined && n > MIN_PAGE_SIZE) {
        n = Math.max(MIN_PAGE_SIZE, Math.floor(n / 2))
        continue
      }
      throw catalogError(t, e)
    }
  }
}

/** Every page in order; `onPage` sees each one as it arrives (for progressive UIs). */
export async function* catalogAll(t: Transport, onPage?: (page: CatalogPage, index: number) => void, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<CatalogPage> {
  let cursor: { n: number; last?: string } = { n: pageSize }
  const seen = new Set<string>()
  for (let index = 0; ; index++) {
    const page = await catalogPage(t, cursor)
    onPage?.(page, index)
    yield page
    // A registry repeating a cursor would loop forever.
    if (!page.next || seen.has(page.next.last)) return
    seen.add(page.next.last)
    cursor = page.next
  }
}

async function fetchPage(t: Transport, n: number | undefined, last: string | undefined): Promise<CatalogPage> {
  const url = new URL('/v2/_catalog', t.origin)
  if (n !== undefined) url.searchParams.set('n', String(n))
  if (last) url.searchParams.set('last', last)
  const ctx: ErrorContext = { address: t.address, what: m('what.reg.catalog') }
  const res = await t.request({ url, scope: CATALOG_SCOPE, ctx })
  const json = parseJsonBody(res, ctx) as { repositories?: unknown }
  if (typeof json !== 'object' || json === null || !('repositories' in json)) throw notARegistry(ctx, res, m('errors.reg.why.noRepositoryList'))
  const repositories = Array.isArray(json.repositories) ? json.repositories.filter((r): r is string => typeof r === 'string') : []
  const link = parseLinkNext(res.headers.link, res.url)
  const next = link && repositories.length > 0 && link.origin === t.origin.origin ? cursorFromLink(link, { n: n ?? repositories.length, last: repositories.at(-1) }) : undefined
  return next ? { repositories, next } : { repositories }
}

/** Registries that do not list (Docker Hub, most clouds) answer 401/403/404/405/UNSUPPORTED. */
function catalogError(t: Transport, e: unknown): unknown {
  if (!isBerthError(e)) return e
  const d = e.details ?? {}
  const refused =
    e.code === 'NOT_FOUND' ||
    d.registryCode === 'UNSUPPORTED' ||
    d.status === 405 ||
    (e.code === 'AUTH_DENIED' && d.status === 403) ||
    (isAuthError(e) && d.tokenGranted === true)
  if (!refused) return e
  return new BerthError(
    'CATALOG_UNSUPPORTED',
    m(e.code.startsWith('AUTH') ? 'errors.reg.noCatalogForAccount' : 'errors.reg.noCatalog', { address: t.address }),
    m('hints.reg.openByName'),
    { ...d, cause: e.code }
  )
}
