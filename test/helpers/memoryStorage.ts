/** A Map-backed Storage with an optional size quota (setItem throws QuotaExceededError past it). */
export function memoryStorage(
  quota = Infinity,
): Storage & { readonly data: Map<string, string>; failWith: Error | null } {
  const data = new Map<string, string>();
  const used = () => [...data].reduce((n, [k, v]) => n + k.length + v.length, 0);
  const s = {
    data,
    failWith: null as Error | null,
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem(k: string, v: string) {
      if (s.failWith) throw s.failWith;
      const before = data.get(k)?.length ?? 0;
      if (used() - before + (data.has(k) ? 0 : k.length) + v.length > quota) {
        const e = new Error('The quota has been exceeded.');
        e.name = 'QuotaExceededError';
        throw e;
      }
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
  };
  return s;
}
