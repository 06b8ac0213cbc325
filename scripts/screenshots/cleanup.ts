// Everything the screenshots create is undone, newest first, even when a step fails.
const undo: (() => Promise<unknown>)[] = []
export const later = (step: () => Promise<unknown>): void => void undo.push(step)

export async function cleanup(): Promise<void> {
  while (undo.length) await undo.pop()!().catch((e: Error) => console.warn(`cleanup: ${e.message}`))
}
