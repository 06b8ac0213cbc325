// One-time messages from main that belong to no call: e.g. a settings file that was damaged and
// kept aside. The UI takes them once (at start, and again on each 'notices.added').
import { z } from 'zod'
import type { Explained } from './explained'

export interface Notice extends Explained {
  /** Where Berth kept the damaged copy, when there is one. */
  keptAt?: string
}

export const noticeCalls = {
  /** The pending notices; each is handed out once. */
  'notices.take': z.void()
}

export interface NoticeResults {
  'notices.take': Notice[]
}

export interface NoticeEvents {
  /** A notice is waiting: call notices.take. */
  'notices.added': { count: number }
}
