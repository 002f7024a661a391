/**
 * `#compare`: two scenarios side by side (or one scenario on two IOMMUs): each pane runs its own
 * scenario with the engine and shows the final attachment graph and one DMA's walk as a compact list.
 */
import { useId, useMemo, useState } from 'react';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { toScenario } from '../../store/scenarioDoc.ts';
import { BUILTIN_SCENARIOS } from '../../store/scenarios.ts';
import type { AppState } from '../../store/createAppStore.ts';
import { useThemeAttribute } from '../landing/useThemeAttribute.ts';
import { structureLabel } from '../walk/labels.ts';
import { runPane, type IommuChoice } from './compareRun.ts';
import { TopologySketch } from './TopologySketch.tsx';
import './compare.css';

export const CURRENT_DOC = 'current';

const IOMMU_NAMES: Record<IommuChoice, string> = { vtd: 'Intel VT-d', smmuv3: 'Arm SMMUv3', 'amd-vi': 'AMD-Vi' };

const selectSteps = (s: AppState) => s.steps;
const selectCursor = (s: AppState) => s.cursor;
const selectTitle = (s: AppState) => s.title;
const selectPlatformInput = (s: AppState) => s.platformInput;

export interface PaneConfig {
  readonly scenario: string;
  readonly iommu: IommuChoice | null;
}

function Pane({ name, initial }: { name: string; initial: PaneConfig }) {
  const ids = useId();
  const [scenario, setScenario] = useState(initial.scenario);
  const [iommu, setIommu] = useState<IommuChoice | null>(initial.iommu);
  const [dmaChoice, setDmaChoice] = useState<number | null>(null);
  const allSteps = useAppStore(selectSteps);
  const cursor = useAppStore(selectCursor);
  const docTitle = useAppStore(selectTitle);
  const docPlatform = useAppStore(selectPlatformInput);
  const value = useMemo(() => {
    // The workbench document up to its cursor.
    if (scenario === CURRENT_DOC) return toScenario({ title: docTitle, platform: docPlatform, steps: allSteps.slice(0, cursor) });
    return BUILTIN_SCENARIOS.find((b) => b.file === scenario)?.value ?? null;
  }, [scenario, allSteps, cursor, docTitle, docPlatform]);
  const run = useMemo(() => (value === null ? null : runPane(value, iommu)), [value, iommu]);
  const dmas = run?.ok ? run.dmas : [];
  const dma = dmas.find((d) => d.step === dmaChoice) ?? dmas[dmas.length - 1];

  return (
    <section className="compare-pane" aria-label={`Pane ${name}`} data-testid={`compare-pane-${name}`}>
      <div className="compare-controls">
        <label htmlFor={`${ids}-scenario`}>Scenario</label>
        <select
          id={`${ids}-scenario`}
          value={scenario}
          onChange={(e) => {
            setScenario(e.target.value);
            setDmaChoice(null);
          }}
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
          value={iommu ?? ''}
          onChange={(e) => {
            setIommu(e.target.value === '' ? null : (e.target.value as IommuChoice));
            setDmaChoice(null);
          }}
          data-testid={`compare-iommu-${name}`}
        >
          <option value="">as the scenario says</option>
          <option value="vtd">Intel VT-d</option>
          <option value="smmuv3">Arm SMMUv3</option>
          <option value="amd-vi">AMD-Vi</option>
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
            {run.title} <span className="muted">on {IOMMU_NAMES[run.iommu]}</span>
          </h2>
          {run.errors.length > 0 ? (
            <details className="compare-errors" open={run.errors.length <= 3} data-testid={`compare-errors-${name}`}>
              <summary>
                {run.errors.length} step{run.errors.length === 1 ? '' : 's'} refused on {IOMMU_NAMES[run.iommu]}
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
          <TopologySketch state={run.state} label={`Pane ${name} attachment graph`} />
          <div className="compare-controls">
            <label htmlFor={`${ids}-dma`}>DMA</label>
            <select id={`${ids}-dma`} value={dma?.step ?? ''} onChange={(e) => setDmaChoice(Number(e.target.value))} disabled={dmas.length === 0} data-testid={`compare-dma-${name}`}>
              {dmas.length === 0 ? <option value="">no DMA step</option> : null}
              {dmas.map((d) => (
                <option key={d.step} value={d.step}>
                  step {d.step}: {d.label}
                </option>
              ))}
            </select>
          </div>
          {dma ? (
            <table className="data-table compare-walk" data-testid={`compare-walk-${name}`}>
              <caption>
                Walk of step {dma.step}: {dma.walk.length} memory read{dma.walk.length === 1 ? '' : 's'}
                {dma.result['iotlb'] === 'hit' ? ' (IOTLB hit)' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Index</th>
                  <th scope="col">Entry at</th>
                  <th scope="col">Raw entry</th>
                </tr>
              </thead>
              <tbody>
                {dma.walk.map((s, i) => (
                  <tr key={i} className={s.structure.startsWith('s2-') ? 'is-s2' : undefined}>
                    <td className="mono">{i + 1}</td>
                    <th scope="row" className="mono" title={structureLabel(s.structure, run.iommu)} data-structure={s.structure}>
                      {s.structure}
                    </th>
                    <td className="mono">{s.index}</td>
                    <td className="mono">{s.entryAddr}</td>
                    <td className="mono raw-cell">{s.entry}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export interface ComparePageProps {
  readonly a?: PaneConfig;
  readonly b?: PaneConfig;
}

const DEFAULT_A: PaneConfig = { scenario: 'three-wqs.json', iommu: null };
const DEFAULT_B: PaneConfig = { scenario: 'three-wqs.json', iommu: null };

export function ComparePage({ a = DEFAULT_A, b = DEFAULT_B }: ComparePageProps) {
  useThemeAttribute();
  return (
    <main className="compare-page" data-testid="compare-page">
      <header className="compare-header">
        <h1>Compare</h1>
        <p className="muted">Two scenarios side by side, or one scenario on two IOMMUs: each pane runs the engine on its own.</p>
        <nav aria-label="Pages">
          <a href="#workbench">Workbench</a> · <a href="#tours">Tours</a> · <a href="#glossary">Glossary</a>
        </nav>
      </header>
      <div className="compare-panes">
        <Pane name="A" initial={a} />
        <Pane name="B" initial={b} />
      </div>
    </main>
  );
}
