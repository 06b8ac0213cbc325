// A virtualized list's rows on screen: the scroll element's ref, the virtualizer, and the first
// and last index shown (what lazy lists fetch details for).
import { useRef, type RefObject } from 'react'
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'

export interface VirtualRows {
  scrollRef: RefObject<HTMLDivElement | null>
  virtualizer: Virtualizer<HTMLDivElement, Element>
  /** Index of the first and last row rendered; last < first when none is. */
  first: number
  last: number
}

export function useVirtualRows(count: number, rowHeight: number, overscan: number): VirtualRows {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan })
  const items = virtualizer.getVirtualItems()
  return { scrollRef, virtualizer, first: items[0]?.index ?? 0, last: items.at(-1)?.index ?? -1 }
}
