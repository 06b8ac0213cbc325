// A translatable message: a catalog key plus its parameters. It is plain data, so it crosses
// IPC and HTTP unchanged and each side renders it in its own language (main in English for
// logs, the renderer in the user's). A parameter may itself be a message: a fragment such as
// "the tags of team/app" is translated before it is put into the sentence.

export type MsgParam = string | number | Msg
export interface Msg {
  key: string
  params?: Record<string, MsgParam>
}

/** Builds a message; `m('errors.x', { port })`. The key must exist in both catalogs (npm test checks). */
export function m(key: string, params?: Record<string, MsgParam>): Msg {
  return params ? { key, params } : { key }
}

export function isMsg(v: unknown): v is Msg {
  return typeof v === 'object' && v !== null && typeof (v as Msg).key === 'string'
}
