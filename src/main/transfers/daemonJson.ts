// Where the user's engine keeps the setting that allows a plain-HTTP registry, and the exact
// text to put there: the part of the HTTP-refused error that tells the user what to do.
import { BerthError } from '@shared/contract/errors'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

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

export interface InsecureAdvice {
  /** The file (or settings screen) to edit. */
  where: string
  /** The text to add (merged into any existing settings). */
  snippet: string
  /** How to make the engine read it again. */
  restart: string
  /** `where` and `restart` as catalog messages, for the user's language. */
  whereMsg: Msg
  restartMsg: Msg
}

export function isPodman(facts: EngineFacts): boolean {
  return facts.name === 'Podman' || /podman/i.test(facts.OperatingSystem ?? '')
}

/** `platform`: where Berth runs; Podman on macOS or Windows lives in a `podman machine` VM. */
export function insecureRegistryAdvice(address: string, facts: EngineFacts = {}, platform: NodeJS.Platform = process.platform): InsecureAdvice {
  const advice = (whereMsg: Msg, snippet: string, restartMsg: Msg): InsecureAdvice => ({ where: inEnglish(whereMsg), snippet, restart: inEnglish(restartMsg), whereMsg, restartMsg })
  if (isPodman(facts)) {
    const snippet = `[[registry]]\nlocation = "${address}"\ninsecure = true`
    if (platform !== 'linux') return advice(m('advice.where.podmanMachine'), snippet, m('advice.restart.podmanMachine'))
    if (facts.Rootless) return advice(m('advice.where.podmanRootless'), snippet, m('advice.restart.podmanRootless'))
    return advice(m('advice.where.podmanSystem'), snippet, m('advice.restart.podmanSystem'))
  }
  const os = facts.OperatingSystem ?? ''
  const snippet = `{\n  "insecure-registries": ["${address}"]\n}`
  if (facts.name === 'Docker Desktop' || /docker desktop/i.test(os)) {
    return advice(m('advice.where.desktop'), snippet, m('advice.restart.desktop'))
  }
  if (facts.OSType === 'windows') {
    return advice(m('advice.where.windows'), snippet, m('advice.restart.windows'))
  }
  if ((facts.SecurityOptions ?? []).some((o) => o.includes('name=rootless'))) {
    return advice(m('advice.where.rootless'), snippet, m('advice.restart.rootless'))
  }
  return advice(m('advice.where.linux'), snippet, m('advice.restart.linux'))
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
