import { describeOf, hex, type IommuKind } from '../../engine/index.ts';
import { faultExplanation, pageSizeLabel } from './labels.ts';
import type { WalkResult } from './result.ts';

export interface OutcomePanelProps {
  readonly result: WalkResult;
  readonly iommu: IommuKind;
}

/** The end of the walk: the translated address (and whose RAM it lands in), or the fault. */
export function OutcomePanel({ result, iommu }: OutcomePanelProps) {
  const words = describeOf(iommu);
  if (result.outcome === 'fault') {
    const fault = result.fault;
    return (
      <section className="walk-outcome is-fault" aria-label="Outcome">
        <h3>
          Fault: <span className="mono">{fault}</span>
          {result.reason !== undefined ? (
            <span className="walk-reason">
              {' '}
              ({words.reasonName} {hex(result.reason)})
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
        Translated → PA <span className="mono">{hex(result.pa)}</span>
      </h3>
      <ul>
        {result.target ? (
          <li>
            lands in {result.target.vm} at GPA <span className="mono">{hex(result.target.gpa)}</span>
          </li>
        ) : null}
        <li>page size {pageSizeLabel(result.pageSize)}</li>
        {result.domain ? (
          <li>
            domain {result.domain}
            {result.did !== null ? ` (${words.domainTag} ${result.did})` : ''}
          </li>
        ) : null}
        <li>
          {words.iotlbName} {result.iotlb}
          {result.iotlb === 'hit'
            ? ': the cached translation was used, so the page-table walk was skipped'
            : ': the page table was walked and the IOTLB filled'}
        </li>
      </ul>
    </section>
  );
}
