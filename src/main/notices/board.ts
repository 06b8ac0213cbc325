import type { Notice } from '@shared/contract/notices'

/** Notices waiting for the UI; each is handed out once, then forgotten. */
export class NoticeBoard {
  private pending: Notice[] = []

  constructor(private readonly announce: (count: number) => void) {}

  add(notice: Notice): void {
    console.warn(`[berth] ${notice.message}`)
    this.pending.push(notice)
    this.announce(this.pending.length)
  }

  take(): Notice[] {
    const out = this.pending
    this.pending = []
    return out
  }
}
