// Where the user's engine keeps the setting that allows a plain-HTTP registry, and the exact
// text to put there: the part of the HTTP-refused error that tells the user what to do.
import { BerthError } from '@shared/contract/errors'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'
import type { EngineSettingStep } from '@shared/contract/explained'

/** The parts of GET /info (and Berth's engine name) that tell engines apart. */
export interface EngineFacts {
  /** Berth's name for the engine: "Docker Engine", "Docker Desktop", "Podman". */
  name?: string
  OperatingSystem?: string
  OSType?: string
  SecurityOptions?: string[] | null
  /** Podman's /info: true for a rootless service. */
  Rootless?: boolean
}

export interface InsecureAdvice extends EngineSettingStep {
  whereMsg: Msg
  restartMsg: Msg
}

export function isPodman(facts: EngineFacts): boolean {
  return facts.name === 'Podman' || /podman/i.test(facts.OperatingSystem ?? '')
}

/** `platform`: where Berth runs; Podman on macOS or Windows lives in a `podman machine` VM. */
export function insecureRegistryAdvice(address: string, facts: EngineFacts = {}, platform: NodeJS.Platform = process.platform): InsecureAdvice {
  const snippet = isPodman(facts) ? `[[registry]]\nlocation = "${address}"\ninsecure = true` : `{\n  "insecure-registries": ["${address}"]\n}`
  return advice(engineSettingsFile(facts, platform), snippet)
}

/**
 * The lines that make the engine pull Docker Hub images through a mirror (Berth's Docker Hub
 * cache): daemon.json's registry-mirrors for Docker, a [[registry.mirror]] of docker.io in
 * registries.conf for Podman. A mirror on 127.0.0.1 needs no insecure entry on Docker (loopback
 * is always allowed plain HTTP); Podman's mirror entry says insecure itself.
 */
export function registryMirrorAdvice(address: string, facts: EngineFacts = {}, platform: NodeJS.Platform = process.platform): InsecureAdvice & { engine: 'docker' | 'podman' } {
  const file = engineSettingsFile(facts, platform)
  if (isPodman(facts)) {
    const snippet = `[[registry]]\nprefix = "docker.io"\nlocation = "docker.io"\n\n[[registry.mirror]]\nlocation = "${address}"\ninsecure = true`
    return { engine: 'podman', ...advice(file, snippet) }
  }
  return { engine: 'docker', ...advice(file, `{\n  "registry-mirrors": ["http://${address}"]\n}`) }
}

function advice(file: { whereMsg: Msg; restartMsg: Msg }, snippet: string): InsecureAdvice {
  return { where: inEnglish(file.whereMsg), snippet, restart: inEnglish(file.restartMsg), ...file }
}

/** Where this engine keeps its registry settings, and how to make it read them again. */
function engineSettingsFile(facts: EngineFacts, platform: NodeJS.Platform): { whereMsg: Msg; restartMsg: Msg } {
  const file = (kind: string) => ({ whereMsg: m(`advice.where.${kind}`), restartMsg: m(`advice.restart.${kind}`) })
  if (isPodman(facts)) {
    if (platform !== 'linux') return file('podmanMachine')
    return file(facts.Rootless ? 'podmanRootless' : 'podmanSystem')
  }
  const os = facts.OperatingSystem ?? ''
  if (facts.name === 'Docker Desktop' || /docker desktop/i.test(os)) return file('desktop')
  if (facts.OSType === 'windows') return file('windows')
  if ((facts.SecurityOptions ?? []).some((o) => o.includes('name=rootless'))) return file('rootless')
  return file('linux')
}

/** The error a push to a plain-HTTP registry gets when the engine insists on HTTPS. */
export function httpRefusedError(address: string, facts: EngineFacts = {}, daemonMessage?: string): BerthError {
  const advice = insecureRegistryAdvice(address, facts)
  return new BerthError(
    'REGISTRY_HTTP_REFUSED',
    m(isPodman(facts) ? 'errors.transfers.httpRefusedPodman' : 'errors.transfers.httpRefused', { address }),
    m('hints.transfers.allowInsecure', { where: advice.whereMsg, restart: advice.restartMsg }),
    { registry: address, snippet: advice.snippet, daemonJson: advice.where, restart: advice.restart, ...(daemonMessage ? { daemonMessage } : {}) }
  )
}
