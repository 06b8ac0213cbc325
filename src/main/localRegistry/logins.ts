// The registry's basic-auth login in Berth's credential store, kept under the address Berth
// reaches it at, so Berth's own pushes and catalog reads keep working.
import type { CredentialSink } from './options'
import type { BasicCredentials } from './probe'
import { localAddress, type RegistrySetup } from './spec'

/** The saved login of a registry with auth on; undefined when auth is off or none is saved. */
export async function savedLogin(creds: CredentialSink | undefined, setup: RegistrySetup): Promise<BasicCredentials | undefined> {
  if (!setup.authUser) return undefined
  return creds?.get(localAddress(setup.port)).catch(() => undefined)
}

export async function rememberLogin(creds: CredentialSink | undefined, port: number, login: BasicCredentials): Promise<void> {
  await creds?.set(localAddress(port), login)
}

export async function forgetLogin(creds: CredentialSink | undefined, port: number): Promise<void> {
  await creds?.remove(localAddress(port)).catch(() => false)
}

/** The registry moved to another port: its login moves with it. */
export async function moveLogin(creds: CredentialSink | undefined, fromPort: number, toPort: number): Promise<void> {
  const login = await creds?.get(localAddress(fromPort)).catch(() => undefined)
  if (!creds || !login) return
  await creds.set(localAddress(toPort), login)
  await creds.remove(localAddress(fromPort)).catch(() => false)
}
