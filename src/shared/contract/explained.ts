// The shapes in which the contract tells people what happened and what to do: English text for
// logs and old stored data, the same as catalog messages for the user's language. Written once so
// every error, notice, failure and engine step carries the same fields under the same names.
import type { Msg } from '../i18n/message'

/** What happened and what to do about it. */
export interface Explained {
  /** What happened, in one sentence a user understands. */
  message: string
  /** What to do about it. */
  hint?: string
  /** `message` as a catalog key + parameters, rendered in the user's language. */
  msg?: Msg
  /** `hint` as a catalog key + parameters. */
  hintMsg?: Msg
}

/** Why one item of a list could not be read or measured (the others still are). */
export interface ItemError {
  error?: string
  /** `error` as a catalog message, when Berth worded it. */
  errorMsg?: Msg
}

/** Why something is down or wants credentials, when it is: a state's optional explanation. */
export interface ExplainedState extends ItemError {
  hint?: string
  /** `hint` as a catalog message, for the user's language. */
  hintMsg?: Msg
}

/** A step in the engine's settings: the file (or settings screen) to edit, what to add, how to reload. */
export interface EngineSettingStep {
  /** The file (or settings screen) to edit. */
  where: string
  /** The text to merge in. */
  snippet: string
  /** How to make the engine read it again. */
  restart: string
  /** `where` and `restart` as catalog messages, for the user's language. */
  whereMsg?: Msg
  restartMsg?: Msg
}
