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
}

export function isPodman(facts: EngineFacts): boolean {
  return facts.name === 'Podman' || /podman/i.test(facts.OperatingSystem ?? '')
}

/** `platform`: where Berth runs; Podman on macOS or Windows lives in a `podman machine` VM. */
export function insecureRegistryAdvice(address: string, facts: EngineFacts = {}, platform: NodeJS.Platform = process.platform): InsecureAdvice {
  const snippet = isPodman(facts) ? `[[registry]]\nlocation = "${address}"\ninsecure = true` : `{\n  "insecure-registries": ["${address}"]\n}`
  return { ...engineSettingsFile(facts, platform), snippet }
}

/**
 * The lines that make the engine pull Docker Hub images through a mirror (Berth's Docker Hub
 * cache): daemon.json's registry-mirrors for Docker, a [[registry.mirror]] of docker.io in
 * registries.conf for Podman. A mirror on 127.0.0.1 needs no insecure entry on Docker (loopback
 * is always allowed plain HTTP); Podman's mirror entry says insecure itself.
 */
export function registryMirrorAdvice(address: string, facts: EngineFacts = {}, platform: NodeJS.Platform = process.platform): InsecureAdvice & { engine: 'docker' | 'podman' } {
  if (isPodman(facts)) {
    const snippet = `[[registry]]\nprefix = "docker.io"\nlocation = "docker.io"\n\n[[registry.mirror]]\nlocation = "${address}"\ninsecure = true`
    return { engine: 'podman', ...engineSettingsFile(facts, platform), snippet }
  }
  return { engine: 'docker', ...engineSettingsFile(facts, platform), snippet: `{\n  "registry-mirrors": ["http://${address}"]\n}` }
}

/** Where this engine keeps its registry settings, and how to make it read them again. */
function engineSettingsFile(facts: EngineFacts, platform: NodeJS.Platform): { where: string; restart: string } {
  if (isPodman(facts)) {
    if (platform !== 'linux') {
      return { where: '/etc/containers/registries.conf inside the Podman machine (open it with `podman machine ssh`)', restart: 'Run `podman machine stop && podman machine start`.' }
    }
    if (facts.Rootless) {
      return { where: '~/.config/containers/registries.conf (rootless Podman)', restart: 'Run `systemctl --user restart podman.socket podman.service` (or restart your `podman system service`).' }
    }
    return { where: '/etc/containers/registries.conf', restart: 'Run `sudo systemctl restart podman.socket podman.service` (or restart your `podman system service`).' }
  }
  const os = facts.OperatingSystem ?? ''
  if (facts.name === 'Docker Desktop' || /docker desktop/i.test(os)) {
    return { where: 'Docker Desktop → Settings → Docker Engine (the JSON editor)', restart: 'Click "Apply & restart".' }
  }
  if (facts.OSType === 'windows') {
    return { where: 'C:\\ProgramData\\docker\\config\\daemon.json', restart: 'Restart the Docker service (Restart-Service docker).' }
  }
  if ((facts.SecurityOptions ?? []).some((o) => o.includes('name=rootless'))) {
    return { where: '~/.config/docker/daemon.json (rootless Docker)', restart: 'Run `systemctl --user restart docker`.' }
  }
  return {
    where: '/etc/docker/daemon.json',
    restart: 'Run `sudo systemctl reload docker` (or `sudo kill -HUP $(pidof dockerd)`); insecure-registries and registry-mirrors are re-read without stopping containers.'
  }
}

/** The error a push to a plain-HTTP registry gets when the engine insists on HTTPS. */
export function httpRefusedError(address: string, facts: EngineFacts = {}, daemonMessage?: string): BerthError {
  const advice = insecureRegistryAdvice(address, facts)
  return new BerthError(
    'REGISTRY_HTTP_REFUSED',
    isPodman(facts)
      ? `${address} speaks plain HTTP, and Podman talks only HTTPS to registries its registries.conf does not mark insecure (even on 127.0.0.1).`
      : `${address} speaks plain HTTP, and the engine only talks HTTPS to registries that are not on its own machine (127.0.0.0/8).`,
    `Allow it in ${advice.where}: add the snippet below (merge it into the existing settings), then ${advice.restart.charAt(0).toLowerCase()}${advice.restart.slice(1)} Or serve the registry over HTTPS.`,
    { registry: address, snippet: advice.snippet, daemonJson: advice.where, restart: advice.restart, ...(daemonMessage ? { daemonMessage } : {}) }
  )
}
