// The composition root: lays out the features, starts their stores, and hands one feature's
// data or component to another (registry entries to the browser and the push dialog, the Pull
// button into tag details). Features never import each other; see docs/architecture.md.
import { useEffect } from 'react'
import { useNav } from './app/navigation'
import { RegistryPage } from './features/catalog/RegistryPage'
import { initNotices } from './app/notices'
import { EngineBadge } from './features/engine/EngineBadge'
import { EngineDownScreen } from './features/engine/EngineDownScreen'
import { useEngine } from './features/engine/engineStore'
import { ImagesPage } from './features/images/ImagesPage'
import { useImages } from './features/images/imagesStore'
import { Sidebar } from './features/layout/Sidebar'
import { LocalRegistryPage } from './features/localRegistry/LocalRegistryPage'
import { LocalRegistrySidebar } from './features/localRegistry/LocalRegistrySidebar'
import { useLocalRegistry } from './features/localRegistry/localRegistryStore'
import { useHubCache } from './features/localRegistry/hubCacheStore'
import { CredentialsDialogHost } from './features/registries/CredentialsDialog'
import { RegistriesSection } from './features/registries/RegistriesSection'
import { useRegistries } from './features/registries/registriesStore'
import { Toasts } from './features/toasts/Toasts'
import { FileDropOverlay } from './features/transfers/FileDropOverlay'
import { ArchiveDropLayer } from './features/transfers/ArchiveDropDialog'
import { PullButton } from './features/transfers/PullButton'
import { PushLayer } from './features/transfers/PushLayer'
import { PushButton, openPushMenu } from './features/transfers/PushMenu'
import { TransfersPage } from './features/transfers/TransfersPage'
import { runningCount, useTransfers } from './features/transfers/transfersStore'
import { ReconnectingBadge } from './features/connection/ReconnectingBadge'
import { useConnection } from './features/connection/connectionStore'
import { keepStoresInSync } from './wiring'
import { SettingsMenu } from './features/settings/SettingsMenu'
import { ProgressAnnouncer } from './features/transfers/ProgressAnnouncer'
import { CopyLayer } from './features/copy/CopyLayer'
import { SyncPage } from './features/sync/SyncPage'
import { useSync } from './features/sync/syncStore'

export function App(): React.JSX.Element {
  const status = useEngine((s) => s.status)
  const page = useNav((s) => s.page)
  const registries = useRegistries((s) => s.entries)
  const registriesListed = useRegistries((s) => s.loaded)
  const running = useTransfers((s) => runningCount(s.byId))

  // Stores subscribe once for the app's lifetime, so state survives page switches.
  useEffect(() => useEngine.getState().init(), [])
  useEffect(() => useImages.getState().init(), [])
  useEffect(() => useTransfers.getState().init(), [])
  useEffect(() => useRegistries.getState().init(), [])
  useEffect(() => useLocalRegistry.getState().init(), [])
  useEffect(() => useConnection.getState().init(), [])
  useEffect(() => useSync.getState().init(), [])
  useEffect(() => useHubCache.getState().init(), [])
  // After the stores subscribed: each (re)connect reloads their snapshots (the first load too).
  useEffect(() => keepStoresInSync(), [])
  useEffect(() => initNotices(), [])

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">⚓ Berth</div>
        <EngineBadge />
        <ReconnectingBadge />
        <div className="spacer" />
        <SettingsMenu />
      </header>
      <Sidebar running={running}>
        <RegistriesSection />
        <LocalRegistrySidebar />
      </Sidebar>
      <main className="main" tabIndex={-1}>
        {/* A registry is browsed over HTTP: it works while the engine is down (only Pull needs it). */}
        {page.kind === 'registry' ? (
          <RegistryPage
            registryId={page.registryId}
            entry={registries.find((r) => r.id === page.registryId)}
            listed={registriesListed}
            pullAction={(reference) => <PullButton key={reference} reference={reference} />}
          />
        ) : page.kind === 'sync' ? (
          // Registry to registry: no engine needed.
          <SyncPage registries={registries} onStarted={() => useNav.getState().go({ kind: 'transfers' })} />
        ) : status?.state === 'down' ? (
          <EngineDownScreen status={status} />
        ) : page.kind === 'images' ? (
          <ImagesPage detailActions={(ref, id) => <PushButton image={{ id, ref }} />} onRowContextMenu={(images, e) => openPushMenu(e, images)} />
        ) : page.kind === 'transfers' ? (
          <TransfersPage />
        ) : (
          <LocalRegistryPage />
        )}
      </main>
      <Toasts />
      <PushLayer registries={registries} />
      <CredentialsDialogHost />
      <FileDropOverlay />
      <ArchiveDropLayer registries={registries} />
      <ProgressAnnouncer />
      <CopyLayer registries={registries} onStarted={() => useNav.getState().go({ kind: 'transfers' })} />
    </div>
  )
}
