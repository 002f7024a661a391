/** The last DMA's outcome in one line: where the PA landed (which VM's memory) or which fault. */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectLastDma } from '../../store/selectors.ts';
import { hazardLabel } from '../review/invalidationRows.ts';
import { argsOf } from './describe.ts';

export function DmaSummary() {
  const dma = useAppStore(selectLastDma);
  if (dma === null) return null;
  const r = dma.result;
  const target = r['target'] as { vm: string; gpa: string } | null | undefined;
  // One ellipsised line: the stale-IOTLB flag goes first, its message in the tooltip (and the Invalidations tab).
  const hazardInfo = r['hazard'] as { kind?: string; message?: string } | undefined;
  const hazard = hazardInfo?.message;
  return (
    <p className="dma-summary" data-testid="dma-summary">
      {hazard && (
        <>
          <span className="dma-hazard" data-testid="dma-hazard" title={hazard}>
            ⚠ {hazardLabel(hazardInfo?.kind)}<span className="review-sr">: {hazard}</span>
          </span>{' '}
        </>
      )}
      <strong>dma</strong> {argsOf(dma.request)} →{' '}
      {r['outcome'] === 'translated' ? (
        <>
          PA <code data-testid="dma-pa">{String(r['pa'])}</code> via PASID {String(r['pasid'])} in {String(r['domain'])}
          {target ? (
            <>
              {' '}
              — lands in <strong data-testid="dma-vm">{target.vm}</strong> memory at GPA {target.gpa}
            </>
          ) : (
            ' — host memory'
          )}
        </>
      ) : (
        <>
          fault <strong data-testid="dma-fault">{String(r['fault'])}</strong>
        </>
      )}
    </p>
  );
}
