/**
 * Clusters of the attachment graph for the fleet overview (issue 11): one per VM (its GPA domain,
 * IOASID, the PASID entries that point at that domain, its directly assigned devices and guest
 * tables) and one per parent device (its WQs and the mdevs carved from them); everything else
 * (the IOMMU, host DMA domains, IOASes, processes, unassigned devices) is the "host" cluster. Every
 * node lies in exactly one cluster. Membership is derived from the topology's edges only, so the
 * engine's inspect output stays the single source of what is connected to what. Pure.
 */
import type { TopoEdge, TopoNode, TopoNodeKind, Topology } from '../engine/inspect/topology.ts';

export type ClusterKind = 'vm' | 'device' | 'host';

export interface Cluster {
  /** `vm:<id>`, `device:<id>` (the id of its anchor node) or `host`. */
  readonly id: string;
  readonly kind: ClusterKind;
  /** The name drawn on the closed cluster: the VM or device id, or "host". */
  readonly name: string;
  /** Member node ids in topology order. */
  readonly nodeIds: readonly string[];
  /** One line of counts, e.g. "8 WQs · 8 mdevs". */
  readonly summary: string;
}

/** The edges between two clusters (a < b by cluster order), drawn as one bundle while either is closed. */
export interface ClusterLink {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly edges: readonly TopoEdge[];
}

export interface ClusterModel {
  /** Clusters in reading order: host first, then each VM after the device clusters that serve it. */
  readonly clusters: readonly Cluster[];
  readonly byId: ReadonlyMap<string, Cluster>;
  /** Node id → cluster id, for every node of the topology. */
  readonly clusterOf: ReadonlyMap<string, string>;
  /** Edges inside one cluster, by cluster id. */
  readonly internal: ReadonlyMap<string, readonly TopoEdge[]>;
  readonly links: readonly ClusterLink[];
}

export const HOST_CLUSTER = 'host';

const NONE: readonly TopoEdge[] = [];

const NOUN: Partial<Record<TopoNodeKind, [string, string]>> = {
  device: ['device', 'devices'],
  wq: ['WQ', 'WQs'],
  mdev: ['mdev', 'mdevs'],
  pasid: ['PASID', 'PASIDs'],
  domain: ['domain', 'domains'],
  nested: ['nested HWPT', 'nested HWPTs'],
  ioasid: ['IOASID', 'IOASIDs'],
  ioas: ['IOAS', 'IOASes'],
  process: ['process', 'processes'],
  'guest-table': ['guest table', 'guest tables'],
};

function summaryOf(nodes: readonly TopoNode[], anchor: string | null): string {
  const counts = new Map<TopoNodeKind, number>();
  for (const n of nodes) if (n.id !== anchor) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  const parts: string[] = [];
  for (const [kind, n] of counts) {
    const noun = NOUN[kind];
    if (noun) parts.push(`${n} ${n === 1 ? noun[0] : noun[1]}`);
  }
  return parts.join(' · ');
}

/** Group the topology's nodes into clusters. */
export function clustersOf(topo: Topology): ClusterModel {
  const kindOf = new Map<string, TopoNodeKind>();
  for (const n of topo.nodes) kindOf.set(n.id, n.kind);
  const out = new Map<string, TopoEdge[]>();
  for (const e of topo.edges) {
    const list = out.get(e.source);
    if (list === undefined) out.set(e.source, [e]);
    else list.push(e);
  }
  // The first edge of `kind` out of `id` (to a node of kind `to`), in topology order: a loop, not a
  // filtered copy per node (this runs once per node of a 10,000-node fleet on its first graph).
  const first = (id: string, kind: TopoEdge['kind'], to?: TopoNodeKind): string | undefined => {
    for (const e of out.get(id) ?? NONE)
      if (e.kind === kind && (to === undefined || kindOf.get(e.target) === to)) return e.target;
    return undefined;
  };

  const clusterOf = new Map<string, string>();
  // Anchors: every VM, and every device that owns WQs (a parent device).
  for (const n of topo.nodes) {
    if (n.kind === 'vm') clusterOf.set(n.id, n.id);
    if (n.kind === 'device' && first(n.id, 'owns', 'wq') !== undefined) clusterOf.set(n.id, n.id);
  }
  const vmOf = (id: string) => {
    const c = clusterOf.get(id);
    return c?.startsWith('vm:') ? c : undefined;
  };
  // A VM's GPA domain (domain --backs--> vm), then what hangs off the VM or its domain.
  for (const n of topo.nodes)
    if (n.kind === 'domain') {
      const vm = first(n.id, 'backs', 'vm');
      if (vm !== undefined) clusterOf.set(n.id, vm);
    }
  for (const n of topo.nodes) {
    if (clusterOf.has(n.id)) continue;
    if (n.kind === 'ioasid') {
      const c = vmOf(first(n.id, 'backs') ?? '');
      if (c) clusterOf.set(n.id, c);
    } else if (n.kind === 'guest-table') {
      const c = vmOf(first(n.id, 'owns', 'vm') ?? '');
      if (c) clusterOf.set(n.id, c);
    } else if (n.kind === 'device') {
      const vm = first(n.id, 'assigned', 'vm');
      if (vm !== undefined) clusterOf.set(n.id, vm);
    }
  }
  // WQs follow their device, mdevs their WQ (topology lists WQs right after their device).
  for (const n of topo.nodes)
    if (n.kind === 'device' || n.kind === 'wq') {
      const c = clusterOf.get(n.id);
      if (c === undefined) continue;
      for (const e of out.get(n.id) ?? NONE)
        if (e.kind === 'owns' && !clusterOf.has(e.target)) clusterOf.set(e.target, c);
    }
  // A PASID entry sits with the VM whose domain it points at, else with its device's cluster.
  const into = new Map<string, string>();
  for (const e of topo.edges) if (kindOf.get(e.target) === 'pasid') into.set(e.target, e.source);
  for (const n of topo.nodes)
    if (n.kind === 'pasid') {
      const dom = (out.get(n.id) ?? [])[0]?.target;
      const c = vmOf(dom ?? '') ?? clusterOf.get(into.get(n.id) ?? '');
      if (c !== undefined) clusterOf.set(n.id, c);
    }
  for (const n of topo.nodes) if (!clusterOf.has(n.id)) clusterOf.set(n.id, HOST_CLUSTER);

  // Reading order: host, then for each VM the device clusters linked to it (not yet placed), then the VM.
  const members = new Map<string, TopoNode[]>();
  for (const n of topo.nodes) {
    const c = clusterOf.get(n.id)!;
    (members.get(c) ?? members.set(c, []).get(c)!).push(n);
  }
  const neighbours = new Map<string, Set<string>>();
  for (const e of topo.edges) {
    const a = clusterOf.get(e.source)!;
    const b = clusterOf.get(e.target)!;
    if (a === b) continue;
    (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
    (neighbours.get(b) ?? neighbours.set(b, new Set()).get(b)!).add(a);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  const put = (c: string) => {
    if (placed.has(c) || !members.has(c)) return;
    placed.add(c);
    order.push(c);
  };
  put(HOST_CLUSTER);
  for (const n of topo.nodes)
    if (n.kind === 'vm') {
      for (const c of neighbours.get(n.id) ?? []) if (c.startsWith('device:')) put(c);
      put(n.id);
    }
  for (const c of members.keys()) put(c);

  const clusters: Cluster[] = order.map((id) => {
    const nodes = members.get(id)!;
    const kind: ClusterKind = id === HOST_CLUSTER ? 'host' : id.startsWith('vm:') ? 'vm' : 'device';
    const anchor = kind === 'host' ? null : id;
    const name = kind === 'host' ? 'host' : (nodes.find((n) => n.id === id)?.label ?? id);
    return { id, kind, name, nodeIds: nodes.map((n) => n.id), summary: summaryOf(nodes, anchor) };
  });

  const rank = new Map(order.map((c, i) => [c, i]));
  const internal = new Map<string, TopoEdge[]>();
  const linkEdges = new Map<string, { a: string; b: string; edges: TopoEdge[] }>();
  for (const e of topo.edges) {
    const s = clusterOf.get(e.source)!;
    const t = clusterOf.get(e.target)!;
    if (s === t) {
      (internal.get(s) ?? internal.set(s, []).get(s)!).push(e);
      continue;
    }
    const [a, b] = rank.get(s)! < rank.get(t)! ? [s, t] : [t, s];
    const key = `${a}|${b}`;
    (linkEdges.get(key) ?? linkEdges.set(key, { a, b, edges: [] }).get(key)!).edges.push(e);
  }
  const links = [...linkEdges].map(([id, l]) => ({ id, ...l }));
  return { clusters, byId: new Map(clusters.map((c) => [c.id, c])), clusterOf, internal, links };
}
