import { useNav, type Page } from '../../app/navigation'

const pages: { page: Page; label: string }[] = [
  { page: { kind: 'images' }, label: 'Images' },
  { page: { kind: 'transfers' }, label: 'Transfers' },
  { page: { kind: 'sync' }, label: 'Sync sets' }
]

/** `running`: how many transfers are still going (App reads it from the transfers store). */
export function Sidebar({ running, children }: { running: number; children?: React.ReactNode }): React.JSX.Element {
  const { page, go } = useNav()
  // A push keeps going while the user looks elsewhere: the nav says how many are still running.
  return (
    <nav className="sidebar" aria-label="Main">
      <ul className="nav">
        {pages.map((p) => (
          <li key={p.page.kind}>
            <button className={`nav-item${page.kind === p.page.kind ? ' active' : ''}`} aria-current={page.kind === p.page.kind ? 'page' : undefined} onClick={() => go(p.page)}>
              {p.label}
              {p.page.kind === 'transfers' && running > 0 && (
                <span className="pill" data-testid="transfers-running" aria-label={`${running} running`}>
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
