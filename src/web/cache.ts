// A small in-process cache with a time-to-live and a size cap. Web nodes keep no state of their own:
// what is kept here is only a copy of what the store says, safe to lose and stale for at most `ttlMs`.
// Concurrent misses for one key share one computation (the promise is cached).

export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; ttl: number; value: Promise<V> }>();

  constructor(private readonly ttlMs: number, private readonly max = 2000, private readonly clock: () => number = Date.now) {}

  /** The cached value of `key`, computed on a miss; `ttlMs` overrides the cache's default for this key. */
  get(key: string, compute: () => Promise<V>, ttlMs = this.ttlMs): Promise<V> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < hit.ttl) return hit.value;
    const value = compute();
    this.entries.set(key, { at: now, ttl: ttlMs, value });
    // A failed computation must not be served from the cache.
    value.catch(() => { if (this.entries.get(key)?.value === value) this.entries.delete(key); });
    if (this.entries.size > this.max) {
      // Maps iterate in insertion order: drop the oldest tenth.
      let n = Math.ceil(this.max / 10);
      for (const k of this.entries.keys()) { if (n-- <= 0) break; this.entries.delete(k); }
    }
    return value;
  }

  delete(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }
}
