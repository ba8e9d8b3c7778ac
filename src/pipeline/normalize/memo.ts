// Per-word answers kept: text stages ask the same few thousand words the same question (a stem, a shape,
// a dictionary test) on every article. The cache is dropped whole when it outgrows `limit`, so a process
// that reads for months keeps only its recent vocabulary.

/** `fn` with its answers kept per key (undefined answers too), up to `limit` keys. */
export function remembered<T>(fn: (key: string) => T, limit = 100_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as T;
    const value = fn(key);
    if (cache.size > limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
