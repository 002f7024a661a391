/**
 * The attachment graph of an engine state, as plain data for the UI: one node per object (and per
 * WQ and per (device, PASID) entry) and typed edges between them. Pure and deterministic: the
 * order of nodes follows the state's insertion order.
 */
import { describePlatform } from '../iommu/registry.ts';
import type { Domain, EngineState } from '../model.ts';
import { wqNamer } from './reach.ts';

export type TopoNodeKind =
  | 'iommu'
  | 'device'
  | 'wq'
  | 'mdev'
  | 'pasid'
  | 'nested'
  | 'domain'
  | 'ioasid'
  | 'ioas'
  | 'process'
  | 'guest-table'
  | 'vm';
/**
 * `pasid`: an iommufd/SVA PASID attachment (device → PASID → domain); `parent`: a nested HWPT → its
 * NEST_PARENT; `stage1`: a nested HWPT → its guest table, an SVA domain → its process.
 */
export type TopoEdgeKind = 'owns' | 'assigned' | 'primary' | 'aux' | 'backs' | 'pasid' | 'parent' | 'stage1';

export interface TopoNode {
  /** Unique node id (`kind:...`). */
  readonly id: string;
  readonly kind: TopoNodeKind;
  /** The id the rest of the app selects by: an object id, or `dsa0/wq1`, `dsa0/pasid1`, `iommu`. */
  readonly ref: string;
  readonly label: string;
  /** Second line: BDF and RID, domain type and DID, WQ use, memory… */
  readonly detail: string;
  /** The domain whose colour the node wears (VMs, PASIDs, assigned mdevs), if any. */
  readonly colorKey: string | null;
}

export interface TopoEdge {
  readonly id: string;
  readonly kind: TopoEdgeKind;
  readonly source: string;
  readonly target: string;
  readonly label: string | null;
}

export interface Topology {
  readonly nodes: readonly TopoNode[];
  readonly edges: readonly TopoEdge[];
}

export const nodeIdOf = {
  device: (id: string) => `device:${id}`,
  wq: (device: string, wq: number) => `wq:${device}/${wq}`,
  mdev: (id: string) => `mdev:${id}`,
  pasid: (device: string, pasid: number) => `pasid:${device}/${pasid}`,
  domain: (id: string) => `domain:${id}`,
  ioasid: (id: string) => `ioasid:${id}`,
  ioas: (id: string) => `ioas:${id}`,
  process: (id: string) => `process:${id}`,
  guestTable: (id: string) => `guest-table:${id}`,
  vm: (id: string) => `vm:${id}`,
};

/** The kind of HWPT a domain is, for its node: paging, auto, NEST_PARENT or nested; null for other domains. */
export function hwptKind(dom: Domain): string | null {
  const h = dom.hwpt;
  if (h === null) return null;
  if (h.parent !== null) return 'nested';
  if (h.nestParent) return 'NEST_PARENT';
  return h.auto ? 'auto' : 'paging';
}

const hex = (n: number) => `0x${n.toString(16)}`;
const GIB = 2 ** 30;
const MIB = 2 ** 20;
const size = (b: number) => (b % GIB === 0 ? `${b / GIB} GiB` : b % MIB === 0 ? `${b / MIB} MiB` : `${b / 1024} KiB`);

/** The domain backing a VM's GPA space (`<vm>.gpa`), if it exists. */
export function vmDomainOf(state: EngineState, vm: string): string | null {
  return state.ioasids.get(`${vm}.gpa`)?.domain ?? null;
}

/** States are immutable: one topology per state, shared by the graph, the inspector and find. */
const cache = new WeakMap<EngineState, Topology>();

/**
 * What a topology is built from: a state's fields that buildTopology reads. A command copies what it
 * changes (engine/cow.ts; a replay's in-place writes never reach a state once it is kept), so a new
 * state holding these same objects has the same graph.
 */
function inputsOf(state: EngineState) {
  const { platform, devices, mdevs, vms, domains, ioasids, aux, ioas, guestTables, processes, pasidAttach } = state;
  return [platform, devices, mdevs, vms, domains, ioasids, aux, ioas, guestTables, processes, pasidAttach] as const;
}

/**
 * The last topology built from each devices map, with its other inputs: a DMA, an unmap or a cache
 * flush makes a new state of the same objects, and at 256 VMs × 16 mdevs rebuilding the graph for
 * it (topology, clusters, layout) was ~65 ms of each such command in the workbench.
 */
const byInputs = new WeakMap<object, { readonly inputs: ReturnType<typeof inputsOf>; readonly topo: Topology }>();

/** Build the attachment graph of a state (memoised per state and across states of the same objects; linear in its objects). */
export function topologyOf(state: EngineState): Topology {
  let topo = cache.get(state);
  if (topo === undefined) {
    const inputs = inputsOf(state);
    const same = byInputs.get(state.devices);
    topo = same !== undefined && inputs.every((x, i) => x === same.inputs[i]) ? same.topo : buildTopology(state);
    byInputs.set(state.devices, { inputs, topo });
    cache.set(state, topo);
  }
  return topo;
}

/** The graph built afresh, without the memo (topologyOf; exported for the test that checks the memo). */
export function buildTopology(state: EngineState): Topology {
  const wqName = wqNamer(state);
  const nodes: TopoNode[] = [];
  const edges: TopoEdge[] = [];
  const seen = new Set<string>();
  const edge = (kind: TopoEdgeKind, source: string, target: string, label: string | null = null) => {
    const id = `${kind}:${source}->${target}`;
    if (seen.has(id)) return;
    seen.add(id);
    edges.push({ id, kind, source, target, label });
  };

  // The unit's node and each domain's tag in the IOMMU's own words (its describe record, as configured).
  const words = describePlatform(state.platform);
  nodes.push({
    id: 'iommu',
    kind: 'iommu',
    ref: 'iommu',
    label: words.unitNode.label,
    detail: `${words.unitNode.mode}, ${state.platform.addressWidth}-bit`,
    colorKey: null,
  });

  const vmColor = (vm: string | null) => (vm === null ? null : (vmDomainOf(state, vm) ?? vm));

  for (const dev of state.devices.values()) {
    const id = nodeIdOf.device(dev.id);
    const detail = dev.devId === null ? `${dev.bdf} rid ${hex(dev.rid)}` : `iommufd dev_id ${dev.devId}`;
    nodes.push({ id, kind: 'device', ref: dev.id, label: dev.id, detail, colorKey: vmColor(dev.vm) });
    if (dev.kind === 'parent') {
      dev.wqs.forEach((use, i) => {
        const wqId = nodeIdOf.wq(dev.id, i);
        const detail = use.by === 'mdev' ? `mdev ${use.mdev}` : use.by;
        nodes.push({
          id: wqId,
          kind: 'wq',
          ref: `${dev.id}/wq${i}`,
          label: wqName(dev.id, i),
          detail,
          colorKey: null,
        });
        edge('owns', id, wqId);
      });
    }
    if (dev.vm !== null) edge('assigned', id, nodeIdOf.vm(dev.vm));
  }

  for (const m of state.mdevs.values()) {
    const id = nodeIdOf.mdev(m.id);
    nodes.push({
      id,
      kind: 'mdev',
      ref: m.id,
      label: m.id,
      detail: `on ${wqName(m.parent, m.wq)}`,
      colorKey: vmColor(m.vm),
    });
    edge('owns', nodeIdOf.wq(m.parent, m.wq), id);
    if (m.vm !== null) edge('assigned', id, nodeIdOf.vm(m.vm));
  }

  // PASID entries: the untagged one (VT-d's RID_PASID 0) of every primary attach, then each aux
  // attachment's PASID, in the IOMMU's words (an SMMUv3 SubstreamID is an SSID).
  const pasidNodes = new Set<string>();
  const tagged = (pasid: number) => `${words.tag.short} ${pasid}`;
  const addPasid = (device: string, pasid: number, domain: string) => {
    const id = nodeIdOf.pasid(device, pasid);
    if (pasidNodes.has(id)) return id;
    pasidNodes.add(id);
    const label = pasid === 0 ? words.untaggedNode : tagged(pasid);
    nodes.push({ id, kind: 'pasid', ref: `${device}/pasid${pasid}`, label, detail: device, colorKey: domain });
    return id;
  };
  for (const dev of state.devices.values()) {
    if (dev.primary === null) continue;
    const p = addPasid(dev.id, 0, dev.primary);
    edge('primary', nodeIdOf.device(dev.id), p);
    edge('primary', p, nodeIdOf.domain(dev.primary));
  }
  for (const a of state.aux) {
    const pasid = state.domains.get(a.domain)?.auxPasid;
    if (pasid === null || pasid === undefined) continue;
    const p = addPasid(a.device, pasid, a.domain);
    edge('aux', nodeIdOf.device(a.device), p, tagged(pasid));
    edge('aux', p, nodeIdOf.domain(a.domain));
  }

  // PASID attachments made through iommufd (deviceAttach with a pasid) and SVA binds.
  for (const a of state.pasidAttach) {
    const p = addPasid(a.device, a.pasid, a.domain);
    edge('pasid', nodeIdOf.device(a.device), p, tagged(a.pasid));
    edge('pasid', p, nodeIdOf.domain(a.domain));
  }

  const tagName = words.domainTag;
  for (const dom of state.domains.values()) {
    const tag = dom.did === null ? `no ${tagName}` : `${tagName} ${dom.did}`;
    const hk = hwptKind(dom);
    const id = nodeIdOf.domain(dom.id);
    // HWPTs: the tag first, so it survives when the detail line is shortened (NEST_PARENT is long).
    const detail = hk !== null ? `${tag} ${hk}` : `${dom.type} ${tag}`;
    nodes.push({
      id,
      kind: hk === 'nested' ? 'nested' : 'domain',
      ref: dom.id,
      label: dom.id,
      detail,
      colorKey: dom.id,
    });
    if (dom.hwpt?.ioas) edge('backs', id, nodeIdOf.ioas(dom.hwpt.ioas), 'IOAS');
    if (dom.hwpt?.parent) edge('parent', id, nodeIdOf.domain(dom.hwpt.parent), 'parent');
    if (dom.stage1 !== null) {
      if (state.guestTables.has(dom.stage1.owner)) edge('stage1', id, nodeIdOf.guestTable(dom.stage1.owner), 'stage 1');
      else if (state.processes.has(dom.stage1.owner)) edge('stage1', id, nodeIdOf.process(dom.stage1.owner), 'SVA');
    }
  }

  for (const io of state.ioas.values()) {
    const n = io.areas.length;
    nodes.push({
      id: nodeIdOf.ioas(io.id),
      kind: 'ioas',
      ref: io.id,
      label: io.id,
      detail: `IOAS #${io.objId} · ${n} area${n === 1 ? '' : 's'}`,
      colorKey: null,
    });
  }
  for (const g of state.guestTables.values()) {
    const id = nodeIdOf.guestTable(g.id);
    nodes.push({ id, kind: 'guest-table', ref: g.id, label: g.id, detail: `root GPA ${hex(g.root)}`, colorKey: null });
    edge('owns', id, nodeIdOf.vm(g.vm), 'in guest RAM');
  }
  for (const pr of state.processes.values()) {
    const detail = pr.pasid === null ? `process, root ${hex(pr.root)}` : `process, PASID ${pr.pasid}`;
    nodes.push({ id: nodeIdOf.process(pr.id), kind: 'process', ref: pr.id, label: pr.id, detail, colorKey: null });
  }

  for (const io of state.ioasids.values()) {
    const id = nodeIdOf.ioasid(io.id);
    nodes.push({ id, kind: 'ioasid', ref: io.id, label: io.id, detail: 'IOASID', colorKey: io.domain });
    edge('backs', id, nodeIdOf.domain(io.domain));
  }

  for (const vm of state.vms.values()) {
    const id = nodeIdOf.vm(vm.id);
    const dom = vmDomainOf(state, vm.id);
    nodes.push({
      id,
      kind: 'vm',
      ref: vm.id,
      label: vm.id,
      detail: `${size(vm.memory)} at ${hex(vm.hpa)}`,
      colorKey: dom ?? vm.id,
    });
    if (dom !== null) edge('backs', nodeIdOf.domain(dom), id, 'GPA space');
  }

  return { nodes, edges };
}
