import type { CredentialInfo, Handlers, RegistryResults } from '@shared/contract'
import { m } from '@shared/i18n/message'
import type { Services } from '../services'
import { refuseServerPath } from './serverPaths'

const caHint = m('hints.web.uploadCa')

export function registryHandlers(s: Services): Pick<Handlers, keyof RegistryResults> {
  // Only who and from where: the password never leaves main.
  const credentialInfo = async (registry: string): Promise<CredentialInfo> => ({
    ...(await s.credentials.resolver.credentialStatus(registry)),
    protection: s.credentials.store.protection
  })
  return {
    'registries.list': async () => s.registries.list(),
    'registries.health': async () => s.registries.healthAll(),
    'registries.add': async (input) => {
      if (input.caFile) refuseServerPath(s, m('what.web.ca'), caHint)
      return s.registries.add(input)
    },
    'registries.update': async ({ id, ...patch }) => {
      // The path of a CA uploaded earlier comes back unchanged: that one is Berth's own file.
      if (patch.caFile && patch.caFile !== s.registries.get(id).caFile) refuseServerPath(s, m('what.web.ca'), caHint)
      return s.registries.update(id, patch)
    },
    'registries.remove': ({ id }) => s.registries.remove(id),
    'registries.check': ({ id }) => s.registries.check(id),
    'credentials.set': async ({ registry, username, password }) => {
      await s.credentials.store.set(registry, { username, password })
      s.registries.recheckAddress(registry)
      return credentialInfo(registry)
    },
    'credentials.status': ({ registry }) => credentialInfo(registry),
    'credentials.clear': async ({ registry }) => {
      await s.credentials.store.remove(registry)
      s.registries.recheckAddress(registry)
      return credentialInfo(registry)
    }
  }
}
