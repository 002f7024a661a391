/**
 * The objects on a selected object's paths (paths.ts), grouped by kind for the inspector's lists:
 * a VM's domain, IOASID, PASID entries, mdevs, WQs and parent devices; a device's VMs; a domain's
 * devices, PASIDs and VMs. Pure; the inspector only renders the groups.
 */
import type { EngineState } from '../model.ts';
import { focusSetOfRef } from './paths.ts';
import { topologyOf, type TopoNode, type TopoNodeKind } from './topology.ts';

export interface RelatedItem {
  /** The topology node id (what the graph centres on). */
  readonly nodeId: string;
  /** The selection ref (what selecting it stores). */
  readonly ref: string;
  readonly label: string;
  readonly detail: string;
}

export interface RelatedGroup {
  readonly kind: TopoNodeKind;
  readonly title: string;
  readonly items: readonly RelatedItem[];
}

/** Group order and titles: from the guest side down to the hardware, as a VM's path reads. */
const GROUPS: readonly (readonly [TopoNodeKind, string])[] = [
  ['vm', 'VMs'],
  ['ioasid', 'IOASIDs'],
  ['domain', 'Domains'],
  ['nested', 'Nested HWPTs'],
  ['ioas', 'IOASes'],
  ['guest-table', 'Guest tables'],
  ['process', 'Processes'],
  ['pasid', 'PASID entries'],
  ['mdev', 'mdevs'],
  ['wq', 'WQs'],
  ['device', 'Devices'],
];

const nodesCache = new WeakMap<EngineState, readonly TopoNode[]>();
function nodesOf(state: EngineState): readonly TopoNode[] {
  let nodes = nodesCache.get(state);
  if (nodes === undefined) {
    nodes = topologyOf(state).nodes;
    nodesCache.set(state, nodes);
  }
  return nodes;
}

/**
 * The objects on `ref`'s paths other than itself, grouped by kind in graph order; empty when it lies
 * on no path or names nothing.
 */
export function relatedOf(state: EngineState, ref: string | null): RelatedGroup[] {
  const set = focusSetOfRef(state, ref);
  if (set === null || set.size <= 1) return [];
  const byKind = new Map<TopoNodeKind, RelatedItem[]>();
  for (const n of nodesOf(state)) {
    if (!set.has(n.id) || n.ref === ref) continue;
    const item: RelatedItem = {
      nodeId: n.id,
      ref: n.ref,
      label: n.kind === 'pasid' ? `${n.detail} ${n.label}` : n.label,
      detail: n.kind === 'pasid' ? '' : n.detail,
    };
    const list = byKind.get(n.kind);
    if (list === undefined) byKind.set(n.kind, [item]);
    else list.push(item);
  }
  return GROUPS.flatMap(([kind, title]) => {
    const items = byKind.get(kind);
    return items === undefined ? [] : [{ kind, title, items }];
  });
}
