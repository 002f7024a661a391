import { faultExplanation, pageSizeLabel } from './labels.ts';
import type { WalkResult } from './result.ts';

export interface OutcomePanelProps {
  readonly result: WalkResult;
}

/** The end of the walk: the translated address (and whose RAM it lands in), or the fault. */
export function OutcomePanel({ result }: OutcomePanelProps) {
  if (result.outcome === 'fault') {
    const fault = result.fault ?? 'unknown';
    return (
      <section className="walk-outcome is-fault" aria-label="Outcome">
        <h3>
          Fault: <span className="mono">{fault}</span>
          {result.reason ? <span className="walk-reason"> (reason code {result.reason})</span> : null}
        </h3>
        <p>{faultExplanation(fault)}</p>
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
        {result.pageSize !== undefined ? <li>page size {pageSizeLabel(result.pageSize)}</li> : null}
        {result.domain ? (
          <li>
            domain {result.domain}
            {result.did !== undefined ? ` (DID ${result.did})` : ''}
          </li>
        ) : null}
        <li>
          IOTLB {result.iotlb ?? 'miss'}
          {result.iotlb === 'hit' ? ': the cached translation was used, so the page-table walk was skipped' : ': the page table was walked and the IOTLB filled'}
        </li>
      </ul>
    </section>
  );
}
