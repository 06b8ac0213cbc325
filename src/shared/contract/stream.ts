// The web mode's event stream, as both ends see it (the server writes it, lib/api.ts reads it).
// Every bus event goes out as `id: <id>` + `data: {"event","payload"}`; ids only grow within
// one server run. Each time a stream opens, the server first replays what the client missed
// (when it still can), then sends one `hello` that says how the replay went.

/** SSE event name of the marker sent on every open, after any replayed events. */
export const STREAM_HELLO = 'berth.hello'

/**
 * SSE event name of the heartbeat (every HEARTBEAT_MS): a comment would keep proxies awake
 * too, but only an event lets the client notice a line that died silently (sleep, Wi-Fi).
 */
export const STREAM_PING = 'berth.ping'
export const HEARTBEAT_MS = 15_000

/**
 * Query parameter carrying the last event id seen: a new EventSource cannot set the
 * Last-Event-ID header itself, and the client reopens streams on its own (see lib/api.ts).
 */
export const LAST_EVENT_ID_PARAM = 'lastEventId'

export interface StreamHello {
  /**
   * none: a first connection (nothing to replay);
   * complete: every event since the client's last id was replayed before this hello;
   * gap: the server cannot replay what was missed (too old, or another server run): reload snapshots.
   */
  replay: 'none' | 'complete' | 'gap'
  /** Events replayed before this hello. */
  replayed: number
  /** The newest event id so far: where a later reconnect continues from. */
  lastId: string
}
