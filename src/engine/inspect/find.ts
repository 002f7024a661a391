/**
 * Find in the attachment graph (issue 11): match a query against every node's id, name and detail
 * line — which carry the BDFs, PASIDs (`PASID 5`), domain tags (`DID 3`, `ASID 3`) and VM names —
 * best match first: the whole field, then the start of a field or a whole word, then any substring.
 * Pure; the graph's find box only shows what this returns.
 */
import type { TopoNode, TopoNodeKind, Topology } from './topology.ts';

export interface FindHit {
  readonly node: TopoNode;
  /** 0 = a whole field, 1 = a field's first word(s), 2 = whole word(s) inside, 3 = a field's start, 4 = inside a word, 5 = every word somewhere. */
  readonly rank: number;
}

/** On equal rank, the objects people name first. */
const KIND_ORDER: Readonly<Record<TopoNodeKind, number>> = {
  vm: 0,
  device: 1,
  mdev: 2,
  domain: 3,
  nested: 3,
  pasid: 4,
  wq: 5,
  ioasid: 6,
  ioas: 6,
  process: 7,
  'guest-table': 7,
  iommu: 8,
};

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9_]/.test(c);

/** Rank of `q` in one lower-case field, or null when it does not occur. */
function rankIn(field: string, q: string): number | null {
  if (field === q) return 0;
  let best: number | null = null;
  for (let i = field.indexOf(q); i >= 0; i = field.indexOf(q, i + 1)) {
    const startOk = i === 0 || !isWordChar(field[i - 1]) || !isWordChar(q[0]);
    const endOk = !isWordChar(field[i + q.length]) || !isWordChar(q[q.length - 1]);
    const r = startOk && endOk ? (i === 0 ? 1 : 2) : i === 0 ? 3 : 4;
    if (best === null || r < best) best = r;
    if (best === 1) break;
  }
  return best;
}

export const normaliseQuery = (q: string) => q.trim().toLowerCase().replace(/\s+/g, ' ');

/** The nodes matching `query`, best first, at most `limit`. An empty query matches nothing. */
export function findNodes(topo: Topology, query: string, limit = 20): FindHit[] {
  const q = normaliseQuery(query);
  if (q === '') return [];
  const words = q.split(' ');
  const hits: { node: TopoNode; rank: number; order: number }[] = [];
  topo.nodes.forEach((node, order) => {
    const fields = [node.ref, node.label, node.detail].map((f) => f.toLowerCase());
    let rank: number | null = null;
    for (const f of fields) {
      const r = rankIn(f, q);
      if (r !== null && (rank === null || r < rank)) rank = r;
    }
    if (rank === null && words.length > 1) {
      const all = fields.join(' ');
      if (words.every((w) => all.includes(w))) rank = 5;
    }
    if (rank !== null) hits.push({ node, rank, order });
  });
  hits.sort((a, b) => a.rank - b.rank || KIND_ORDER[a.node.kind] - KIND_ORDER[b.node.kind] || a.order - b.order);
  return hits.slice(0, limit).map(({ node, rank }) => ({ node, rank }));
}
