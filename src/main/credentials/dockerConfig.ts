// Reads the Docker CLI's ~/.docker/config.json the way `docker` does: auths[host] holds
// base64("user:pass") or an identity token, credHelpers[host] names a per-registry helper
// and wins over the global credsStore. dockerode reads none of this, so Berth must.
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { registryKey } from './registryKey'

export interface DockerAuthEntry {
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
  email?: string
}

export interface DockerConfigFile {
  auths?: Record<string, DockerAuthEntry>
  credsStore?: string
  credHelpers?: Record<string, string>
}

export type DockerCredentials = { username: string; password: string } | { identitytoken: string; username?: string }

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const dir = env.DOCKER_CONFIG?.trim()
  return join(dir || join(home, '.docker'), 'config.json')
}

/**
 * The parsed file; undefined when it does not exist or is not valid JSON (the CLI would
 * complain, but a broken file must not stop Berth from pushing to a registry without auth).
 */
export async function readDockerConfig(path: string): Promise<DockerConfigFile | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return undefined
  }
  return parseDockerConfig(text)
}

export function parseDockerConfig(text: string): DockerConfigFile | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isObject(raw)) return undefined
  const config: DockerConfigFile = {}
  if (isObject(raw.auths)) {
    config.auths = Object.create(null) as Record<string, DockerAuthEntry> // `__proto__` stays an ordinary key
    for (const [key, value] of Object.entries(raw.auths)) {
      if (!isObject(value)) continue
      const entry: DockerAuthEntry = {}
      for (const field of ['auth', 'username', 'password', 'identitytoken', 'email'] as const) {
        if (typeof value[field] === 'string') entry[field] = value[field]
      }
      config.auths[key] = entry
    }
  }
  if (typeof raw.credsStore === 'string' && raw.credsStore) config.credsStore = raw.credsStore
  if (isObject(raw.credHelpers)) {
    config.credHelpers = Object.create(null) as Record<string, string>
    for (const [key, value] of Object.entries(raw.credHelpers)) if (typeof value === 'string' && value) config.credHelpers[key] = value
  }
  return config
}

/** The auths entry for a registry, matching keys with or without scheme and /v1/ suffix. */
export function findAuthEntry(config: DockerConfigFile, registry: string): { key: string; entry: DockerAuthEntry } | undefined {
  const want = registryKey(registry)
  const entries = Object.entries(config.auths ?? {})
  // An exact key wins over a normalized match (a file may hold both "host" and "https://host").
  const exact = entries.find(([key]) => key === registry)
  const match = exact ?? entries.find(([key]) => registryKey(key) === want)
  return match ? { key: match[0], entry: match[1] } : undefined
}

/** The helper suffix (`docker-credential-<x>`) for a registry: credHelpers[host] wins over credsStore. */
export function helperFor(config: DockerConfigFile, registry: string): string | undefined {
  const want = registryKey(registry)
  for (const [key, helper] of Object.entries(config.credHelpers ?? {})) if (registryKey(key) === want) return helper
  return config.credsStore
}

/** Credentials stored in the file itself; undefined for the empty `{}` placeholders a helper leaves. */
export function decodeAuthEntry(entry: DockerAuthEntry): DockerCredentials | undefined {
  if (entry.identitytoken) return { identitytoken: entry.identitytoken, ...(entry.username ? { username: entry.username } : {}) }
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    // The password may contain ':'; only the first one separates.
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
    return undefined
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password }
  return undefined
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
