// zod keeps only a string as the message of its checks (min, max, regex, refine), but Berth's
// messages are catalog keys + params. `said(m(...))` packs one into that string; dispatch unpacks
// it with `issueMessage`, so a schema's rule reaches the user in their language.
import { isMsg, type Msg } from '../i18n/message'

const PREFIX = 'berth-msg:'

/** A message for a zod check: `z.string().min(1, said(m('input.registryRequired')))`. */
export function said(msg: Msg): string {
  return PREFIX + JSON.stringify(msg)
}

/** The message a zod issue carries: the packed catalog message, or zod's own English words. */
export function issueMessage(message: string): Msg | string {
  if (!message.startsWith(PREFIX)) return message
  try {
    const msg: unknown = JSON.parse(message.slice(PREFIX.length))
    return isMsg(msg) ? msg : message
  } catch {
    return message
  }
}
