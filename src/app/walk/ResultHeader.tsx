/**
 * The walk's outcome, first: where the DMA landed (the PA, and the VM's GPA when the result names a
 * target) or which fault and why in plain words, with a link to the read where the walk stopped;
 * IOTLB hit or miss; page size. Renders the `dma` result as the engine gave it (MODEL.md).
 */
import { describeOf, faultTextOf, hex, type IommuKind } from '../../engine/index.ts';
import { faultExplanation, pageSizeLabel, structureLabel } from './labels.ts';
import type { WalkResult } from './result.ts';

export interface ResultHeaderProps {
  readonly result: WalkResult;
  /** Whose words to use: every IOMMU names its reasons itself (no default, so no silent VT-d wording). */
  readonly iommu: IommuKind;
  /** Move the walk to step `index` (0-based); the fault's "go to the failing read" link calls it. */
  readonly onGoTo?: (index: number) => void;
}

/** The recorded code in the IOMMU's words: VT-d's fault reason, SMMUv3's event id, AMD-Vi's event code, with what the kernel prints. */
function reasonText(reason: number, iommu: IommuKind): string {
  return `${describeOf(iommu).reasonName} ${hex(reason)}: ${faultTextOf(iommu).reason(reason)}`;
}

export function ResultHeader({ result, iommu, onGoTo }: ResultHeaderProps) {
  const facts =
    result.outcome === 'translated' ? (
      <>
        <span className={`walk-chip iotlb-${result.iotlb}`} data-testid="result-iotlb">
          IOTLB {result.iotlb}
        </span>
        <span className="walk-chip">{pageSizeLabel(result.pageSize)} page</span>
      </>
    ) : null;
  if (result.outcome === 'fault') {
    const fault = result.fault;
    const last = result.walk.length - 1;
    const failing = result.walk[last];
    return (
      <header className="walk-result is-fault" data-testid="walk-result" aria-label="Result">
        <p className="walk-result-main">
          <span aria-hidden="true">✗ </span>
          Fault{' '}
          <strong className="mono" data-testid="result-fault">
            {fault}
          </strong>
          {result.reason !== undefined && <span className="walk-reason"> · {reasonText(result.reason, iommu)}</span>}
          {result.recorded !== false && result.stage2 !== undefined && (
            <span className="walk-reason" data-testid="result-stage2">
              {' '}
              · stage 2 (S2 = 1) at IPA <span className="mono">{hex(result.stage2.ipa)}</span>, {result.stage2.class}
            </span>
          )}
        </p>
        <p className="walk-result-why">{faultExplanation(fault, iommu)}</p>
        <p className="walk-result-facts">
          {facts}
          {failing !== undefined && onGoTo ? (
            <button type="button" className="linklike" data-testid="goto-failing-read" onClick={() => onGoTo(last)}>
              Go to the failing read (step {last + 1}: {structureLabel(failing.structure, iommu)})
            </button>
          ) : (
            failing === undefined && <span className="muted">refused before any table read</span>
          )}
        </p>
      </header>
    );
  }
  return (
    <header className="walk-result is-ok" data-testid="walk-result" aria-label="Result">
      <p className="walk-result-main">
        <span aria-hidden="true">✓ </span>
        Translated to PA{' '}
        <strong className="mono" data-testid="result-pa">
          {hex(result.pa)}
        </strong>
        {result.target ? (
          <>
            {' '}
            in <strong data-testid="result-vm">{result.target.vm}</strong>’s memory at GPA{' '}
            <span className="mono">{hex(result.target.gpa)}</span>
          </>
        ) : (
          <span className="muted"> (host memory)</span>
        )}
      </p>
      <p className="walk-result-facts">
        {facts}
        {result.domain ? (
          <span className="muted">
            through {result.domain}
            {`, PASID ${result.pasid}`}
          </span>
        ) : null}
      </p>
    </header>
  );
}
