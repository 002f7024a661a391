/** The nodes a traced DMA went through (device → PASID → domain → VM), for highlighting. Pure. */
import type { EngineState } from '../../engine/index.ts';
import { nodeIdOf } from '../../engine/inspect/topology.ts';
import type { LastDma } from '../../store/createAppStore.ts';

export function dmaPathNodes(state: EngineState, dma: LastDma | null): Set<string> {
  const out = new Set<string>();
  if (dma === null) return out;
  const r = dma.result;
  const mdev = state.mdevs.get(dma.request.device);
  const device = mdev ? mdev.parent : dma.request.device;
  if (mdev) {
    out.add(nodeIdOf.mdev(mdev.id));
    out.add(nodeIdOf.wq(mdev.parent, mdev.wq));
  }
  out.add(nodeIdOf.device(device));
  out.add(nodeIdOf.pasid(device, r.pasid));
  if (r.outcome === 'translated') {
    if (r.domain !== null) out.add(nodeIdOf.domain(r.domain));
    if (r.target) out.add(nodeIdOf.vm(r.target.vm));
  }
  return out;
}
