// Many tags, many platforms: run them a few at a time so neither Berth nor the registry drowns.

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order.
 * The first failure rejects the whole call and stops starting new items.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        results[index] = await fn(items[index], index)
      } catch (e) {
        failed = true
        throw e
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)
  await Promise.all(workers)
  return results
}
