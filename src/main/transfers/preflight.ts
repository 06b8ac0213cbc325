// Before a push: will the engine be able to talk to the registry at all? A plain-HTTP registry
// the engine treats as secure fails only after the image was tagged and the stream started,
// with a Go error; Berth says so up front, with the daemon.json snippet for this engine.
import type Docker from 'dockerode'
import type { PushPreflight } from '@shared/contract/transfers'
import { isDockerHub, registryKey } from '../credentials/registryKey'
import type { CredentialStatus } from '../credentials/resolve'
import { m } from '@shared/i18n/message'
import { BerthError } from '@shared/contract/errors'
import { httpRefusedError, type EngineFacts } from './daemonJson'
import { isLoopbackHost } from '../engine/endpoints'
import { engineAllowsHttp, isPodmanInfo, splitHostPort, type EngineInsecureInfo, type Resolve } from './insecure'
import { probeScheme, type ProbedScheme } from './schemeProbe'
import type { RegistryScheme } from '@shared/contract/registryTypes'

export interface PreflightDeps {
  docker: () => Docker
  /** The scheme the user gave this registry in the sidebar, when it is there. */
  knownScheme?: (registry: string) => RegistryScheme | undefined
  credentialStatus?: (registry: string) => Promise<CredentialStatus>
  engineName?: () => string | undefined
  probe?: (address: string) => Promise<ProbedScheme>
  resolve?: Resolve
  /** A remote engine's host: its loopback is not this machine's, so Berth cannot probe it from here. */
  engineHost?: () => string | undefined
  /** True for a registry that refuses every push (Berth's Docker Hub cache). */
  refusesPushes?: (registry: string) => Promise<boolean>
}

/** True when the registry is on the engine's own loopback and the engine is another machine. */
export function onRemoteLoopback(address: string, engineHost: (() => string | undefined) | undefined): boolean {
  return engineHost?.() !== undefined && isLoopbackHost(splitHostPort(address).host)
}

type EngineInfo = EngineFacts & EngineInsecureInfo

export async function pushPreflight(registry: string, deps: PreflightDeps): Promise<PushPreflight> {
  const address = registryKey(registry)
  const credentials = deps.credentialStatus ? await deps.credentialStatus(address).catch((): CredentialStatus => ({ source: 'none' })) : { source: 'none' as const }
  if (isDockerHub(address)) return { registry: address, scheme: 'https', engineAllowsHttp: false, credentials }
  if (await deps.refusesPushes?.(address).catch(() => false)) {
    return { registry: address, scheme: 'http', engineAllowsHttp: true, credentials, problem: cacheRefusesPushes(address).toData() }
  }

  const info = await deps
    .docker()
    .info()
    .then((i: EngineInfo) => i)
    .catch((): EngineInfo | undefined => undefined)
  const allowsHttp = await engineAllowsHttp(info, address, deps.resolve, deps.engineName?.())
  // Probing costs a TLS handshake; when the engine accepts plain HTTP anyway, the answer changes nothing.
  // On a remote engine, 127.0.0.1 is the engine's: probing it here would ask the wrong machine.
  const probeHere = !allowsHttp && !onRemoteLoopback(address, deps.engineHost)
  const scheme = deps.knownScheme?.(address) ?? (probeHere ? await (deps.probe ?? probeScheme)(address) : 'unknown')
  const result: PushPreflight = { registry: address, scheme, engineAllowsHttp: allowsHttp, credentials }
  if (scheme === 'http' && !allowsHttp && info) {
    result.problem = httpRefusedError(address, engineFacts(info, deps.engineName?.())).toData()
  }
  return result
}

export function engineFacts(info: EngineInfo | undefined, name: string | undefined): EngineFacts {
  return {
    name: isPodmanInfo(info, name) ? 'Podman' : name,
    OperatingSystem: info?.OperatingSystem,
    OSType: info?.OSType,
    SecurityOptions: info?.SecurityOptions,
    Rootless: info?.Rootless
  }
}

/** A push or copy aimed at Berth's Docker Hub cache: refused before anything is tagged or sent. */
export function cacheRefusesPushes(address: string): BerthError {
  return new BerthError('CONFLICT', m('errors.hubCache.refusesPushes', { address }), m('hints.hubCache.pushElsewhere'), {
    registry: address,
    hubCache: true
  })
}
