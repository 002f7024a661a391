/** The differences between the two panes, first: outcome, reads, structures, graph and refused steps (data from compareDiff). */
import type { CompareDiff, OutcomeText } from './compareDiff.ts';

/** An outcome with its translation cache's hit or miss, in the pane's IOMMU's word (`IOTLB`, SMMUv3 `TLB`). */
const outcome = (o: OutcomeText, iotlbName: string) =>
  o.iotlb === '' ? o.text : `${o.text} (${iotlbName} ${o.iotlb})`;
/** A graph node id without its kind prefix (`domain:vm1.gpa.domain` → `vm1.gpa.domain`). */
const nodeName = (id: string) => id.replace(/^[a-z-]+:/, '');
const list = (xs: readonly string[], max = 8) =>
  xs.length === 0
    ? '—'
    : xs.length > max
      ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`
      : xs.join(', ');

function Row({ label, same, a, b, testId }: { label: string; same: boolean; a: string; b: string; testId: string }) {
  return (
    <tr className={same ? undefined : 'is-diff'} data-testid={testId} data-same={same}>
      <th scope="row">{label}</th>
      <td>{a}</td>
      <td>{b}</td>
      <td className="diff-verdict">{same ? 'same' : 'differs'}</td>
    </tr>
  );
}

export interface CompareSummaryProps {
  readonly diff: CompareDiff;
  /** Each pane's name for its translation cache (describe.iotlbName). */
  readonly iotlbNames: { readonly a: string; readonly b: string };
}

export function CompareSummary({ diff, iotlbNames }: CompareSummaryProps) {
  const { structures: st, nodes } = diff;
  const structuresSame = st.onlyA.length + st.onlyB.length === 0;
  const graphSame = nodes.onlyA.length + nodes.onlyB.length + nodes.changed.length === 0;
  const rowsDiffer = diff.rows.a.filter((m) => m !== 'same').length;
  const reads = (n: number, marks: readonly string[]) => {
    const differ = marks.filter((m) => m !== 'same').length;
    return `${n}${differ > 0 ? ` (${differ} marked ≠ or + below)` : ''}`;
  };
  return (
    <section className="compare-summary" aria-labelledby="compare-diff-title" data-testid="compare-summary">
      <h2 id="compare-diff-title">{diff.same ? 'No differences' : 'What differs'}</h2>
      <table className="data-table compare-diff">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden-text">Aspect</span>
            </th>
            <th scope="col">Pane A</th>
            <th scope="col">Pane B</th>
            <th scope="col">
              <span className="visually-hidden-text">Verdict</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <Row
            label="Outcome of the DMA shown"
            same={diff.outcome.same}
            a={outcome(diff.outcome.a, iotlbNames.a)}
            b={outcome(diff.outcome.b, iotlbNames.b)}
            testId="diff-outcome"
          />
          <Row
            label="Memory reads"
            same={diff.reads.same && rowsDiffer === 0}
            a={reads(diff.reads.a, diff.rows.a)}
            b={reads(diff.reads.b, diff.rows.b)}
            testId="diff-reads"
          />
          <Row
            label="Structures read (only this side)"
            same={structuresSame}
            a={list(st.onlyA)}
            b={list(st.onlyB)}
            testId="diff-structures"
          />
          <Row
            label="Graph nodes (only this side, or drawn differently)"
            same={graphSame}
            a={list([...nodes.onlyA.map(nodeName), ...nodes.changed.map((n) => `${nodeName(n)} (≠)`)], 5)}
            b={list([...nodes.onlyB.map(nodeName), ...nodes.changed.map((n) => `${nodeName(n)} (≠)`)], 5)}
            testId="diff-nodes"
          />
          <Row
            label="Steps refused"
            same={diff.refused.same}
            a={String(diff.refused.a)}
            b={String(diff.refused.b)}
            testId="diff-refused"
          />
        </tbody>
      </table>
    </section>
  );
}
