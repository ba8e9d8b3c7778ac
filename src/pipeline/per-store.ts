// Process-local state kept per store: the windows over the store's logs, the shared term counts, the story
// log's folder. Kept by the repository object, which is also the transaction handle placement receives on
// both backends, so a transaction finds its store's state.
export function perStore<S extends object, T>(make: (store: S) => T): (store: S) => T {
  const held = new WeakMap<S, T>();
  return (store) => {
    let t = held.get(store);
    if (t === undefined) {
      t = make(store);
      held.set(store, t);
    }
    return t;
  };
}
