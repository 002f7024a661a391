/** The explained events of a pasted log: one row per IOMMU fault, with glossary links and Reproduce. */
import type { ExplainedFault, FaultStructure } from '../../engine/explain/types.ts';
import { DESCRIBE } from '../../engine/index.ts';
import { GlossaryTerm } from '../glossary/GlossaryTerm.tsx';

const STRUCTURE_TERM: Readonly<Record<FaultStructure, string>> = {
  root: 'root entry',
  context: 'context entry',
  'pasid-dir': 'PASID directory',
  'pasid-table': 'PASID table',
  'page-table': 'page table',
  dte: 'DTE',
  ste: 'STE',
  cd: 'CD',
};

export function ExplainTable({
  faults,
  onReproduce,
}: {
  faults: readonly ExplainedFault[];
  onReproduce: (f: ExplainedFault) => void;
}) {
  return (
    <div className="explain-scroll">
      <table className="review-table explain-table" data-testid="explain-table">
        <caption className="review-sr">Explained IOMMU faults</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">IOMMU</th>
            <th scope="col">Device</th>
            <th scope="col">
              <GlossaryTerm term="PASID">PASID</GlossaryTerm>
            </th>
            <th scope="col">Address</th>
            <th scope="col">Access</th>
            <th scope="col">
              <GlossaryTerm term="fault reason">Reason</GlossaryTerm>
            </th>
            <th scope="col">Failed in</th>
            <th scope="col">
              <GlossaryTerm term="fault">Fault</GlossaryTerm>
            </th>
            <th scope="col">
              <span className="review-sr">Reproduce</span>
            </th>
          </tr>
        </thead>
        {faults.map((f) => (
          // One body per event: its fields, then what it usually means across the whole width.
          <tbody key={`${f.line}:${f.reason}`} className="explain-event">
            <tr data-testid="explain-row">
              <td className="mono" data-label="Line">
                {f.line}
              </td>
              <td data-label="IOMMU">
                <GlossaryTerm term={DESCRIBE[f.iommu].shortName}>{DESCRIBE[f.iommu].shortName}</GlossaryTerm>
              </td>
              <td className="mono" data-label="Device">
                {f.device}
              </td>
              <td className="mono" data-label="PASID">
                {f.pasid ?? '—'}
              </td>
              <td className="mono" data-label="Address">
                {f.addr}
              </td>
              <td data-label="Access">{f.access ?? '—'}</td>
              <td data-label="Reason">
                <span className="mono">{f.reason}</span>
                {f.text !== f.reason && (
                  <>
                    {' '}
                    <span className="review-muted explain-text">{f.text}</span>
                  </>
                )}
              </td>
              <td data-label="Failed in">
                {f.structure === null ? (
                  '—'
                ) : (
                  <GlossaryTerm term={STRUCTURE_TERM[f.structure]}>{STRUCTURE_TERM[f.structure]}</GlossaryTerm>
                )}
              </td>
              <td className="mono" data-testid="explain-fault" data-label="Fault">
                {f.fault ?? '—'}
              </td>
              <td>
                <button
                  type="button"
                  data-testid="explain-reproduce"
                  disabled={f.fault === null}
                  title={
                    f.fault === null ? 'No counterpart in the model' : 'Build this fault in the model and open its walk'
                  }
                  onClick={() => onReproduce(f)}
                >
                  Reproduce
                </button>
              </td>
            </tr>
            <tr className="explain-meaning-row">
              <td colSpan={10} className="explain-meaning" data-testid="explain-meaning">
                {f.meaning.charAt(0).toUpperCase() + f.meaning.slice(1)}.
                {f.details.length > 0 && <span className="review-muted explain-details"> {f.details.join('; ')}.</span>}
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
