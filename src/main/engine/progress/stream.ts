// Reads the daemon's JSON-lines stream. dockerode's push()/pull()/loadImage() resolve when
// the stream *starts*; the transfer is over only when it ends, and failures arrive inside
// the 200 stream as {"error": …} lines. This is the one place that waits for the end.
import { StringDecoder } from 'node:string_decoder'
import { BerthError } from '@shared/contract/errors'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { isFinalStatus, type DaemonEvent } from './daemonEvent'
import type { ProgressTracker } from './tracker'
import { m } from '@shared/i18n/message'

export interface StreamSummary {
  /** JSON events handed to onEvent. */
  events: number
  /** The stream emitted 'end' (not merely closed or destroyed). */
  ended: boolean
  /** Text after the last newline that was not a complete JSON object (a cut-off message). */
  truncatedLine?: string
  /** Complete lines that were not JSON (kept, at most a few, for diagnostics). */
  invalidLines: string[]
  /** The daemon sent a line it sends only at a successful end (digest, Status:, Loaded image). */
  sawFinalStatus: boolean
  /** ended && nothing truncated && sawFinalStatus. */
  endedCleanly: boolean
}

export interface ConsumeOptions {
  signal?: AbortSignal
}

const MAX_INVALID_KEPT = 5

/**
 * Splits the stream into JSON events and calls onEvent for each. Resolves with a summary when
 * the stream ends or closes. Rejects with what onEvent threw (the stream is destroyed), with
 * the stream's own error, or with BerthError CANCELLED when the signal aborts.
 */
export function consumeDaemonStream(
  stream: NodeJS.ReadableStream,
  onEvent: (event: DaemonEvent) => void,
  options: ConsumeOptions = {}
): Promise<StreamSummary> {
  const { signal } = options
  return new Promise<StreamSummary>((resolve, reject) => {
    const decoder = new StringDecoder('utf8')
    let buffer = ''
    let events = 0
    let sawFinalStatus = false
    const invalidLines: string[] = []
    let settled = false

    const cleanup = (): void => {
      stream.removeListener('data', onData)
      stream.removeListener('end', onEnd)
      stream.removeListener('close', onClose)
      stream.removeListener('error', onError)
      signal?.removeEventListener('abort', onAbort)
    }
    const fail = (err: unknown): void => {
      if (settled) return
      settled = true
      cleanup()
      // Keep a late socket error from becoming an unhandled 'error' event.
      stream.on('error', () => {})
      destroy(stream)
      reject(err)
    }
    const done = (ended: boolean): void => {
      if (settled) return
      // A last line without "\n" may still be a whole JSON object.
      buffer += decoder.end()
      let truncatedLine: string | undefined
      const rest = buffer.trim()
      buffer = ''
      if (rest && !handleLine(rest)) truncatedLine = rest
      if (settled) return // onEvent threw on the last line
      settled = true
      cleanup()
      resolve({
        events,
        ended,
        truncatedLine,
        invalidLines,
        sawFinalStatus,
        endedCleanly: ended && truncatedLine === undefined && sawFinalStatus
      })
    }

    /** false when the line is not JSON. */
    const handleLine = (line: string): boolean => {
      let event: DaemonEvent
      try {
        const parsed: unknown = JSON.parse(line)
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false
        event = parsed as DaemonEvent
      } catch {
        return false
      }
      events++
      if (isFinalStatus(event)) sawFinalStatus = true
      try {
        onEvent(event)
      } catch (err) {
        fail(err)
      }
      return true
    }

    function onData(chunk: Buffer | string): void {
      if (settled) return
      buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk)
      let nl: number
      while (!settled && (nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim() // also drops the daemon's "\r"
        buffer = buffer.slice(nl + 1)
        if (line && !handleLine(line) && invalidLines.length < MAX_INVALID_KEPT) invalidLines.push(line)
      }
    }
    function onEnd(): void {
      done(true)
    }
    function onClose(): void {
      // 'close' before 'end': the connection went away mid-stream.
      done(false)
    }
    function onError(err: Error): void {
      fail(err)
    }
    function onAbort(): void {
      fail(cancelled())
    }

    if (signal?.aborted) {
      fail(cancelled())
      return
    }
    stream.on('data', onData)
    stream.on('end', onEnd)
    stream.on('close', onClose)
    stream.on('error', onError)
    signal?.addEventListener('abort', onAbort, { once: true })
    stream.resume()
  })
}

export interface FollowOptions {
  signal?: AbortSignal
  /** Called after every event and once at the end, with the tracker's fresh snapshot. */
  onUpdate?: (snapshot: TransferSnapshot) => void
}

/**
 * Feeds the stream into the tracker until the stream ENDS. Resolves with the summary when
 * it ended without an error event (tracker 'done', with a warning message when the daemon's
 * final status line never came). Rejects, with the tracker updated to match:
 * - the decoded BerthError on an error event ('failed');
 * - BerthError CANCELLED when the signal aborts (the stream is destroyed, which makes the
 *   daemon abandon the transfer; 'cancelled');
 * - BerthError ENGINE_UNREACHABLE when the connection broke mid-stream ('failed').
 */
export async function followDaemonStream(
  stream: NodeJS.ReadableStream,
  tracker: ProgressTracker,
  options: FollowOptions = {}
): Promise<StreamSummary> {
  const update = (): void => options.onUpdate?.(tracker.snapshot())
  tracker.start()
  update()
  let summary: StreamSummary
  try {
    summary = await consumeDaemonStream(
      stream,
      (event) => {
        const err = tracker.feed(event)
        update()
        if (err) throw err
      },
      { signal: options.signal }
    )
  } catch (err) {
    if (err instanceof BerthError && err.code === 'CANCELLED') {
      tracker.cancel()
      update()
      throw cancelledFor(tracker.kind)
    }
    const berr = err instanceof BerthError ? err : connectionLost(tracker.kind, err)
    tracker.fail(berr)
    update()
    throw berr
  }

  if (!summary.ended || summary.truncatedLine !== undefined) {
    const err = connectionLost(tracker.kind, undefined, summary.truncatedLine)
    tracker.fail(err)
    update()
    throw err
  }
  tracker.finish({
    warning: summary.sawFinalStatus ? undefined : m('transferNote.unconfirmed', { kind: m(`kinds.${tracker.kind}`) })
  })
  update()
  return summary
}

function cancelled(): BerthError {
  return new BerthError('CANCELLED', m('errors.transfers.cancelled', { kind: m('kinds.transfer') }))
}

function cancelledFor(kind: string): BerthError {
  return new BerthError('CANCELLED', m('errors.transfers.cancelled', { kind: m(`kinds.${kind}`) }))
}

function connectionLost(kind: string, cause?: unknown, truncatedLine?: string): BerthError {
  const reason = cause instanceof Error ? cause.message : cause === undefined ? undefined : String(cause)
  return new BerthError(
    'ENGINE_UNREACHABLE',
    m('errors.engine.brokeDuring', { kind: m(`kinds.${kind}`) }),
    m('hints.engine.checkRunningRetry'),
    { ...(reason ? { reason } : {}), ...(truncatedLine !== undefined ? { truncatedLine: truncatedLine.slice(0, 500) } : {}) }
  )
}

function destroy(stream: NodeJS.ReadableStream): void {
  const s = stream as NodeJS.ReadableStream & { destroy?: (err?: Error) => void }
  if (typeof s.destroy === 'function') s.destroy()
}
