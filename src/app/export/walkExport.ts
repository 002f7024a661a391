/** The last DMA of the store as input for the pure walk SVG (engine/report/walkSvg.ts). */
import type { EngineState } from '../../engine/index.ts';
import { DARK_WALK_PALETTE, LIGHT_WALK_PALETTE, walkSvg, type WalkSvg } from '../../engine/report/walkSvg.ts';
import type { LastDma, Theme } from '../../store/createAppStore.ts';

/** The walk summary SVG of `dma`, or null when there is no DMA to show. */
export function walkSvgOf(state: EngineState, dma: LastDma | null, theme: Theme): WalkSvg | null {
  if (dma === null) return null;
  const walk = dma.result;
  const mdev = state.mdevs.get(dma.request.device);
  const dev = state.devices.get(mdev ? mdev.parent : dma.request.device);
  const pasid = dma.request.pasid ?? (mdev ? walk.pasid : null);
  const outcome =
    walk.outcome === 'translated'
      ? { pa: walk.pa, iotlb: walk.iotlb, pageSize: walk.pageSize, target: walk.target }
      : { fault: walk.fault, reason: walk.reason };
  return walkSvg(
    {
      iommu: state.platform.iommu,
      device: dma.request.device,
      rid: dev?.rid ?? null,
      pasid,
      iova: dma.request.iova,
      access: dma.request.access,
      addressWidth: state.platform.addressWidth,
      outcome: walk.outcome,
      ...outcome,
      walk: walk.walk,
    },
    theme === 'dark' ? DARK_WALK_PALETTE : LIGHT_WALK_PALETTE,
  );
}
