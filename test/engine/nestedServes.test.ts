/**
 * What each stage-2 read of a nested walk serves (WalkStep.serves): the read after its run (a guest CD or GCR3
 * entry, an S1 level), the output GPA after the leaf, or, when stage 2 faults, the fetch it stopped, which no
 * read follows (steps.ts `servedBy` with the translator's `s2Fetch`).
 */
import { describe, expect, it } from 'vitest';
import { dmaResultOf, parseScenarioValue, runScenario, type WalkStep } from '../../src/engine/index.ts';
import nested from '../../src/scenarios/nested.json';
import nestedSmmu from '../../src/scenarios/nested-smmuv3.json';
import nestedAmd from '../../src/scenarios/nested-amd.json';

/** The walk of a DMA run after each nested scenario's attach (its first 17 steps) and then `extra`. */
function walkAfter(scenario: { steps: readonly unknown[] }, ...extra: unknown[]): readonly WalkStep[] {
  const dma = { op: 'dma', device: 'nic0', iova: '0x400123', access: 'read' };
  const p = parseScenarioValue({ ...scenario, steps: [...scenario.steps.slice(0, 17), ...extra, dma] });
  if (!p.ok) throw new Error(p.message);
  const walk = dmaResultOf(runScenario(p.value).lines.at(-1)!)?.walk;
  if (walk === undefined) throw new Error('no walk');
  return walk;
}

/** What each stage-2 run serves (its first read's `serves`), in walk order. */
const runs = (walk: readonly WalkStep[]) =>
  walk.filter((s, i) => s.stage === 2 && walk[i - 1]?.stage !== 2).map((s) => s.serves);

const unmapAll = { op: 'ioasUnmap', ioas: 'gpa', iova: '0x0', size: '64MiB' };

describe('nested walks: what each stage-2 run serves', () => {
  it.each([
    ['vtd', nested, ['s1-pl4', 's1-pl3', 's1-pl2', 's1-pl1', 'output']],
    ['smmuv3', nestedSmmu, ['cd', 's1-pl4', 's1-pl3', 's1-pl2', 's1-pl1', 'output']],
    ['amd-vi', nestedAmd, ['gcr3', 's1-pl4', 's1-pl3', 's1-pl2', 's1-pl1', 'output']],
  ] as const)('%s translated: every run serves the read after it, the last the output', (_kind, scenario, want) => {
    const walk = walkAfter(scenario);
    expect(runs(walk)).toEqual(want);
    walk.forEach((s, i) => {
      if (s.stage === 2) expect(s.serves).toBe(walk.slice(i).find((n) => n.stage !== 2)?.structure ?? 'output');
    });
  });

  it.each([
    ['vtd', nested, 's1-pl4'],
    ['smmuv3', nestedSmmu, 'cd'],
    ['amd-vi', nestedAmd, 'gcr3'],
  ] as const)('%s: stage 2 faults on the first guest fetch, and its reads serve that fetch', (_k, scenario, want) => {
    const walk = walkAfter(scenario, unmapAll);
    expect(walk.at(-1)?.stage).toBe(2);
    expect(runs(walk)).toEqual([want]);
  });
});
