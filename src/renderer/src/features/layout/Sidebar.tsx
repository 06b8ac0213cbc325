import { useNav, type Page } from './navStore'

const pages: { page: Page; label: string }[] = [
  { page: { kind: 'images' }, label: 'Images' },
  { page: { kind: 'transfers' }, label: 'Transfers' }
]

export function Sidebar({ children }: { children?: React.ReactNode }): React.JSX.Element {
  const { page, go } = useNav()
  return (
    <nav className="sidebar" aria-label="Main">
      <ul className="nav">
        {pages.map((p) => (
          <li key={p.page.kind}>
            <button className={`nav-item${page.kind === p.page.kind ? ' active' : ''}`} aria-current={page.kind === p.page.kind ? 'page' : undefined} onClick={() => go(p.page)}>
              {p.label}
            </button>
          </li>
        ))}
      </ul>
      {children}
    </nav>
  )
}
