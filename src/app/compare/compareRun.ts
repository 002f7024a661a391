/**
 * One pane of the compare view, as plain data: a scenario (a built-in or the workbench document)
 * optionally moved to another IOMMU (`platform.iommu` rewritten before the run), run with the engine.
 * Pure: the view renders what this returns.
 */
import {
  hex,
  parseScenarioValue,
  runScenario,
  type CommandOf,
  type DmaResult,
  type EngineState,
  type IommuKind,
  type WalkStep,
} from '../../engine/index.ts';
import { stepNumber } from '../../store/stepNumbers.ts';

/** The IOMMU a pane runs its scenario on: any kind the engine models. */
export type IommuChoice = IommuKind;

export interface PaneStepError {
  /** The step number, counted as everywhere in the app (src/store/stepNumbers.ts: from 1). */
  readonly step: number;
  readonly op: string;
  readonly code: string;
  readonly message: string;
}

export interface PaneDma {
  /** The step number, counted as everywhere in the app (src/store/stepNumbers.ts: from 1). */
  readonly step: number;
  /** `dsa0 PASID 1 read 0x1000 → translated 0x…` */
  readonly label: string;
  readonly result: DmaResult;
  readonly walk: readonly WalkStep[];
}

export type PaneRun =
  | { readonly ok: false; readonly message: string }
  | {
      readonly ok: true;
      readonly title: string;
      readonly iommu: IommuChoice;
      readonly state: EngineState;
      readonly errors: readonly PaneStepError[];
      readonly dmas: readonly PaneDma[];
    };

/** A copy of a scenario value with `platform.iommu` replaced (other platform fields kept). */
export function withIommu(value: unknown, iommu: IommuChoice | null): unknown {
  if (iommu === null || typeof value !== 'object' || value === null) return value;
  const v = value as Record<string, unknown>;
  const platform =
    typeof v['platform'] === 'object' && v['platform'] !== null ? (v['platform'] as Record<string, unknown>) : {};
  return { ...v, platform: { ...platform, iommu } };
}

function dmaLabel(cmd: CommandOf<'dma'>, result: DmaResult): string {
  const pasid = cmd.pasid === undefined ? '' : ` PASID ${cmd.pasid}`;
  const outcome = result.outcome === 'translated' ? `→ ${hex(result.pa)}` : `→ fault ${result.fault}`;
  return `${cmd.device}${pasid} ${cmd.access} ${cmd.iova} ${outcome}`;
}

/** Run a pane's scenario; every failed step is listed (the engine refuses some ops on some IOMMUs). */
export function runPane(value: unknown, iommu: IommuChoice | null): PaneRun {
  const parsed = parseScenarioValue(withIommu(value, iommu));
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const run = runScenario(parsed.value);
  const steps = parsed.value.scenario.steps;
  const errors: PaneStepError[] = [];
  const dmas: PaneDma[] = [];
  run.lines.forEach((line, i) => {
    if (!line.ok) {
      // A step the scenario expects to fail (its `expect` names an errno) is no refusal by this IOMMU.
      const expected = steps[i]?.expect;
      if (expected && (expected.error !== undefined || expected.ok === false)) return;
      errors.push({
        step: stepNumber(i),
        op: line.op,
        code: line.error.code,
        message: line.error.message,
      });
      return;
    }
    const step = steps[i];
    if (line.op !== 'dma' || step?.op !== 'dma') return;
    dmas.push({ step: stepNumber(i), label: dmaLabel(step, line.result), result: line.result, walk: line.result.walk });
  });
  return {
    ok: true,
    title: parsed.value.scenario.title ?? 'Untitled scenario',
    iommu: parsed.value.platform.iommu,
    state: run.state,
    errors,
    dmas,
  };
}
