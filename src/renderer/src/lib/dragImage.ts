// The drag payload of image rows: the images feature writes it, registries take the drop.
export const IMAGE_DRAG_TYPE = 'application/x-berth-images'

/** One dragged (or otherwise chosen) local image. */
export interface DraggedImage {
  id: string
  /** repo:tag, or undefined for an untagged image. */
  ref?: string
}

export function readDraggedImages(dt: { getData(format: string): string }): DraggedImage[] {
  try {
    const raw = dt.getData(IMAGE_DRAG_TYPE)
    return raw ? (JSON.parse(raw) as DraggedImage[]) : []
  } catch {
    return []
  }
}
