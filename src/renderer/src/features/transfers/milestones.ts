// Which milestone a transfer has reached, for screen-reader announcements: a polite message when
// it starts, at half way, and when it ends (done, failed, cancelled) — never on every tick.
import type { TransferSnapshot } from '@shared/contract/transferTypes'

export type Milestone = 'started' | 'half' | 'done' | 'failed' | 'cancelled'
const order: Milestone[] = ['started', 'half', 'done', 'failed', 'cancelled']

export function milestoneOf(t: Pick<TransferSnapshot, 'state' | 'bytesDone' | 'bytesTotal'>): Milestone | undefined {
  if (t.state === 'done' || t.state === 'failed' || t.state === 'cancelled') return t.state
  if (t.state !== 'running') return undefined
  return t.bytesTotal > 0 && t.bytesDone * 2 >= t.bytesTotal ? 'half' : 'started'
}

/** The milestone to announce now, if `next` is past what was announced already. */
export function newMilestone(previous: Milestone | undefined, next: Milestone | undefined): Milestone | undefined {
  if (!next || next === previous) return undefined
  if (previous && order.indexOf(next) < order.indexOf(previous)) return undefined // a retry starts over under the same id
  return next
}
