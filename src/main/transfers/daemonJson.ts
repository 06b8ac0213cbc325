// Where the user's engine keeps the setting that allows a plain-HTTP registry, and the exact
// text to put there: the part of the HTTP-refused error that tells the user what to do.
import { BerthError } from '@shared/contract/errors'

/** The parts of GET /info (and Berth's engine name) that tell engines apart. */
export interface EngineFacts {
  /** Berth's name for the engine: "Docker Engine", "Docker Desktop", "Podman". */
  name?: string
  OperatingSystem?: string
  OSType?: string
  SecurityOptions?: string[] | null
}

export interface InsecureAdvice {
  /** The file (or settings screen) to edit. */
  where: string
  /** The text to add (merged into any existing settings). */
  snippet: string
  /** How to make the engine read it again. */
  restart: string
}

export function insecureRegistryAdvice(address: string, facts: EngineFacts = {}): InsecureAdvice {
  const os = facts.OperatingSystem ?? ''
  if (facts.name === 'Podman' || /podman/i.test(os)) {
    return {
      where: '/etc/containers/registries.conf (rootless Podman: ~/.config/containers/registries.conf; Podman machine: inside the machine, `podman machine ssh`)',
      snippet: `[[registry]]\nlocation = "${address}"\ninsecure = true`,
      restart: 'Restart the Podman service (or `podman machine stop && podman machine start`).'
    }
  }
  const snippet = `{\n  "insecure-registries": ["${address}"]\n}`
  if (facts.name === 'Docker Desktop' || /docker desktop/i.test(os)) {
    return { where: 'Docker Desktop → Settings → Docker Engine (the JSON editor)', snippet, restart: 'Click "Apply & restart".' }
  }
  if (facts.OSType === 'windows') {
    return { where: 'C:\\ProgramData\\docker\\config\\daemon.json', snippet, restart: 'Restart the Docker service (Restart-Service docker).' }
  }
  if ((facts.SecurityOptions ?? []).some((o) => o.includes('name=rootless'))) {
    return { where: '~/.config/docker/daemon.json (rootless Docker)', snippet, restart: 'Run `systemctl --user restart docker`.' }
  }
  return {
    where: '/etc/docker/daemon.json',
    snippet,
    restart: 'Run `sudo systemctl reload docker` (or `sudo kill -HUP $(pidof dockerd)`); insecure-registries is re-read without stopping containers.'
  }
}

/** The error a push to a plain-HTTP registry gets when the engine insists on HTTPS. */
export function httpRefusedError(address: string, facts: EngineFacts = {}, daemonMessage?: string): BerthError {
  const advice = insecureRegistryAdvice(address, facts)
  return new BerthError(
    'REGISTRY_HTTP_REFUSED',
    `${address} speaks plain HTTP, and the engine only talks HTTPS to registries that are not on this machine (127.0.0.0/8).`,
    `Allow it in ${advice.where}: add the snippet below (merge it into the existing settings), then ${advice.restart.charAt(0).toLowerCase()}${advice.restart.slice(1)} Or serve the registry over HTTPS.`,
    { registry: address, snippet: advice.snippet, daemonJson: advice.where, restart: advice.restart, ...(daemonMessage ? { daemonMessage } : {}) }
  )
}
