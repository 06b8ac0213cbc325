// Getting the registry image onto the engine: already there, pulled (from Docker Hub or a
// mirror), or loaded from a `docker save` tar for machines where Hub is blocked.
import type Docker from 'dockerode'
import { BerthError, toBerthError } from '@shared/contract/errors'
import type { ImageUnavailableDetails } from '@shared/contract/localRegistry'
import { familiarReference, parseReference } from '@shared/reference'
import { LOADED_IMAGE } from '../engine/progress/daemonEvent'
import { decodeDaemonError } from '../engine/progress/errors'
import { tagImage } from '../engine/tagging'
import { consumeDaemonStream } from '../engine/progress/stream'
import { daemonMessage, statusCodeOf } from '../engine/engineErrors'
import { m } from '@shared/i18n/message'

/** Pulls an image and resolves when it is complete; rejects with a decoded BerthError. */
export interface ImagePuller {
  pull(reference: string, onStarted?: (transferId: string) => void): Promise<void>
}

export async function imageId(docker: Docker, reference: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(reference).inspect()).Id
  } catch (e) {
    if (statusCodeOf(e) === 404) return undefined
    throw e
  }
}

/** host[:port] of a mirror as daemon.json spells it ("https://mirror.gcr.io/" → "mirror.gcr.io"). */
export function normalizeMirror(mirror: string): string {
  return mirror
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
}

/** The image's name on a mirror: registry:2 → <mirror>/library/registry:2. */
export function mirrorReference(image: string, mirror: string): string {
  const ref = parseReference(image)
  return `${normalizeMirror(mirror)}/${ref.path}${ref.tag ? `:${ref.tag}` : ref.digest ? '' : ':latest'}${ref.digest ? `@${ref.digest}` : ''}`
}

/** The engine's configured registry-mirrors (daemon.json "registry-mirrors"), normalized. */
export async function engineMirrors(docker: Docker): Promise<string[]> {
  try {
    const info = (await docker.info()) as { RegistryConfig?: { Mirrors?: string[] | null } }
    return [...new Set((info.RegistryConfig?.Mirrors ?? []).map(normalizeMirror).filter(Boolean))]
  } catch {
    return []
  }
}

/**
 * A pull failure with what the UI needs to offer the ways out (a mirror, a tar). The decoded
 * code stays (HUB_UNREACHABLE when Hub is blocked); the hint names both options.
 */
export function imageUnavailable(e: unknown, image: string, mirrors: string[], mirror?: string): BerthError {
  const err = toBerthError(e)
  if (err.code === 'CANCELLED') return err
  const reason = err.msg ?? err.message
  const details: ImageUnavailableDetails = { localRegistryImage: image, mirrors, ...(mirror ? { mirror } : {}) }
  const mirrorHint = mirrors.length ? m('hints.local.engineMirror', { mirrors: mirrors.join(' / ') }) : m('hints.local.typedMirror')
  const message = mirror ? m('errors.local.mirrorPullFailed', { image, mirror, reason }) : m('errors.local.imageUnavailable', { image, reason })
  const before = err.hintMsg ?? err.hint
  const ways = m('hints.local.twoWays', { mirror: mirrorHint })
  return new BerthError(err.code, message, before ? m('hints.then', { first: before, then: ways }) : ways, {
    ...err.details,
    ...details
  })
}

/** Pulls straight through the engine (used when no transfers service is wired in). */
export function enginePuller(docker: () => Docker): ImagePuller {
  return {
    async pull(reference) {
      const registry = parseReference(reference).domain
      let stream: NodeJS.ReadableStream
      try {
        stream = await docker().pull(reference)
      } catch (e) {
        // The engine answers some failures (Hub unreachable) before streaming, as an HTTP error.
        throw decodeDaemonError(daemonMessage(e), { kind: 'pull', registry })
      }
      await consumeDaemonStream(stream, (event) => {
        const failure = event.errorDetail?.message ?? event.error
        if (failure) throw decodeDaemonError(failure, { kind: 'pull', registry })
      })
    }
  }
}

/** Loads a `docker save` tar; resolves with what it contained. */
export async function loadArchive(docker: Docker, archive: NodeJS.ReadableStream): Promise<string[]> {
  let stream: NodeJS.ReadableStream
  try {
    stream = await docker.loadImage(archive, { quiet: false })
  } catch (e) {
    throw decodeDaemonError(daemonMessage(e), { kind: 'load' })
  }
  const loaded: string[] = []
  await consumeDaemonStream(stream, (event) => {
    const failure = event.errorDetail?.message ?? event.error
    if (failure) throw decodeDaemonError(failure, { kind: 'load' })
    const m = LOADED_IMAGE.exec(event.stream?.trim() ?? '')
    // Podman names what it loaded in full (docker.io/library/registry:2).
    const name = m && familiarReference(m[1])
    if (name && !loaded.includes(name)) loaded.push(name)
  })
  return loaded
}

/**
 * After a load: the wanted image is there, or the archive held exactly one registry image under
 * another name (e.g. registry:2.8.3), which is then tagged as the wanted one.
 */
export async function adoptLoadedImage(docker: Docker, wanted: string, loaded: string[]): Promise<void> {
  if (await imageId(docker, wanted)) return
  const named = loaded.filter((r) => !r.startsWith('sha256:'))
  const registries = named.filter((r) => /(^|\/)registry(:[^/]*)?$/.test(r.replace(/@.*$/, '')))
  if (registries.length === 1) {
    await tagImage(docker, registries[0]!, wanted)
    return
  }
  throw new BerthError(
    'NOT_FOUND',
    loaded.length ? m('errors.local.archiveOther', { loaded: loaded.join(', '), wanted }) : m('errors.local.archiveUnnamed', { wanted }),
    m('hints.local.chooseSavedTar', { wanted }),
    { loaded }
  )
}

/** Pulls through the transfers panel, so the pull shows there with its progress. */
export function transfersPuller(transfers: { pull(input: { reference: string }): { id: string }; wait(id: string): Promise<unknown> }): ImagePuller {
  return {
    async pull(reference, onStarted) {
      const first = transfers.pull({ reference })
      onStarted?.(first.id)
      await transfers.wait(first.id)
    }
  }
}
