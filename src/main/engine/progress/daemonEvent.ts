// The shape of one JSON line of the Engine API's push/pull/load streams (jsonmessage.JSONMessage),
// and the few facts about it that more than one module needs.

export interface DaemonEvent {
  status?: string
  id?: string
  /** A pre-rendered text bar, e.g. "[==>   ] 1.2MB/3MB"; Berth ignores it. */
  progress?: string
  progressDetail?: { current?: number; total?: number; start?: number; units?: string; hidecounts?: boolean }
  /** Push on the classic image store: { Tag, Digest, Size }. */
  aux?: { Tag?: string; Digest?: string; Size?: number; ID?: string }
  /** Load: "Loaded image: repo:tag\n" / "Loaded image ID: sha256:…\n". */
  stream?: string
  error?: string
  errorDetail?: { code?: number; message?: string }
}

/** `<tag>: digest: sha256:… size: N` (Podman omits the size). */
export const DIGEST_LINE = /^(\S+): digest: (sha256:[0-9a-f]{64})(?: size: (\d+))?/
export const LOADED_IMAGE = /^Loaded image(?: ID)?: (\S+)/

/** The error text when the event reports a failure, else undefined. */
export function eventError(event: DaemonEvent): string | undefined {
  if (event.errorDetail || event.error) return event.errorDetail?.message || event.error || 'unknown error'
  return undefined
}

/** True for the lines the daemon sends only when a push, pull or load has finished. */
export function isFinalStatus(event: DaemonEvent): boolean {
  if (event.aux?.Digest) return true
  const status = event.status ?? ''
  if (DIGEST_LINE.test(status) || status.startsWith('Status: ')) return true
  return LOADED_IMAGE.test(event.stream?.trim() ?? '')
}
