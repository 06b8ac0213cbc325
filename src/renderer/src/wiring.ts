// The composition root's other half: gives each intent of app/intents.ts to the feature that
// does it. The only module besides App.tsx that imports several features.
import { provideIntents } from './app/intents'
import { useLocalRegistry } from './features/localRegistry/localRegistryStore'
import { useCredentialsPrompt } from './features/registries/credentialsPrompt'
import { usePush } from './features/transfers/pushStore'

provideIntents({
  openPush: (request) => usePush.getState().open(request),
  askCredentials: (request) => useCredentialsPrompt.getState().ask(request),
  collectGarbage: () => useLocalRegistry.getState().garbageCollect(false)
})
