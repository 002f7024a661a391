/**
 * The last DMA in the tab bar: its outcome first (the PA and which VM's memory, or which fault, and
 * IOTLB hit or miss), never cut; then the request, which shortens (…) when the bar is narrow.
 */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastDma } from '../../store/selectors.ts';
import { hazardLabel } from '../review/invalidationRows.ts';
import { argsOf } from './describe.ts';

export function DmaSummary() {
  const dma = useAppStore(selectLastDma);
  const iommu = useAppStore((s) => selectEngineState(s).platform.iommu);
  if (dma === null) return null;
  const r = dma.result;
  const target = r['target'] as { vm: string; gpa: string } | null | undefined;
  const hazardInfo = r['hazard'] as { kind?: string; message?: string } | undefined;
  const hazard = hazardInfo?.message;
  const iotlb = typeof r['iotlb'] === 'string' ? ` · ${iommu === 'smmuv3' ? 'TLB' : 'IOTLB'} ${r['iotlb']}` : '';
  const request = `dma ${argsOf(dma.request)}`;
  return (
    <p className="dma-summary" data-testid="dma-summary">
      {hazard && (
        <span className="dma-hazard" data-testid="dma-hazard" title={hazard}>
          ⚠ {hazardLabel(hazardInfo?.kind, iommu)}
          <span className="review-sr">: {hazard}</span>
        </span>
      )}
      {r['outcome'] === 'translated' ? (
        <span className="dma-outcome is-ok">
          ✓ PA <code data-testid="dma-pa">{String(r['pa'])}</code>
          {target ? (
            <>
              {' '}
              in <strong data-testid="dma-vm">{target.vm}</strong> GPA {target.gpa}
            </>
          ) : (
            ' host memory'
          )}
          {iotlb}
        </span>
      ) : (
        <span className="dma-outcome is-fault">
          ✗ fault <strong data-testid="dma-fault">{String(r['fault'])}</strong>
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
