import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useNav, type Page } from '../../app/navigation'

const pages: { page: Page; label(t: TFunction): string }[] = [
  { page: { kind: 'images' }, label: (t) => t('nav.images') },
  { page: { kind: 'transfers' }, label: (t) => t('nav.transfers') },
  { page: { kind: 'sync' }, label: (t) => t('nav.syncSets') }
]

/** `running`: how many transfers are still going (App reads it from the transfers store). */
export function Sidebar({ running, children }: { running: number; children?: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation()
  const { page, go } = useNav()
  // A push keeps going while the user looks elsewhere: the nav says how many are still running.
  return (
    <nav className="sidebar" aria-label={t('nav.main')}>
      <ul className="nav">
        {pages.map((p) => (
          <li key={p.page.kind}>
            <button className={`nav-item${page.kind === p.page.kind ? ' active' : ''}`} aria-current={page.kind === p.page.kind ? 'page' : undefined} onClick={() => go(p.page)} data-testid={`nav-${p.page.kind}`}>
              {p.label(t)}
              {p.page.kind === 'transfers' && running > 0 && (
                <span className="pill" data-testid="transfers-running" aria-label={t('nav.running', { count: running })}>
                  {running}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {children}
    </nav>
  )
}
