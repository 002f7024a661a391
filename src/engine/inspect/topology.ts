/**
 * The attachment graph of an engine state, as plain data for the UI: one node per object (and per
 * WQ and per (device, PASID) entry) and typed edges between them. Pure and deterministic: the
 * order of nodes follows the state's insertion order.
 */
import type { EngineState } from '../model.ts';

export type TopoNodeKind = 'iommu' | 'device' | 'wq' | 'mdev' | 'pasid' | 'domain' | 'ioasid' | 'vm';
export type TopoEdgeKind = 'owns' | 'assigned' | 'primary' | 'aux' | 'backs';

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
  vm: (id: string) => `vm:${id}`,
};

const hex = (n: number) => `0x${n.toString(16)}`;
const GIB = 2 ** 30;
const MIB = 2 ** 20;
const size = (b: number) => (b % GIB === 0 ? `${b / GIB} GiB` : b % MIB === 0 ? `${b / MIB} MiB` : `${b / 1024} KiB`);

/** The domain backing a VM's GPA space (`<vm>.gpa`), if it exists. */
export function vmDomainOf(state: EngineState, vm: string): string | null {
  return state.ioasids.get(`${vm}.gpa`)?.domain ?? null;
}

/** Build the attachment graph of a state. */
export function topologyOf(state: EngineState): Topology {
  const nodes: TopoNode[] = [];
  const edges: TopoEdge[] = [];
  const seen = new Set<string>();
  const edge = (kind: TopoEdgeKind, source: string, target: string, label: string | null = null) => {
    const id = `${kind}:${source}->${target}`;
    if (seen.has(id)) return;
    seen.add(id);
    edges.push({ id, kind, source, target, label });
  };

  nodes.push({ id: 'iommu', kind: 'iommu', ref: 'iommu', label: 'VT-d IOMMU', detail: `scalable mode, ${state.platform.addressWidth}-bit`, colorKey: null });

  const vmColor = (vm: string | null) => (vm === null ? null : (vmDomainOf(state, vm) ?? vm));

  for (const dev of state.devices.values()) {
    const id = nodeIdOf.device(dev.id);
    nodes.push({ id, kind: 'device', ref: dev.id, label: dev.id, detail: `${dev.bdf} rid ${hex(dev.rid)}`, colorKey: vmColor(dev.vm) });
    if (dev.kind === 'parent') {
      dev.wqs.forEach((use, i) => {
        const wqId = nodeIdOf.wq(dev.id, i);
        const detail = use.by === 'mdev' ? `mdev ${use.mdev}` : use.by;
        nodes.push({ id: wqId, kind: 'wq', ref: `${dev.id}/wq${i}`, label: `WQ ${i}`, detail, colorKey: null });
        edge('owns', id, wqId);
      });
    }
    if (dev.vm !== null) edge('assigned', id, nodeIdOf.vm(dev.vm));
  }

  for (const m of state.mdevs.values()) {
    const id = nodeIdOf.mdev(m.id);
    nodes.push({ id, kind: 'mdev', ref: m.id, label: m.id, detail: `${m.parent} WQ ${m.wq}`, colorKey: vmColor(m.vm) });
    edge('owns', nodeIdOf.wq(m.parent, m.wq), id);
    if (m.vm !== null) edge('assigned', id, nodeIdOf.vm(m.vm));
  }

  // PASID entries: RID_PASID (0) of every primary attach, then each aux attachment's PASID.
  const pasidNodes = new Set<string>();
  const addPasid = (device: string, pasid: number, domain: string) => {
    const id = nodeIdOf.pasid(device, pasid);
    if (pasidNodes.has(id)) return id;
    pasidNodes.add(id);
    const label = pasid === 0 ? 'RID_PASID 0' : `PASID ${pasid}`;
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
    edge('aux', nodeIdOf.device(a.device), p, `PASID ${pasid}`);
    edge('aux', p, nodeIdOf.domain(a.domain));
  }

  for (const dom of state.domains.values()) {
    const did = dom.did === null ? 'no DID' : `DID ${dom.did}`;
    nodes.push({ id: nodeIdOf.domain(dom.id), kind: 'domain', ref: dom.id, label: dom.id, detail: `${dom.type} ${did}`, colorKey: dom.id });
  }

  for (const io of state.ioasids.values()) {
    const id = nodeIdOf.ioasid(io.id);
    nodes.push({ id, kind: 'ioasid', ref: io.id, label: io.id, detail: 'IOASID', colorKey: io.domain });
    edge('backs', id, nodeIdOf.domain(io.domain));
  }

  for (const vm of state.vms.values()) {
    const id = nodeIdOf.vm(vm.id);
    const dom = vmDomainOf(state, vm.id);
    nodes.push({ id, kind: 'vm', ref: vm.id, label: vm.id, detail: `${size(vm.memory)} at ${hex(vm.hpa)}`, colorKey: dom ?? vm.id });
    if (dom !== null) edge('backs', nodeIdOf.domain(dom), id, 'GPA space');
  }

  return { nodes, edges };
}
