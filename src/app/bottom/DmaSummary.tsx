/** The last DMA's outcome in one line: where the PA landed (which VM's memory) or which fault. */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectLastDma } from '../../store/selectors.ts';
import { argsOf } from './describe.ts';

export function DmaSummary() {
  const dma = useAppStore(selectLastDma);
  if (dma === null) return null;
  const r = dma.result;
  const target = r['target'] as { vm: string; gpa: string } | null | undefined;
  return (
    <p className="dma-summary" data-testid="dma-summary">
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
      {typeof r['hazard'] === 'object' && r['hazard'] !== null && (
        <span className="dma-hazard" data-testid="dma-hazard"> ⚠ stale IOTLB entry: {String((r['hazard'] as { message?: unknown }).message)}</span>
      )}
    </p>
  );
}
