// Which credentials to send to a registry: Berth's own store first (the user typed them into
// Berth), then what the Docker CLI knows (credential helper, then config.json auths).
import { dockerConfigPath as defaultDockerConfigPath, decodeAuthEntry, findAuthEntry, helperFor, readDockerConfig, type DockerCredentials } from './dockerConfig'
import { m } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'
import { helperGet, type HelperOptions, type HelperResult } from './helper'
import { helperServerUrl } from './registryKey'
import type { CredentialStore } from './store'
import type { CredentialSource, CredentialStatus } from '@shared/contract/registries'

export type { CredentialSource, CredentialStatus } from '@shared/contract/registries'

export type ResolvedCredentials = DockerCredentials & {
  source: CredentialSource
  /** The helper's name (`desktop`, `osxkeychain`, …) when source is 'credential-helper'. */
  helper?: string
}

export interface CredentialResolverOptions {
  store?: Pick<CredentialStore, 'get'>
  /** Default: $DOCKER_CONFIG/config.json or ~/.docker/config.json (from `env`). */
  dockerConfigPath?: string
  /** Environment for finding config and helpers; default process.env. */
  env?: NodeJS.ProcessEnv
  helperTimeoutMs?: number
  /** Replaceable for tests. */
  runHelper?: (helper: string, serverUrl: string, options: HelperOptions) => Promise<HelperResult>
}

export interface CredentialResolver {
  resolveCredentials(registry: string): Promise<ResolvedCredentials | undefined>
  credentialStatus(registry: string): Promise<CredentialStatus>
}

export function createCredentialResolver(options: CredentialResolverOptions = {}): CredentialResolver {
  const env = options.env ?? process.env
  const configPath = options.dockerConfigPath ?? defaultDockerConfigPath(env)
  const runHelper = options.runHelper ?? helperGet

  async function lookup(registry: string, forStatus = false): Promise<{ found?: ResolvedCredentials; warning?: string }> {
    let stored: Awaited<ReturnType<CredentialStore['get']>>
    try {
      stored = await options.store?.get(registry)
    } catch (err) {
      // A push must fail loudly (the user saved credentials that no longer open);
      // the status line must still render, with the reason.
      if (!forStatus) throw err
      return { warning: err instanceof Error ? err.message : String(err) }
    }
    if (stored) return { found: { username: stored.username, password: stored.password, source: 'berth' } }

    const config = await readDockerConfig(configPath)
    if (!config) return {}
    const auth = findAuthEntry(config, registry)
    let warning: string | undefined

    const helper = helperFor(config, registry)
    if (helper) {
      // The auths key (an empty placeholder when a helper holds the secret) is the exact
      // server URL `docker login` stored under; try it before Berth's own spelling.
      const urls = [...new Set([auth?.key, helperServerUrl(registry)].filter((u): u is string => !!u))]
      for (const url of urls) {
        const result = await runHelper(helper, url, { env, timeoutMs: options.helperTimeoutMs })
        if (result.status === 'found') return { found: { ...result.credentials, source: 'credential-helper', helper } }
        if (result.status === 'missing') {
          warning = inEnglish(m('errors.credentials.helperMissing', { helper, command: result.command }))
          break
        }
        if (result.status === 'error') {
          warning = result.message
          break
        }
      }
    }

    const fromFile = auth && decodeAuthEntry(auth.entry)
    if (fromFile) return { found: { ...fromFile, source: 'docker-config' }, warning }
    return { warning }
  }

  return {
    async resolveCredentials(registry) {
      return (await lookup(registry)).found
    },
    async credentialStatus(registry) {
      const { found, warning } = await lookup(registry, true)
      const status: CredentialStatus = { source: found?.source ?? 'none' }
      if (found?.username) status.username = found.username
      if (found?.helper) status.helper = found.helper
      if (warning) status.warning = warning
      return status
    }
  }
}

/** The `authconfig` object dockerode turns into X-Registry-Auth. serveraddress carries no scheme. */
export function toDockerAuthConfig(creds: DockerCredentials, serveraddress: string): Record<string, string> {
  const address = serveraddress.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
  if ('identitytoken' in creds) return { identitytoken: creds.identitytoken, serveraddress: address }
  return { username: creds.username, password: creds.password, serveraddress: address }
}

/**
 * The X-Registry-Auth header value: base64url of the JSON, with padding (the engine decodes
 * with Go's padded URL alphabet; docker-modem encodes it the same way).
 */
export function toRegistryAuthHeader(creds: DockerCredentials, serveraddress: string): string {
  return Buffer.from(JSON.stringify(toDockerAuthConfig(creds, serveraddress)), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_')
}
