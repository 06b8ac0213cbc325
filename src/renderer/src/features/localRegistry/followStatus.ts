// The local registry and the Docker Hub cache follow their status the same way: main's status
// event (the newest rev wins, so a late answer never undoes a newer event) and a re-read each
// time the engine (re)connects.
import type { BerthEvents } from '@shared/contract'
import { api } from '../../lib/api'

/** A `keep` that stores `status` only when it is newer than what the store has. */
export function newestRev<S extends { rev: number }>(get: () => S | undefined, set: (status: S) => void): (status: S | undefined) => void {
  return (status) => {
    const current = get()
    if (status && (!current || status.rev > current.rev)) set(status)
  }
}

/** Subscribes; returns the unsubscribe. */
export function followStatus<E extends 'localRegistry.status' | 'hubCache.status'>(event: E, keep: (status: BerthEvents[E]) => void, refresh: () => Promise<void>): () => void {
  const off = api.on(event, keep)
  const offEngine = api.on('engine.status', (s) => s.state === 'connected' && void refresh())
  return () => {
    off()
    offEngine()
  }
}

/**
 * keep, init and refresh as both status stores have them: `read` asks main for the status; when
 * that fails (engine down) the page says so from the engine's status and the store keeps what it knew.
 */
export function statusFollower<E extends 'localRegistry.status' | 'hubCache.status'>(
  event: E,
  read: () => Promise<BerthEvents[E]>,
  get: () => BerthEvents[E] | undefined,
  set: (status: BerthEvents[E]) => void
): { keep: (status: BerthEvents[E] | undefined) => void; init: () => () => void; refresh: () => Promise<void> } {
  const keep = newestRev<BerthEvents[E]>(get, set)
  const refresh = async (): Promise<void> => {
    try {
      keep(await read())
    } catch {
      // Keep the last known status.
    }
  }
  return { keep, refresh, init: () => followStatus(event, keep, refresh) }
}
