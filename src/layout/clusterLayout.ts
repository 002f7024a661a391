/**
 * The fleet layout (issue 11): each cluster is laid out on its own with the layered layout (so an
 * open cluster looks like today's graph in small), framed with a title band, and the frames are
 * packed in rows in reading order, the row width chosen so the whole picture has the screen's shape
 * (one tall column of 49,000 px fitted to ~0.006; rows that wrap fit at a readable zoom). A
 * cluster's footprint is the same open or closed, so semantic zoom never moves anything. Pure.
 */
import type { Topology } from '../engine/inspect/topology.ts';
import { readableZoom } from './clusterLabel.ts';
import type { Cluster, ClusterModel } from './clusters.ts';
import { frameOf, placeFrame, type Column, type Layout, type LayoutOptions, type Placed } from './layered.ts';

export const CLUSTER_PAD = 8;
/** Height of the title band of an open cluster (its name at 14 layout px). */
export const CLUSTER_TITLE = 22;
/** Between the clusters of one group (a VM and its devices), and between groups. */
export const CLUSTER_GAP = 12;
export const GROUP_GAP = 28;
/**
 * A view whose whole overview would name its clusters unreadably small (a phone) gets the overview
 * wrapped to its width at a readable zoom and scrolls vertically — if that takes at most this many
 * view heights; a larger fleet (256 VMs on a laptop) is shown whole, its names as large as the
 * boxes allow, and named by zooming in or Find.
 */
export const MAX_READABLE_SCREENS = 3;
/** The fit's margin on each side of the view (useZoom's fitTransform). */
const FIT_PAD = 12;

export interface PlacedCluster {
  readonly cluster: Cluster;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** The cluster's columns are `layout.columns[col0 .. col1 - 1]`. */
  readonly col0: number;
  readonly col1: number;
  /** Index in `ClusterLayout.groups` of the VM group it belongs to, if any. */
  readonly group?: number;
}

/**
 * A VM and the device clusters serving it, as laid out together (devices above, the VM under them).
 * Where the overview is too far out to name each cluster readably (256 VMs × 16 mdevs fitted to a
 * laptop), it names each group instead, by its VM, across the whole group (ClusterLayer).
 */
export interface PlacedGroup {
  /** The VM cluster's name. */
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Its clusters' ids: the devices, then the VM. */
  readonly clusterIds: readonly string[];
}

export interface ClusterLayout extends Layout {
  /** Empty for a graph drawn as one layered layout (every cluster always open). */
  readonly clusters: readonly PlacedCluster[];
  readonly clusterById: ReadonlyMap<string, PlacedCluster>;
  /**
   * Fit never zooms out further than this: 0 shows the whole graph; above 0 the layout was wrapped to
   * the view's width at the zoom where every cluster is named readably, and Fit shows its top.
   */
  readonly fitZoom: number;
  /** How many nodes (`nodes.length`, without placing a fleet's nodes: see layoutClusters). */
  readonly nodeCount: number;
  /** The VM groups of at least one device and the VM (empty for a small graph). */
  readonly groups: readonly PlacedGroup[];
  /**
   * Below this zoom some VM or parent device would be named under READABLE_PX, so the overview names
   * the groups instead of their clusters (0: never).
   */
  readonly groupZoom: number;
}

/** The single layered layout with no cluster frames (small graphs). */
export function unclustered(layout: Layout): ClusterLayout {
  return {
    ...layout,
    clusters: [],
    clusterById: new Map(),
    fitZoom: 0,
    nodeCount: layout.nodes.length,
    groups: [],
    groupZoom: 0,
  };
}

interface Box {
  readonly w: number;
  readonly h: number;
}

/** Row-major shelf packing at row width `maxW`: top-left corners and the total size. */
function shelves(boxes: readonly Box[], maxW: number, gap: number) {
  const at: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  let rowH = 0;
  let width = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.w > maxW) {
      y += rowH + gap;
      x = 0;
      rowH = 0;
    }
    at.push({ x, y });
    x += b.w + gap;
    rowH = Math.max(rowH, b.h);
    width = Math.max(width, x - gap);
  }
  return { at, width, height: y + rowH };
}

/**
 * Pack clusters in rows so the picture is about `aspect` (width / height) wide. Given the `view`'s
 * size in px, a picture that would name its clusters below READABLE_PX when fitted whole is
 * wrapped to the view's width at the readable zoom instead (see MAX_READABLE_SCREENS).
 */
export function layoutClusters(
  topo: Topology,
  model: ClusterModel,
  aspect: number,
  options: LayoutOptions = {},
  view?: { readonly width: number; readonly height: number },
): ClusterLayout {
  const byId = new Map(topo.nodes.map((n) => [n.id, n]));
  // Each cluster's columns and their widths only: its box. Its nodes are placed when first asked for
  // (below): the overview draws boxes, and the first graph of a 2,500-node fleet need not place them.
  const frames = model.clusters.map((c) =>
    frameOf(
      c.nodeIds.map((id) => byId.get(id)!),
      options,
    ),
  );
  const boxes = frames.map((f) => ({
    w: Math.max(f.width, 96) + 2 * CLUSTER_PAD,
    h: f.height + CLUSTER_TITLE + 2 * CLUSTER_PAD,
  }));
  // A VM and the device clusters before it in reading order (those that serve it) form a group:
  // the devices side by side, the VM under them, so its bundles stay short.
  const groups: number[][] = [];
  let pending: number[] = [];
  model.clusters.forEach((c, i) => {
    if (c.kind === 'device') pending.push(i);
    else if (c.kind === 'vm') {
      groups.push([...pending, i]);
      pending = [];
    } else groups.push([i]);
  });
  for (const i of pending) groups.push([i]);
  const at: { x: number; y: number }[] = [];
  const groupBoxes = groups.map((g) => {
    const last = g[g.length - 1]!;
    if (g.length === 1) {
      at[last] = { x: 0, y: 0 };
      return boxes[last]!;
    }
    const devs = g.slice(0, -1).map((i) => boxes[i]!);
    const rowW = Math.max(boxes[last]!.w, Math.ceil(Math.sqrt(devs.length)) * (devs[0]!.w + CLUSTER_GAP));
    const top = shelves(devs, rowW, CLUSTER_GAP);
    g.slice(0, -1).forEach((i, j) => (at[i] = top.at[j]!));
    at[last] = { x: 0, y: top.height + CLUSTER_GAP };
    return { w: Math.max(top.width, boxes[last]!.w), h: top.height + CLUSTER_GAP + boxes[last]!.h };
  });
  // Choose the row width that makes the packed picture largest when fitted to a view of this aspect.
  const widest = Math.max(0, ...groupBoxes.map((b) => b.w));
  const total = groupBoxes.reduce((a, b) => a + b.w + GROUP_GAP, 0);
  let best = shelves(groupBoxes, total, GROUP_GAP);
  let bestScale = Math.max(best.width / aspect, best.height);
  for (let i = 0; i <= 40; i++) {
    const w = widest + ((total - widest) * i * i) / 1600;
    const s = shelves(groupBoxes, w, GROUP_GAP);
    const scale = Math.max(s.width / aspect, s.height);
    if (scale < bestScale) [best, bestScale] = [s, scale];
  }
  let fitZoom = 0;
  // The VMs and parent devices are what the overview is for (the host box is named as it fits).
  const named = model.clusters.flatMap((cluster, i) => (cluster.kind === 'host' ? [] : [{ cluster, ...boxes[i]! }]));
  const groupZoom = readableZoom(named, CLUSTER_GAP);
  if (view !== undefined && view.width > 2 * FIT_PAD && view.height > 2 * FIT_PAD) {
    const [vw, vh] = [view.width - 2 * FIT_PAD, view.height - 2 * FIT_PAD];
    // 2% over, so rounding in the browser never draws a name at 8.9 px.
    const kRead = groupZoom * 1.02;
    if (Math.min(vw / best.width, vh / best.height) < kRead) {
      const narrow = shelves(groupBoxes, Math.max(widest, vw / kRead), GROUP_GAP);
      const k = Math.min(kRead, vw / narrow.width);
      if (narrow.height * k <= MAX_READABLE_SCREENS * vh) [best, fitZoom] = [narrow, k];
    }
    // Too many to name each cluster within a few screens (256 VMs on a phone): name the VM groups
    // readably instead (GroupNames), if every VM and parent device is in one and that takes few enough.
    const frames = groups.flatMap((g, gi) => {
      const vm = model.clusters[g[g.length - 1]!]!;
      return g.length > 1 && vm.kind === 'vm' ? [{ cluster: vm, n: g.length, ...groupBoxes[gi]! }] : [];
    });
    if (fitZoom === 0 && frames.length > 0 && frames.reduce((n, f) => n + f.n, 0) === named.length) {
      const gRead = readableZoom(frames, GROUP_GAP) * 1.02;
      if (Math.min(vw / best.width, vh / best.height) < gRead) {
        const narrow = shelves(groupBoxes, Math.max(widest, vw / gRead), GROUP_GAP);
        const k = Math.min(gRead, vw / narrow.width);
        if (narrow.height * k <= MAX_READABLE_SCREENS * vh) [best, fitZoom] = [narrow, k];
      }
    }
  }
  const groupOf = new Map<number, number>();
  const placedGroups: PlacedGroup[] = [];
  groups.forEach((g, gi) => {
    const o = best.at[gi]!;
    for (const i of g) at[i] = { x: at[i]!.x + o.x, y: at[i]!.y + o.y };
    const vm = model.clusters[g[g.length - 1]!]!;
    if (g.length < 2 || vm.kind !== 'vm') return;
    for (const i of g) groupOf.set(i, placedGroups.length);
    const b = groupBoxes[gi]!;
    placedGroups.push({
      name: vm.name,
      x: o.x,
      y: o.y,
      w: b.w,
      h: b.h,
      clusterIds: g.map((i) => model.clusters[i]!.id),
    });
  });

  const clusters: PlacedCluster[] = [];
  let col1 = 0;
  model.clusters.forEach((cluster, i) => {
    const col0 = col1;
    col1 += frames[i]!.columns.length;
    const group = groupOf.get(i);
    clusters.push({
      cluster,
      ...at[i]!,
      w: boxes[i]!.w,
      h: boxes[i]!.h,
      col0,
      col1,
      ...(group === undefined ? {} : { group }),
    });
  });
  // The nodes, placed in their frames on first use (opening a cluster, Find, focus, keys), all at once.
  let placed: Pick<Layout, 'nodes' | 'byId' | 'columns'> | null = null;
  const place = () => {
    if (placed !== null) return placed;
    const nodes: Placed[] = [];
    const columns: Column[] = [];
    clusters.forEach((c, i) => {
      const at = { x: c.x + CLUSTER_PAD, y: c.y + CLUSTER_TITLE + CLUSTER_PAD, col0: c.col0, cluster: c.cluster.id };
      const l = placeFrame(frames[i]!, model.internal.get(c.cluster.id) ?? [], true, at);
      for (const p of l.nodes) nodes.push(p);
      for (const col of l.columns) columns.push(col);
    });
    placed = { nodes, byId: new Map(nodes.map((p) => [p.node.id, p])), columns };
    return placed;
  };
  return {
    get nodes() {
      return place().nodes;
    },
    get byId() {
      return place().byId;
    },
    get columns() {
      return place().columns;
    },
    width: best.width,
    height: best.height,
    clusters,
    clusterById: new Map(clusters.map((c) => [c.cluster.id, c])),
    fitZoom,
    nodeCount: topo.nodes.length,
    groups: placedGroups,
    // Only a fleet with VM groups has a grouped level.
    groupZoom: placedGroups.length > 0 ? groupZoom : 0,
  };
}
