// What the push dialog pre-fills and how it checks a target, with the same parser main uses.
import { familiarPath, formatReference, parseReference, tagError } from '@shared/reference'
import type { DraggedImage } from '../../lib/dragImage'
import { inEnglish } from '@shared/i18n/translator'

export interface PushRow {
  /** What main tags and pushes: repo:tag, or the image ID for an untagged image. */
  source: string
  /** What the user sees as the image being pushed. */
  label: string
  repository: string
  tag: string
}

/** `<registry>/<repository>:<tag>` keeps the image's repository path and tag (Docker Hub's library/ dropped). */
export function prefillRow(img: DraggedImage): PushRow {
  const shortId = img.id.replace(/^sha256:/, '').slice(0, 12)
  if (!img.ref) return { source: img.id, label: `${shortId} (untagged)`, repository: '', tag: 'latest' }
  try {
    const ref = parseReference(img.ref)
    return { source: img.ref, label: img.ref, repository: familiarPath(ref), tag: ref.tag ?? 'latest' }
  } catch {
    return { source: img.ref, label: img.ref, repository: '', tag: 'latest' }
  }
}

export type TargetCheck = { ok: true; target: string } | { ok: false; error: string; typed?: string }

export function checkTarget(registry: string | undefined, repository: string, tag: string): TargetCheck {
  if (!registry) return { ok: false, error: 'Choose a registry.' }
  const repo = repository.trim().replace(/^\/+/, '')
  const t = tag.trim()
  if (!repo) return { ok: false, error: 'Type a repository, e.g. team/app.' }
  if (!t) return { ok: false, error: 'Type a tag, e.g. 1.0 or latest.' }
  const tagProblem = tagError(t)
  if (tagProblem) return { ok: false, error: inEnglish(tagProblem) }
  const typed = `${registry}/${repo}:${t}`
  try {
    const ref = parseReference(typed)
    // "myregistry/app" would go to Docker Hub: a registry host needs a dot, a port, or to be localhost.
    if (ref.domain !== registry.toLowerCase()) return { ok: false, error: `Docker would read "${registry}" as a Docker Hub account, not a registry: use its full host name or host:port.`, typed }
    return { ok: true, target: formatReference(ref) }
  } catch (e) {
    return { ok: false, error: (e as Error).message, typed }
  }
}
