/**
 * `#compare`: two scenarios side by side (or one scenario on two IOMMUs). Each pane runs its own
 * scenario with the engine; what differs between them (compareDiff, pure) is summarised first and
 * marked in both panes. It opens on two designs: the seed on Intel VT-d beside the seed on Arm SMMUv3.
 */
import { useMemo, useState } from 'react';
import { describeOf } from '../../engine/index.ts';
import type { AppState } from '../../store/createAppStore.ts';
import { toScenario } from '../../store/scenarioDoc.ts';
import { BUILTIN_SCENARIOS } from '../../store/scenarios.ts';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { useThemeAttribute } from '../landing/useThemeAttribute.ts';
import { compareDiff } from './compareDiff.ts';
import { ComparePane, CURRENT_DOC, type PaneConfig } from './ComparePane.tsx';
import { CompareSummary } from './CompareSummary.tsx';
import { runPane, type PaneRun } from './compareRun.ts';
import './compare.css';

export { CURRENT_DOC, type PaneConfig } from './ComparePane.tsx';

const selectSteps = (s: AppState) => s.steps;
const selectCursor = (s: AppState) => s.cursor;
const selectTitle = (s: AppState) => s.title;
const selectPlatformInput = (s: AppState) => s.platformInput;

/** A pane's scenario value: a built-in, or the workbench document up to its cursor. */
function usePaneRun(config: PaneConfig): PaneRun | null {
  const allSteps = useAppStore(selectSteps);
  const cursor = useAppStore(selectCursor);
  const docTitle = useAppStore(selectTitle);
  const docPlatform = useAppStore(selectPlatformInput);
  const current = config.scenario === CURRENT_DOC;
  const value = useMemo(() => {
    if (current) return toScenario({ title: docTitle, platform: docPlatform, steps: allSteps.slice(0, cursor) });
    return BUILTIN_SCENARIOS.find((b) => b.file === config.scenario)?.value ?? null;
  }, [current, config.scenario, allSteps, cursor, docTitle, docPlatform]);
  return useMemo(() => (value === null ? null : runPane(value, config.iommu)), [value, config.iommu]);
}

/** The DMA a pane shows: the one picked (by step number), else its last. */
const dmaOf = (run: PaneRun | null, pick: number | null) => {
  const dmas = run?.ok ? run.dmas : [];
  return dmas.find((d) => d.step === pick) ?? dmas[dmas.length - 1];
};

export interface ComparePageProps {
  readonly a?: PaneConfig;
  readonly b?: PaneConfig;
}

const DEFAULT_A: PaneConfig = { scenario: 'three-wqs.json', iommu: 'vtd' };
const DEFAULT_B: PaneConfig = { scenario: 'three-wqs.json', iommu: 'smmuv3' };
const NONE: ReadonlySet<string> = new Set();

export function ComparePage({ a = DEFAULT_A, b = DEFAULT_B }: ComparePageProps) {
  useThemeAttribute();
  const [configA, setConfigA] = useState(a);
  const [configB, setConfigB] = useState(b);
  const [pickA, setPickA] = useState<number | null>(null);
  const [pickB, setPickB] = useState<number | null>(null);
  const runA = usePaneRun(configA);
  const runB = usePaneRun(configB);
  // A pane with no pick of its own follows the other pane's pick (the same step on another IOMMU).
  const dmaA = dmaOf(runA, pickA ?? pickB);
  const dmaB = dmaOf(runB, pickB ?? pickA);
  const diff = useMemo(
    () =>
      runA?.ok && runB?.ok
        ? compareDiff(
            { state: runA.state, refused: runA.errors.length, dma: dmaA },
            { state: runB.state, refused: runB.errors.length, dma: dmaB },
          )
        : null,
    [runA, runB, dmaA, dmaB],
  );
  const markedA = useMemo(() => (diff ? new Set([...diff.nodes.onlyA, ...diff.nodes.changed]) : NONE), [diff]);
  const markedB = useMemo(() => (diff ? new Set([...diff.nodes.onlyB, ...diff.nodes.changed]) : NONE), [diff]);
  return (
    <main className="compare-page" data-testid="compare-page">
      <header className="compare-header">
        <h1>Compare</h1>
        <p className="muted">
          Two designs side by side: a scenario on two IOMMUs, or two scenarios. Each pane runs the engine on its own;
          what differs is marked.
        </p>
        <nav aria-label="Pages">
          <a href="#workbench">Workbench</a> · <a href="#tours">Tours</a> · <a href="#glossary">Glossary</a>
        </nav>
      </header>
      {diff && runA?.ok && runB?.ok ? (
        <CompareSummary
          diff={diff}
          iotlbNames={{ a: describeOf(runA.iommu).iotlbName, b: describeOf(runB.iommu).iotlbName }}
        />
      ) : null}
      <div className="compare-panes">
        <ComparePane
          name="A"
          config={configA}
          onConfig={(c) => {
            setConfigA(c);
            setPickA(null);
          }}
          run={runA}
          dma={dmaA}
          onPickDma={setPickA}
          rowMarks={diff?.rows.a ?? []}
          markedNodes={markedA}
        />
        <ComparePane
          name="B"
          config={configB}
          onConfig={(c) => {
            setConfigB(c);
            setPickB(null);
          }}
          run={runB}
          dma={dmaB}
          onPickDma={setPickB}
          rowMarks={diff?.rows.b ?? []}
          markedNodes={markedB}
        />
      </div>
    </main>
  );
}
