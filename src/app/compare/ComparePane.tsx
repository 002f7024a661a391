/** One Compare pane: its scenario and IOMMU pickers, the refused steps, the graph and one DMA's walk, with the rows that differ marked. */
import { useId } from 'react';
import { describeOf, hex, IOMMU_KINDS } from '../../engine/index.ts';
import { BUILTIN_SCENARIOS } from '../../store/scenarios.ts';
import { structureLabel } from '../walk/labels.ts';
import type { RowMark } from './compareDiff.ts';
import type { IommuChoice, PaneDma, PaneRun } from './compareRun.ts';
import { TopologySketch } from './TopologySketch.tsx';

export const CURRENT_DOC = 'current';

export interface PaneConfig {
  readonly scenario: string;
  readonly iommu: IommuChoice | null;
}

export interface ComparePaneProps {
  readonly name: 'A' | 'B';
  readonly config: PaneConfig;
  readonly onConfig: (c: PaneConfig) => void;
  readonly run: PaneRun | null;
  readonly dma: PaneDma | undefined;
  readonly onPickDma: (step: number) => void;
  /** Per walk row: same as, different from, or beyond the other pane's row at that position. */
  readonly rowMarks: readonly RowMark[];
  /** Graph nodes this pane has and the other lacks, or draws with another detail. */
  readonly markedNodes: ReadonlySet<string>;
}

const MARK_TEXT: Record<RowMark, string> = { same: '', differs: '≠', only: '+' };
const MARK_TITLE: Record<RowMark, string> = {
  same: 'same read as the other pane',
  differs: 'differs from the other pane’s read at this position',
  only: 'the other pane’s walk has no read here',
};

export function ComparePane({ name, config, onConfig, run, dma, onPickDma, rowMarks, markedNodes }: ComparePaneProps) {
  const ids = useId();
  const dmas = run?.ok ? run.dmas : [];
  return (
    <section className="compare-pane" aria-label={`Pane ${name}`} data-testid={`compare-pane-${name}`}>
      <div className="compare-controls">
        <label htmlFor={`${ids}-scenario`}>Scenario</label>
        <select
          id={`${ids}-scenario`}
          value={config.scenario}
          onChange={(e) => onConfig({ ...config, scenario: e.target.value })}
          data-testid={`compare-scenario-${name}`}
        >
          <option value={CURRENT_DOC}>Current workbench document</option>
          {BUILTIN_SCENARIOS.map((b) => (
            <option key={b.file} value={b.file}>
              {b.title}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-iommu`}>IOMMU</label>
        <select
          id={`${ids}-iommu`}
          value={config.iommu ?? ''}
          onChange={(e) => onConfig({ ...config, iommu: IOMMU_KINDS.find((k) => k === e.target.value) ?? null })}
          data-testid={`compare-iommu-${name}`}
        >
          <option value="">as the scenario says</option>
          {IOMMU_KINDS.map((k) => (
            <option key={k} value={k}>
              {describeOf(k).name}
            </option>
          ))}
        </select>
      </div>
      {run === null ? <p className="muted">No such scenario.</p> : null}
      {run !== null && !run.ok ? (
        <p className="compare-error" role="alert">
          The scenario does not parse: {run.message}
        </p>
      ) : null}
      {run?.ok ? (
        <>
          <h2 className="compare-title">
            {run.title} <span className="muted">on {describeOf(run.iommu).name}</span>
          </h2>
          {run.errors.length > 0 ? (
            <details className="compare-errors" open={run.errors.length <= 3} data-testid={`compare-errors-${name}`}>
              <summary>
                {run.errors.length} step{run.errors.length === 1 ? '' : 's'} refused on {describeOf(run.iommu).name}
              </summary>
              <ul>
                {run.errors.map((e) => (
                  <li key={e.step}>
                    step {e.step} ({e.op}): <span className="mono">{e.code}</span> {e.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <TopologySketch state={run.state} label={`Pane ${name} attachment graph`} marked={markedNodes} />
          <div className="compare-controls">
            <label htmlFor={`${ids}-dma`}>DMA</label>
            <select
              id={`${ids}-dma`}
              value={dma?.step ?? ''}
              onChange={(e) => onPickDma(Number(e.target.value))}
              disabled={dmas.length === 0}
              data-testid={`compare-dma-${name}`}
            >
              {dmas.length === 0 ? <option value="">no DMA step</option> : null}
              {dmas.map((d) => (
                <option key={d.step} value={d.step}>
                  step {d.step}: {d.label}
                </option>
              ))}
            </select>
          </div>
          {dma ? <WalkTable name={name} dma={dma} iommu={run.iommu} marks={rowMarks} /> : null}
        </>
      ) : null}
    </section>
  );
}

function WalkTable({
  name,
  dma,
  iommu,
  marks,
}: {
  name: string;
  dma: PaneDma;
  iommu: IommuChoice;
  marks: readonly RowMark[];
}) {
  return (
    <table className="data-table compare-walk" data-testid={`compare-walk-${name}`}>
      <caption>
        Walk of step {dma.step}: {dma.walk.length} memory read{dma.walk.length === 1 ? '' : 's'}
        {dma.result.outcome === 'translated' && dma.result.iotlb === 'hit'
          ? ` (${describeOf(iommu).iotlbName} hit)`
          : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">
            <abbr title="≠ differs from the other pane's read at this position; + the other walk has no read here">
              Δ
            </abbr>
          </th>
          <th scope="col">Structure</th>
          <th scope="col">Index</th>
          <th scope="col">Entry at</th>
          <th scope="col">Raw entry</th>
        </tr>
      </thead>
      <tbody>
        {dma.walk.map((s, i) => {
          const mark = marks[i] ?? 'same';
          const cls = [s.structure.startsWith('s2-') ? 'is-s2' : '', mark === 'same' ? '' : 'is-diff']
            .filter(Boolean)
            .join(' ');
          return (
            <tr key={i} className={cls === '' ? undefined : cls} data-mark={mark}>
              <td className="mono">{i + 1}</td>
              <td className="mono diff-mark" title={MARK_TITLE[mark]}>
                {MARK_TEXT[mark]}
              </td>
              <th scope="row" className="mono" title={structureLabel(s.structure, iommu)} data-structure={s.structure}>
                {s.structure}
              </th>
              <td className="mono">{s.index}</td>
              <td className="mono">{hex(s.entryAddr)}</td>
              <td className="mono raw-cell">{hex(s.entry)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
