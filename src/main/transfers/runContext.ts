// What the service lends a runner (RunContext): the engine, credentials as the engine and as
// Berth's own registry client want them, the push preflight, and the run's cancel signal.
import type Docker from 'dockerode'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import { toRegistryAuthHeader } from '../credentials/resolve'
import { headPushed } from './confirm'
import { onRemoteLoopback, pushPreflight, type PreflightDeps } from './preflight'
import type { Run, RunContext } from './run'
import type { TransferServiceOptions } from './service'
import { cancelledError } from './startErrors'

// X-Registry-Auth of no credentials: old engines read the auth from the body when the header is missing.
const NO_AUTH = Buffer.from('{}').toString('base64')

/** The engine a transfer runs on, fixed as it starts. */
export interface RunEngine {
  docker: Docker
  name: string | undefined
  host: string | undefined
}

export function runContext(run: Run, update: () => void, opts: TransferServiceOptions, engine: RunEngine): RunContext {
  // An engine switch meanwhile is for the next transfer: the preflight asks the run's engine too.
  const preflight = { ...preflightDeps(opts, false), docker: () => engine.docker, engineName: () => engine.name, engineHost: () => engine.host }
  return {
    docker: engine.docker,
    emit: opts.emit,
    auth: async (registry) => {
      const creds = await opts.credentials?.resolveCredentials(registry)
      return { base64: creds ? toRegistryAuthHeader(creds, registry) : NO_AUTH }
    },
    preflight: (registry) => pushPreflight(registry, preflight),
    update,
    throwIfAborted: () => {
      if (run.abort.signal.aborted) throw cancelledError(run.spec.kind)
    },
    registryCredentials: (registry) => registryCredentials(opts, registry),
    knownScheme: opts.knownScheme,
    onEngineLoopback: (registry) => onRemoteLoopback(registry, () => engine.host),
    headPushed: opts.headPushed ?? headPushed
  }
}

/** The preflight's view of the service; credentials only where the answer is shown to the user. */
export function preflightDeps(opts: TransferServiceOptions, withCredentials: boolean): PreflightDeps {
  return {
    docker: opts.docker,
    knownScheme: opts.knownScheme,
    engineName: opts.engineName,
    probe: opts.probe,
    resolve: opts.resolve,
    engineHost: opts.engineHost,
    refusesPushes: opts.refusesPushes,
    credentialStatus: withCredentials ? opts.credentials?.credentialStatus : undefined
  }
}

async function registryCredentials(opts: TransferServiceOptions, registry: string): Promise<RegistryCredentials | undefined> {
  const found = await opts.credentials?.resolveCredentials(registry)
  if (!found) return undefined
  return 'identitytoken' in found ? { identitytoken: found.identitytoken } : { username: found.username, password: found.password }
}
