// After the stream ends, Berth checks the result itself where the engine's lines may be thin or
// wrong: Podman's compat push sends no aux and its final line carries the local manifest's size,
// and its pull sends no digest at all and reports the config blob (the image id) like a layer.
import type Docker from 'dockerode'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import { familiarName, parseReference, type ParsedReference } from '@shared/reference'
import { createRegistryClient } from '../registry/client'
import { probeScheme } from './schemeProbe'
import type { RegistryScheme } from '@shared/contract/registryTypes'

export interface PushedManifest {
  digest: string
  size: number
}

/** The registry's own digest and size of what was pushed (HEAD), or undefined when it cannot tell. */
export async function headPushed(
  registry: string,
  repository: string,
  tag: string,
  opts: { scheme?: RegistryScheme; credentials?: () => Promise<RegistryCredentials | undefined> }
): Promise<PushedManifest | undefined> {
  const scheme = opts.scheme ?? ((await probeScheme(registry)) === 'http' ? 'http' : 'https')
  const client = createRegistryClient({ address: registry, scheme, credentials: opts.credentials, timeoutMs: 5000 })
  try {
    const head = await client.headManifest(repository, tag)
    return { digest: head.digest, size: head.size }
  } catch {
    return undefined
  } finally {
    await client.close().catch(() => undefined)
  }
}

export interface PulledImage {
  digest?: string
  /** The image id's short form: Podman reports it like a layer. */
  notLayers: string[]
}

/** The pulled image's digest from its RepoDigests (for that repository) and its id. */
export async function inspectPulled(docker: Docker, reference: string): Promise<PulledImage | undefined> {
  const info = await docker
    .getImage(reference)
    .inspect()
    .catch(() => undefined)
  if (!info) return undefined
  const wanted = familiarName(parseReference(reference))
  const digest = (info.RepoDigests ?? []).map(parsedOrNothing).find((p) => p?.digest && familiarName(p) === wanted)?.digest
  return {
    ...(digest ? { digest } : {}),
    notLayers: [info.Id.replace(/^sha256:/, '').slice(0, 12)]
  }
}

function parsedOrNothing(input: string): ParsedReference | undefined {
  try {
    return parseReference(input)
  } catch {
    return undefined
  }
}
