/**
 * The paths an object lies on, for focus mode and the inspector's "on its paths" lists (issue 11).
 *
 * A path is one chain a DMA request follows, plus what owns or backs each link of it:
 *   requester (mdev → its WQ → its parent, or a device with the WQs its host driver uses)
 *   → PASID entry (RID_PASID 0 for the primary domain, the aux domain's PASID, an iommufd/SVA PASID)
 *   → domain → what backs that domain (its IOASID, the VM whose GPA space it is, its IOAS, its nested
 *     parent, its stage-1 guest table and that table's VM, or its SVA process).
 * Ownership chains that carry no DMA yet (a free WQ, an unattached mdev, an assignment, a domain no
 * device uses, a guest table in its VM) are paths too, so every edge of `topologyOf` lies on one.
 *
 * An object's focus set is the union of the paths it lies on. Because it is a union of shared
 * paths, "A is on B's paths" holds exactly when "B is on A's paths": the relation is symmetric by
 * construction (test/engine/paths.test.ts checks it on random states). Node ids are `topologyOf`'s.
 * The IOMMU itself sits on no path: it would put every object on every other's.
 */
import type { EngineState } from '../model.ts';
import { attachedDomain } from '../ops/dma.ts';
import { nodeIdOf, vmDomainOf } from './topology.ts';

export interface PathIndex {
  /** Every path as a list of topology node ids (a node appears at most once per path). */
  readonly paths: readonly (readonly string[])[];
  /** For each node id, the indices of the paths it lies on. */
  readonly byNode: ReadonlyMap<string, readonly number[]>;
}

const cache = new WeakMap<EngineState, PathIndex>();

/** The paths of a state, indexed by node (memoised per state: states are immutable). */
export function pathIndexOf(state: EngineState): PathIndex {
  const hit = cache.get(state);
  if (hit !== undefined) return hit;
  const index = buildIndex(state);
  cache.set(state, index);
  return index;
}

/** The node ids on `nodeId`'s paths, itself included (alone when it lies on none). */
export function focusSetOf(index: PathIndex, nodeId: string): ReadonlySet<string> {
  const out = new Set<string>([nodeId]);
  for (const i of index.byNode.get(nodeId) ?? []) for (const id of index.paths[i]!) out.add(id);
  return out;
}

/**
 * The topology node id of a selection ref (`vm1`, `dsa0`, `dsa0/wq1`, `dsa0/pasid1`, `iommu`…), or
 * null when it names nothing in the state. Ids are unique across objects (MODEL.md).
 */
export function nodeIdOfRef(state: EngineState, ref: string): string | null {
  if (ref === 'iommu') return 'iommu';
  const sub = /^(.+)\/(wq|pasid)(\d+)$/.exec(ref);
  if (sub !== null && state.devices.has(sub[1]!)) {
    const n = Number(sub[3]);
    return sub[2] === 'wq' ? nodeIdOf.wq(sub[1]!, n) : nodeIdOf.pasid(sub[1]!, n);
  }
  if (state.devices.has(ref)) return nodeIdOf.device(ref);
  if (state.mdevs.has(ref)) return nodeIdOf.mdev(ref);
  if (state.domains.has(ref)) return nodeIdOf.domain(ref);
  if (state.vms.has(ref)) return nodeIdOf.vm(ref);
  if (state.ioasids.has(ref)) return nodeIdOf.ioasid(ref);
  if (state.ioas.has(ref)) return nodeIdOf.ioas(ref);
  if (state.guestTables.has(ref)) return nodeIdOf.guestTable(ref);
  if (state.processes.has(ref)) return nodeIdOf.process(ref);
  return null;
}

/** The focus set of a selection ref: null when the ref names nothing (nothing to focus on). */
export function focusSetOfRef(state: EngineState, ref: string | null): ReadonlySet<string> | null {
  const id = ref === null ? null : nodeIdOfRef(state, ref);
  return id === null ? null : focusSetOf(pathIndexOf(state), id);
}

function buildIndex(state: EngineState): PathIndex {
  // What backs each domain, gathered once (a VM's GPA domain, IOASIDs) so a path is built in O(its length).
  const ioasidsOf = new Map<string, string[]>();
  for (const io of state.ioasids.values()) push(ioasidsOf, io.domain, nodeIdOf.ioasid(io.id));
  const vmsOf = new Map<string, string[]>();
  for (const vm of state.vms.values()) {
    const dom = vmDomainOf(state, vm.id);
    if (dom !== null) push(vmsOf, dom, nodeIdOf.vm(vm.id));
  }

  /** A domain and everything behind it; follows nested parents (a cycle cannot happen, but is guarded). */
  const backing = (domain: string, out: string[] = [], seen = new Set<string>()): string[] => {
    const dom = state.domains.get(domain);
    if (dom === undefined || seen.has(domain)) return out;
    seen.add(domain);
    out.push(nodeIdOf.domain(domain), ...(ioasidsOf.get(domain) ?? []), ...(vmsOf.get(domain) ?? []));
    if (dom.hwpt?.ioas) out.push(nodeIdOf.ioas(dom.hwpt.ioas));
    const owner = dom.stage1?.owner;
    if (owner !== undefined) {
      const table = state.guestTables.get(owner);
      if (table !== undefined) out.push(nodeIdOf.guestTable(owner), nodeIdOf.vm(table.vm));
      else if (state.processes.has(owner)) out.push(nodeIdOf.process(owner));
    }
    if (dom.hwpt?.parent) backing(dom.hwpt.parent, out, seen);
    return out;
  };

  const paths: string[][] = [];
  const add = (ids: readonly string[]) => paths.push([...new Set(ids)]);

  for (const dev of state.devices.values()) {
    const d = nodeIdOf.device(dev.id);
    // Ownership: each WQ (and the mdev on it) with its device; an assignment with its VM.
    dev.wqs.forEach((use, wq) =>
      add([d, nodeIdOf.wq(dev.id, wq), ...(use.by === 'mdev' ? [nodeIdOf.mdev(use.mdev)] : [])]),
    );
    if (dev.vm !== null) add([d, nodeIdOf.vm(dev.vm)]);
    // The primary domain, reached without a PASID (RID_PASID 0); the host driver's WQs use it.
    if (dev.primary !== null) {
      const hostWqs = dev.wqs.flatMap((use, wq) => (use.by === 'host' ? [nodeIdOf.wq(dev.id, wq)] : []));
      add([...hostWqs, d, nodeIdOf.pasid(dev.id, 0), ...backing(dev.primary)]);
    }
  }
  for (const m of state.mdevs.values()) {
    if (m.vm !== null)
      add([nodeIdOf.mdev(m.id), nodeIdOf.wq(m.parent, m.wq), nodeIdOf.device(m.parent), nodeIdOf.vm(m.vm)]);
  }
  // Aux attachments (topology draws their PASID node only once the domain has its PASID).
  for (const a of state.aux) {
    const pasid = state.domains.get(a.domain)?.auxPasid;
    if (pasid === null || pasid === undefined) continue;
    const requester = [
      ...(a.mdev !== null ? [nodeIdOf.mdev(a.mdev)] : []),
      ...(a.wq !== null ? [nodeIdOf.wq(a.device, a.wq)] : []),
    ];
    add([...requester, nodeIdOf.device(a.device), nodeIdOf.pasid(a.device, pasid), ...backing(a.domain)]);
  }
  // iommufd PASID attachments and SVA binds: the device at that PASID.
  for (const a of state.pasidAttach)
    add([nodeIdOf.device(a.device), nodeIdOf.pasid(a.device, a.pasid), ...backing(a.domain)]);
  // Each WQ's own path: its DMA carries the PASID last programmed into it (dma.ts), so a WQ whose
  // PASID was freed and handed to another domain reaches that domain. One path per WQ, so an mdev's
  // siblings behind the same PASID entry are on the entry's paths, not on each other's.
  // attachedDomain over each device's own attachments only (a fleet has thousands: O(n²) otherwise).
  const auxOf = new Map<string, (typeof state.aux)[number][]>();
  for (const a of state.aux) push(auxOf, a.device, a);
  const pasidOf = new Map<string, (typeof state.pasidAttach)[number][]>();
  for (const a of state.pasidAttach) push(pasidOf, a.device, a);
  for (const dev of state.devices.values()) {
    const own = { aux: auxOf.get(dev.id) ?? [], pasidAttach: pasidOf.get(dev.id) ?? [], domains: state.domains };
    dev.wqPasid.forEach((pasid, wq) => {
      const domain = pasid === null ? null : attachedDomain(own, dev, pasid);
      if (pasid === null || domain === null) return;
      const use = dev.wqs[wq];
      const mdev = use?.by === 'mdev' ? [nodeIdOf.mdev(use.mdev)] : [];
      add([
        ...mdev,
        nodeIdOf.wq(dev.id, wq),
        nodeIdOf.device(dev.id),
        nodeIdOf.pasid(dev.id, pasid),
        ...backing(domain),
      ]);
    });
  }
  // A domain with what backs it, even when no device uses it yet (a VM's GPA space before any assign).
  for (const dom of state.domains.values()) add(backing(dom.id));
  for (const g of state.guestTables.values()) add([nodeIdOf.guestTable(g.id), nodeIdOf.vm(g.vm)]);

  const byNode = new Map<string, number[]>();
  paths.forEach((p, i) => {
    for (const id of p) push(byNode, id, i);
  });
  return { paths, byNode };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

/**
 * The physical devices on a selection's paths, in state order: whose root/context/PASID entries
 * concern it (a VM's parents and pdevs, a domain's attached devices, an mdev's parent, the device
 * itself). Null when the selection names nothing or is the IOMMU (every device concerns it).
 */
export function devicesOnPaths(state: EngineState, ref: string | null): string[] | null {
  if (ref === 'iommu') return null;
  const set = focusSetOfRef(state, ref);
  if (set === null) return null;
  return [...state.devices.keys()].filter((id) => set.has(nodeIdOf.device(id)));
}
