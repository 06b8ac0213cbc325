// The drag payload of tag rows: the registry browser writes it, a sidebar registry takes the
// drop and opens "Copy to…" with itself as the target.

/** Tags of one repository (none: the whole repository) dragged from the registry browser. */
export interface DraggedTags {
  registryId: string
  /** The source registry's address. */
  address: string
  repository: string
  tags?: string[]
}

export const TAG_DRAG_TYPE = 'application/x-berth-tags'

export function writeDraggedTags(dt: DataTransfer, request: DraggedTags): void {
  dt.setData(TAG_DRAG_TYPE, JSON.stringify(request))
  dt.setData('text/plain', `${request.address}/${request.repository}${request.tags?.length === 1 ? `:${request.tags[0]}` : ''}`)
  dt.effectAllowed = 'copy'
}

export function readDraggedTags(dt: { getData(format: string): string }): DraggedTags | undefined {
  try {
    const raw = dt.getData(TAG_DRAG_TYPE)
    const r = raw ? (JSON.parse(raw) as DraggedTags) : undefined
    return r && typeof r.registryId === 'string' && typeof r.repository === 'string' ? r : undefined
  } catch {
    return undefined
  }
}
