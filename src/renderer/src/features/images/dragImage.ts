import type { DraggedImage } from './imageRows'
/** The drag payload of image rows (dropped onto a registry to push). */
export const IMAGE_DRAG_TYPE = 'application/x-berth-images'

export type { DraggedImage } from './imageRows'

export function readDraggedImages(dt: DataTransfer): DraggedImage[] {
  try {
    const raw = dt.getData(IMAGE_DRAG_TYPE)
    return raw ? (JSON.parse(raw) as DraggedImage[]) : []
  } catch {
    return []
  }
}
