import { faultExplanation, pageSizeLabel } from './labels.ts';
import type { WalkResult } from './result.ts';

export interface OutcomePanelProps {
  readonly result: WalkResult;
  readonly iommu?: 'vtd' | 'smmuv3' | 'amd-vi';
}

const TAG = { vtd: 'DID', smmuv3: 'ASID', 'amd-vi': 'DomainID' } as const;
const REASON = { vtd: 'reason code', smmuv3: 'SMMU event', 'amd-vi': 'AMD-Vi event' } as const;

/** The end of the walk: the translated address (and whose RAM it lands in), or the fault. */
export function OutcomePanel({ result, iommu = 'vtd' }: OutcomePanelProps) {
  if (result.outcome === 'fault') {
    const fault = result.fault;
    return (
      <section className="walk-outcome is-fault" aria-label="Outcome">
        <h3>
          Fault: <span className="mono">{fault}</span>
          {result.reason ? (
            <span className="walk-reason">
              {' '}
              ({REASON[iommu]} {result.reason})
            </span>
          ) : null}
        </h3>
        <p>{faultExplanation(fault, iommu)}</p>
      </section>
    );
  }
  return (
    <section className="walk-outcome is-ok" aria-label="Outcome">
      <h3>
        Translated → PA <span className="mono">{result.pa}</span>
      </h3>
      <ul>
        {result.target ? (
          <li>
            lands in {result.target.vm} at GPA <span className="mono">{result.target.gpa}</span>
          </li>
        ) : null}
        <li>page size {pageSizeLabel(result.pageSize)}</li>
        {result.domain ? (
          <li>
            domain {result.domain}
            {result.did !== null ? ` (${TAG[iommu]} ${result.did})` : ''}
          </li>
        ) : null}
        <li>
          IOTLB {result.iotlb}
          {result.iotlb === 'hit'
            ? ': the cached translation was used, so the page-table walk was skipped'
            : ': the page table was walked and the IOTLB filled'}
        </li>
      </ul>
    </section>
  );
}
