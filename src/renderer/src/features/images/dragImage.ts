/** The drag payload of image rows (dropped onto a registry to push). */
export const IMAGE_DRAG_TYPE = 'application/x-berth-images'

export interface DraggedImage {
  id: string
  /** repo:tag, or undefined for an untagged image. */
  ref?: string
}

export function readDraggedImages(dt: DataTransfer): DraggedImage[] {
  try {
    const raw = dt.getData(IMAGE_DRAG_TYPE)
    return raw ? (JSON.parse(raw) as DraggedImage[]) : []
  } catch {
    return []
  }
}
