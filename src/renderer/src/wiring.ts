// The composition root's other half: gives each intent of app/intents.ts to the feature that
// does it. The only module besides App.tsx that imports several features.
import { provideIntents } from './app/intents'
import { useEngine } from './features/engine/engineStore'
import { useImages } from './features/images/imagesStore'
import { useLocalRegistry } from './features/localRegistry/localRegistryStore'
import { useRegistries } from './features/registries/registriesStore'
import { useTransfers } from './features/transfers/transfersStore'
import { api } from './lib/api'
import { useCredentialsPrompt } from './features/registries/credentialsPrompt'
import { useDoctor } from './features/registries/doctorStore'
import { usePush } from './features/transfers/pushStore'
import { useCopy } from './features/copy/copyStore'
import { useSync } from './features/sync/syncStore'
import { useHubCache } from './features/localRegistry/hubCacheStore'
import { useArchive } from './features/transfers/archiveStore'

provideIntents({
  openPush: (request) => usePush.getState().open(request),
  openCopy: (request) => useCopy.getState().open(request),
  exportArchive: (from) => void useArchive.getState().exportArchive(from),
  askCredentials: (request) => useCredentialsPrompt.getState().ask(request),
  collectGarbage: () => useLocalRegistry.getState().garbageCollect(false),
  checkConnection: (registryId) => useDoctor.getState().open(registryId),
  enableLocalDeletes: () => useLocalRegistry.getState().enableDeletes()
})

/**
 * Every store that mirrors backend state reloads its snapshot when the live feed (re)starts
 * (the first time included), because events sent while it was down may be lost. One place, so
 * no mirror is forgotten. Returns the unsubscribe.
 */
export function keepStoresInSync(): () => void {
  return api.onResync(() => {
    void useEngine.getState().load()
    void useRegistries.getState().load()
    void useImages.getState().load()
    void useTransfers.getState().load()
    void useLocalRegistry.getState().refresh()
    void useSync.getState().load()
    void useHubCache.getState().refresh()
  })
}
