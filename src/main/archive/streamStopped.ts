// Reading or writing an archive is a stream that can stop three ways; every archive stream tells
// them apart the same way.
import { BerthError } from '@shared/contract/errors'

/** A stream that stopped: the cancel itself when cancelled, a Berth error as it is, anything else as `wrap` says. */
export function streamStopped(e: unknown, signal: AbortSignal, wrap: (e: unknown) => BerthError): unknown {
  if (signal.aborted) return signal.reason
  if (e instanceof BerthError) return e
  return wrap(e)
}
