import { isReadOnlyCall } from '@shared/contract'

/** How long a read waits before its one retry: long enough for a network change to settle. */
export const RETRY_PAUSE_MS = 300

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Sends a call; `send` rejects only when no HTTP answer came back (fetch's network failure).
 * A call that only reads is sent once more after a short pause; a call that changes state is
 * never repeated, because the first one may have reached the server before the line dropped.
 */
export async function sendWithRetry<T>(name: string, send: () => Promise<T>, pause: (ms: number) => Promise<void> = sleep): Promise<T> {
  try {
    return await send()
  } catch (e) {
    if (!isReadOnlyCall(name)) throw e
    await pause(RETRY_PAUSE_MS)
    return send()
  }
}
