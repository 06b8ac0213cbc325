// Podman 4.3 builds a list by walking its store and fails the whole list with HTTP 500 when
// another client removes an entry at that moment: GET /images/json says "retrieving label for
// image …: image not known", GET /system/df "failed to get state of container …: no such
// container" (newer Podman skips the entry). Nothing is wrong with the engine: the next walk no
// longer sees the entry, so these calls ask again, a few times, shortly after.
import { daemonMessage, statusCodeOf } from './engineErrors'

/** A list that failed only because an entry went away while the engine walked the store. */
export function isListRace(e: unknown): boolean {
  return statusCodeOf(e) === 500 && /image not known|no such (image|container)/i.test(daemonMessage(e))
}

export const LIST_RACE_ATTEMPTS = 5
const LIST_RACE_DELAY_MS = 100

/** Runs `list`, again after a list race (up to LIST_RACE_ATTEMPTS in all); any other failure at once. */
export async function retryListRace<T>(list: () => Promise<T>, delayMs = LIST_RACE_DELAY_MS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await list()
    } catch (e) {
      if (attempt >= LIST_RACE_ATTEMPTS || !isListRace(e)) throw e
      await new Promise((r) => setTimeout(r, delayMs * attempt))
    }
  }
}
