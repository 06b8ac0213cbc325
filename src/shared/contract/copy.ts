// Registry → registry copies ("Copy to…"): run as transfers (kind 'copy'), so progress, Cancel,
// Retry and the transfers list are the same as for push and pull.
import { z } from 'zod'
import { chosenRegistryId as registryId, typedRepository as repository, typedTag as tag } from './fields'
import { said } from './issueMessage'
import { m, type Msg } from '../i18n/message'
import type { TransferSnapshot } from './transferTypes'

export const copyInput = z
  .object({
    from: z.object({
      registryId,
      repository,
      /** Omitted: every tag of the repository. */
      tags: z.array(tag).min(1, said(m('errors.input.copy.tags'))).max(1000).optional()
    }),
    to: z.object({
      registryId,
      repository,
      /** Another tag name; only when one tag is copied. */
      tag: tag.optional()
    })
  })
  .refine((v) => v.to.tag === undefined || v.from.tags?.length === 1, { message: said(m('errors.input.copy.renameOne')), path: ['to', 'tag'] })

export type CopyInput = z.output<typeof copyInput>

export const copyCalls = {
  /** Copies tags from one registry to another (or within one) without the engine. */
  'transfers.copy': copyInput
}

export interface CopyResults {
  'transfers.copy': TransferSnapshot
}

/** Why a copy would land where its source already is, or null. Main and the dialog both ask. */
export function copyOntoItself(input: CopyInput, sameRegistry: boolean): Msg | null {
  if (!sameRegistry || input.from.repository !== input.to.repository) return null
  const tags = input.from.tags
  if (tags?.length === 1 && (input.to.tag ?? tags[0]) !== tags[0]) return null
  return tags?.length === 1 ? m('errors.copy.alreadyThere', { reference: `${input.to.repository}:${tags[0]}` }) : m('errors.copy.tagsAlreadyThere', { repository: input.to.repository })
}

/** Blobs copied at once per transfer: parallel enough to beat a serial copy, bounded for memory and the registries. */
export const COPY_BLOB_CONCURRENCY = 4
