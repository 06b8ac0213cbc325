/** A Map that forgets its oldest entries beyond `max` (content by digest never goes stale, but memory must not grow forever). */
export class Lru<K, V> {
  private readonly map = new Map<K, V>()
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  set(key: K, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K)
  }

  delete(key: K): void {
    this.map.delete(key)
  }

  deleteWhere(test: (key: K) => boolean): void {
    for (const k of [...this.map.keys()]) if (test(k)) this.map.delete(k)
  }
}
