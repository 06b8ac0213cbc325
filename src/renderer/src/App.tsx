import { useEffect } from 'react'
import { EngineBadge } from './features/engine/EngineBadge'
import { EngineDownScreen } from './features/engine/EngineDownScreen'
import { useEngine } from './features/engine/engineStore'
import { ImagesPage } from './features/images/ImagesPage'
import { useImages } from './features/images/imagesStore'
import { Sidebar } from './features/layout/Sidebar'
import { useNav } from './features/layout/navStore'
import { Toasts } from './features/toasts/Toasts'
import { RegistryPage } from './features/catalog/RegistryPage'
import { TransfersPage } from './features/transfers/TransfersPage'
import { useTransfers } from './features/transfers/transfersStore'
import { RegistriesSection } from './features/registries/RegistriesSection'
import { useRegistries } from './features/registries/registriesStore'
import { PushLayer } from './features/push/PushLayer'
import { PushButton, openPushMenu } from './features/push/PushMenu'
import { LocalRegistryPage } from './features/localRegistry/LocalRegistryPage'
import { LocalRegistrySidebar } from './features/localRegistry/LocalRegistrySidebar'

export function App(): React.JSX.Element {
  const status = useEngine((s) => s.status)
  const page = useNav((s) => s.page)

  // Stores subscribe once for the app's lifetime, so state survives page switches.
  useEffect(() => useEngine.getState().init(), [])
  useEffect(() => useImages.getState().init(), [])
  useEffect(() => useTransfers.getState().init(), [])
  useEffect(() => useRegistries.getState().init(), [])

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">⚓ Berth</div>
        <EngineBadge />
      </header>
      <Sidebar>
        <RegistriesSection />
        <LocalRegistrySidebar />
      </Sidebar>
      <main className="main">
        {/* A registry is browsed over HTTP: it works while the engine is down (only Pull needs it). */}
        {page.kind === 'registry' ? (
          <RegistryPage registryId={page.registryId} />
        ) : status?.state === 'down' ? (
          <EngineDownScreen status={status} />
        ) : page.kind === 'images' ? (
          <ImagesPage detailActions={(ref, id) => <PushButton image={{ id, ref }} />} onRowContextMenu={(images, e) => openPushMenu(e, images)} />
        ) : page.kind === 'transfers' ? (
          <TransfersPage />
        ) : page.kind === 'local-registry' ? (
          <LocalRegistryPage />
        ) : (
          <div className="empty">Coming soon.</div>
        )}
      </main>
      <Toasts />
      <PushLayer />
    </div>
  )
}
