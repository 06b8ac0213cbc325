// Registry credentials: Berth's store, Docker's config.json and credential helpers.
export { CredentialStore, plainSecretBox, writeFileAtomic, type SecretBox, type StoredLogin, type StoredLoginInfo, type CredentialStoreOptions } from './store'
export {
  createCredentialResolver,
  toDockerAuthConfig,
  toRegistryAuthHeader,
  type CredentialResolver,
  type CredentialResolverOptions,
  type CredentialSource,
  type CredentialStatus,
  type ResolvedCredentials
} from './resolve'
export { dockerConfigPath, readDockerConfig, parseDockerConfig, findAuthEntry, helperFor, decodeAuthEntry, type DockerConfigFile, type DockerAuthEntry, type DockerCredentials } from './dockerConfig'
export { helperGet, helperSearchPath, parseHelperOutput, type HelperOptions, type HelperResult } from './helper'
export { registryKey, isDockerHub, helperServerUrl, DOCKER_HUB, DOCKER_HUB_SERVER } from './registryKey'
