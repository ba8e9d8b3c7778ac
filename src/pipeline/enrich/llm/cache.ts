// Answers of the LLM are cached by a key built from the article's hash, the feature and its
// parameters: an in-memory LRU in front of an optional persistent cache (a table in the store, a
// directory, …) that callers plug in through the LlmCache interface.
import { createHash } from 'node:crypto';

export interface LlmCache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** Least-recently-used map with a fixed number of entries (Map keeps insertion order). */
export class LruCache<V> {
  private map = new Map<string, V>();
  constructor(readonly capacity = 500) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  get size(): number {
    return this.map.size;
  }
}

/** The LRU alone, or the LRU in front of a persistent cache (read-through, write-both). */
export function layeredCache(persistent?: LlmCache | null, capacity = 500): LlmCache {
  const lru = new LruCache<string>(capacity);
  return {
    async get(key) {
      const hit = lru.get(key);
      if (hit !== undefined) return hit;
      if (!persistent) return null;
      try {
        const v = await persistent.get(key);
        if (v !== null) lru.set(key, v);
        return v;
      } catch {
        return null; // a broken persistent cache costs a call, never the answer
      }
    },
    async set(key, value) {
      lru.set(key, value);
      if (persistent) await persistent.set(key, value).catch(() => undefined);
    },
  };
}

/** SHA-256 of the article's title and text: the part of every cache key that names the article. */
export function articleHash(title: string, text: string): string {
  return createHash('sha256').update(title).update('\u0000').update(text).digest('hex');
}

export function cacheKey(parts: (string | number | null | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => String(p ?? '')).join('\u0000')).digest('hex');
}
