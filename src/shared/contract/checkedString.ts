// A trimmed string checked by one of the shared rules (repository, tag, sync entry): the rule
// that main validates with is the one the forms show as you type.
import { z } from 'zod'
import type { Msg } from '../i18n/message'
import { said } from './issueMessage'

export const checkedString = (problem: (value: string) => Msg | null) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const p = problem(v)
      if (p) ctx.addIssue({ code: 'custom', message: said(p) })
    })
