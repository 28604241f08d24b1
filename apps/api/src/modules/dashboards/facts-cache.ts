/**
 * Answers computed from one build of the facts, kept until the next build: the facts only
 * change when the worker rebuilds them, so the same question (region and filters) asked
 * again has the same answer. Keys carry the build's time, so a new build simply stops
 * matching the old entries, which age out of the bounded map. A question asked by many at
 * once is computed once (the promise is shared); a failure is not kept.
 */
export class FactsCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 500) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order, so the first key is the oldest.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
