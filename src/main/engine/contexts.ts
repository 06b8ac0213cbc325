// Docker contexts, read the way the docker CLI reads them (cli/context/store): the current
// context is DOCKER_CONTEXT, else "default" when DOCKER_HOST is set, else config.json's
// currentContext. Each context lives in contexts/meta/<sha256(name)>/meta.json with its docker
// endpoint's Host, and its TLS files in contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem.
// docker-modem knows none of this, so Berth must.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export interface DockerContext {
  name: string
  description?: string
  /** The docker endpoint's Host: unix:///…, tcp://host:2376, ssh://me@box. */
  host: string
  skipTLSVerify: boolean
  /** TLS material, when the context has any. */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer }
}

export interface ContextSelection {
  /** Every context the CLI knows, by name (the implicit "default" is not among them). */
  contexts: DockerContext[]
  /** The context the CLI would use; "default" means DOCKER_HOST or the usual sockets. */
  current: string
  /** Where `current` came from, for people: "DOCKER_CONTEXT", "config.json" or "default". */
  source: 'DOCKER_CONTEXT' | 'DOCKER_HOST' | 'config.json' | 'default'
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return env.DOCKER_CONFIG?.trim() || join(home, '.docker')
}

export function readContexts(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): ContextSelection {
  const dir = dockerConfigDir(env, home)
  const contexts = listContexts(dir)
  const fromEnv = env.DOCKER_CONTEXT?.trim()
  if (fromEnv) return { contexts, current: fromEnv, source: 'DOCKER_CONTEXT' }
  if (env.DOCKER_HOST?.trim()) return { contexts, current: 'default', source: 'DOCKER_HOST' }
  const configured = readJson<{ currentContext?: unknown }>(join(dir, 'config.json'))?.currentContext
  if (typeof configured === 'string' && configured.trim()) return { contexts, current: configured.trim(), source: 'config.json' }
  return { contexts, current: 'default', source: 'default' }
}

function listContexts(dir: string): DockerContext[] {
  const metaRoot = join(dir, 'contexts', 'meta')
  let entries: string[]
  try {
    entries = readdirSync(metaRoot)
  } catch {
    return []
  }
  const out: DockerContext[] = []
  for (const entry of entries) {
    const meta = readJson<ContextMeta>(join(metaRoot, entry, 'meta.json'))
    const docker = meta?.Endpoints?.docker
    if (!meta || typeof meta.Name !== 'string' || !docker || typeof docker.Host !== 'string') continue
    const tlsDir = join(dir, 'contexts', 'tls', entry, 'docker')
    const read = (f: string): Buffer | undefined => (existsSync(join(tlsDir, f)) ? readFileSync(join(tlsDir, f)) : undefined)
    const tls = { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') }
    out.push({
      name: meta.Name,
      ...(typeof meta.Metadata?.Description === 'string' && meta.Metadata.Description ? { description: meta.Metadata.Description } : {}),
      host: docker.Host,
      skipTLSVerify: docker.SkipTLSVerify === true,
      ...(tls.ca || tls.cert || tls.key ? { tls } : {})
    })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}

interface ContextMeta {
  Name?: unknown
  Metadata?: { Description?: unknown }
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } }
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T
  } catch {
    return undefined
  }
}
