/**
 * What touches a node or cluster (its edges, its bundles), indexed on first use: the overview of a
 * fleet draws no node, so its first graph need not index 3,500 edges by their ends. Pure.
 */
export type Adjacency<T> = (id: string) => readonly T[];

const NONE: readonly never[] = [];

/** `items` by each of their two ends (an item with both ends on one id is listed once per end). */
export function adjacency<T>(items: readonly T[], ends: (item: T) => readonly [string, string]): Adjacency<T> {
  let index: Map<string, T[]> | null = null;
  const build = () => {
    const m = new Map<string, T[]>();
    const push = (k: string, v: T) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const item of items) {
      const [a, b] = ends(item);
      push(a, item);
      push(b, item);
    }
    return m;
  };
  return (id) => (index ??= build()).get(id) ?? NONE;
}
