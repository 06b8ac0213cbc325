// What the push dialog pre-fills and how it checks a target, with the same parser main uses.
import { familiarPath, formatReference, parseReference, tagError } from '@shared/reference'
import type { DraggedImage } from '../../lib/dragImage'
import { m, type Msg } from '@shared/i18n/message'

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

export type TargetCheck = { ok: true; target: string } | { ok: false; error: Msg; typed?: string }

export function checkTarget(registry: string | undefined, repository: string, tag: string): TargetCheck {
  if (!registry) return { ok: false, error: m('push.chooseRegistry') }
  const repo = repository.trim().replace(/^\/+/, '')
  const t = tag.trim()
  if (!repo) return { ok: false, error: m('push.typeRepository') }
  if (!t) return { ok: false, error: m('push.typeTag') }
  const tagProblem = tagError(t)
  if (tagProblem) return { ok: false, error: tagProblem }
  const typed = `${registry}/${repo}:${t}`
  try {
    const ref = parseReference(typed)
    // "myregistry/app" would go to Docker Hub: a registry host needs a dot, a port, or to be localhost.
    if (ref.domain !== registry.toLowerCase()) return { ok: false, error: m('push.hubAccount', { registry }), typed }
    return { ok: true, target: formatReference(ref) }
  } catch (e) {
    const err = e as { msg?: Msg; message: string }
    return { ok: false, error: err.msg ?? m('errors.raw', { text: err.message }), typed }
  }
}
