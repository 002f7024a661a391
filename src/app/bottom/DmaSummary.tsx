/**
 * The last DMA in the tab bar: its outcome first (the PA and which VM's memory, or which fault, and
 * IOTLB hit or miss), never cut; then the request, which shortens (…) when the bar is narrow.
 */
import { describeOf, hex } from '../../engine/index.ts';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastDma } from '../../store/selectors.ts';
import { hazardLabel } from '../review/invalidationRows.ts';
import { argsOf } from './describe.ts';

export function DmaSummary() {
  const dma = useAppStore(selectLastDma);
  const iommu = useAppStore((s) => selectEngineState(s).platform.iommu);
  if (dma === null) return null;
  const r = dma.result;
  const hazardInfo = r.hazard;
  const hazard = hazardInfo?.message;
  const iotlb = r.outcome === 'translated' ? ` · ${describeOf(iommu).iotlbName} ${r.iotlb}` : '';
  const request = `dma ${argsOf(dma.request)}`;
  return (
    <p className="dma-summary" data-testid="dma-summary">
      {hazard && (
        <span className="dma-hazard" data-testid="dma-hazard" title={hazard}>
          ⚠ {hazardLabel(hazardInfo?.kind, iommu)}
          <span className="review-sr">: {hazard}</span>
        </span>
      )}
      {r.outcome === 'translated' ? (
        <span className="dma-outcome is-ok">
          ✓ PA <code data-testid="dma-pa">{hex(r.pa)}</code>
          {r.target ? (
            <>
              {' '}
              in <strong data-testid="dma-vm">{r.target.vm}</strong> GPA {hex(r.target.gpa)}
            </>
          ) : (
            ' host memory'
          )}
          {iotlb}
        </span>
      ) : (
        <span className="dma-outcome is-fault">
          ✗ fault <strong data-testid="dma-fault">{r.fault}</strong>
          {iotlb}
        </span>
      )}
      <span className="dma-request" title={request}>
        {' '}
        ← {request}
      </span>
    </p>
  );
}
