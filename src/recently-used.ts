/**
 * The last `size` values set, by key: a least-recently-used cache, for
 * what a process would otherwise keep for as long as it runs (a build's
 * renderings, a server's pages). Reading a key makes it the most recent;
 * setting one past `size` forgets the least recent.
 */
export class RecentlyUsed<K, V> {
  private readonly kept = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const value = this.kept.get(key);
    if (value !== undefined) {
      this.kept.delete(key);
      this.kept.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.kept.delete(key);
    if (this.kept.size >= this.size) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, value);
  }
}

/** `load`, remembering its last `size` values by key (`RecentlyUsed`). */
export function recentlyUsed<K, V>(size: number, load: (key: K) => V): (key: K) => V {
  const kept = new RecentlyUsed<K, V>(size);
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = load(key);
      kept.set(key, value);
    }
    return value;
  };
}
