/** The explained events of a pasted log: one row per IOMMU fault, with glossary links and Reproduce. */
import type { ExplainedFault, FaultStructure } from '../../engine/explain/types.ts';
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
const VENDOR = { vtd: 'VT-d', 'amd-vi': 'AMD-Vi', smmuv3: 'SMMUv3' } as const;

export function ExplainTable({ faults, onReproduce }: { faults: readonly ExplainedFault[]; onReproduce: (f: ExplainedFault) => void }) {
  return (
    <div className="explain-scroll">
      <table className="review-table explain-table" data-testid="explain-table">
        <caption className="review-sr">Explained IOMMU faults</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">IOMMU</th>
            <th scope="col">Device</th>
            <th scope="col"><GlossaryTerm term="PASID">PASID</GlossaryTerm></th>
            <th scope="col">Address</th>
            <th scope="col">Access</th>
            <th scope="col"><GlossaryTerm term="fault reason">Reason</GlossaryTerm></th>
            <th scope="col">Failed in</th>
            <th scope="col"><GlossaryTerm term="fault">Fault</GlossaryTerm></th>
            <th scope="col">What it usually means</th>
            <th scope="col"><span className="review-sr">Reproduce</span></th>
          </tr>
        </thead>
        <tbody>
          {faults.map((f) => (
            <tr key={`${f.line}:${f.reason}`} data-testid="explain-row">
              <td className="mono">{f.line}</td>
              <td><GlossaryTerm term={VENDOR[f.iommu]}>{VENDOR[f.iommu]}</GlossaryTerm></td>
              <td className="mono">{f.device}</td>
              <td className="mono">{f.pasid ?? '—'}</td>
              <td className="mono">{f.addr}</td>
              <td>{f.access ?? '—'}</td>
              <td>
                <span className="mono">{f.reason}</span> <span className="review-muted explain-text">{f.text}</span>
              </td>
              <td>{f.structure === null ? '—' : <GlossaryTerm term={STRUCTURE_TERM[f.structure]}>{STRUCTURE_TERM[f.structure]}</GlossaryTerm>}</td>
              <td className="mono" data-testid="explain-fault">{f.fault ?? '—'}</td>
              <td className="explain-meaning">
                {f.meaning}
                {f.details.length > 0 && <span className="review-muted explain-details"> ({f.details.join('; ')})</span>}
              </td>
              <td>
                <button type="button" data-testid="explain-reproduce" disabled={f.fault === null} title={f.fault === null ? 'No counterpart in the model' : 'Build this fault in the model and open its walk'} onClick={() => onReproduce(f)}>
                  Reproduce
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
