import { describe, expect, it } from 'vitest';
import { compareDiff, outcomeText, type DiffSide } from '../../../src/app/compare/compareDiff.ts';
import type { DmaResult } from '../../../src/engine/index.ts';
import { runPane } from '../../../src/app/compare/compareRun.ts';
import threeWqs from '../../../src/scenarios/three-wqs.json';
import sharedGpa from '../../../src/scenarios/shared-gpa.json';

function side(value: unknown, iommu: 'vtd' | 'smmuv3' | 'amd-vi' | null, dmaStep?: number): DiffSide {
  const run = runPane(value, iommu);
  if (!run.ok) throw new Error(run.message);
  const dma = dmaStep === undefined ? run.dmas.at(-1) : run.dmas.find((d) => d.step === dmaStep);
  return { state: run.state, refused: run.errors.length, dma };
}

describe('compareDiff', () => {
  it('the same design on both sides: no differences', () => {
    const d = compareDiff(side(threeWqs, 'vtd'), side(threeWqs, 'vtd'));
    expect(d.same).toBe(true);
    expect(d.rows.a.every((m) => m === 'same')).toBe(true);
    expect(d.structures.onlyA).toEqual([]);
    expect(d.nodes).toEqual({ onlyA: [], onlyB: [], changed: [] });
  });

  it('the seed on VT-d beside SMMUv3: structures and reads differ, the outcome is the same', () => {
    const d = compareDiff(side(threeWqs, 'vtd'), side(threeWqs, 'smmuv3'));
    expect(d.same).toBe(false);
    expect(d.structures.onlyA).toContain('root');
    expect(d.structures.onlyA).toContain('pasid-table');
    expect(d.structures.onlyB).toEqual(expect.arrayContaining(['ste', 'cd']));
    expect(d.structures.common).not.toContain('root');
    expect(d.rows.a[0]).toBe('differs');
    // Both faults are the same kind: only the way there differs.
    expect(d.outcome.a.text).toMatch(/^fault /);
    expect(d.outcome.same).toBe(d.outcome.a.text === d.outcome.b.text);
    // The domains are drawn with a DID on VT-d and an ASID/VMID on SMMUv3.
    expect(d.nodes.changed.length).toBeGreaterThan(0);
  });

  it('two DMAs of one design: the outcome, the IOTLB and the differing rows', () => {
    // Steps 13 and 14 of the seed: mdev1 (PASID 1 → VM1) and mdev2 (PASID 2 → VM2).
    const a = side(threeWqs, null, 14);
    const b = side(threeWqs, null, 15);
    expect(a.dma?.result['pasid']).toBe(1);
    const d = compareDiff(a, b);
    expect(d.outcome).toEqual({
      a: { text: 'translated → 0x40002000', iotlb: 'miss' },
      b: { text: 'translated → 0x80002000', iotlb: 'miss' },
      same: false,
    });
    // Same root and context entries; the PASID-table entry and what follows differ.
    expect(d.rows.a.slice(0, 2)).toEqual(['same', 'same']);
    expect(d.rows.a).toContain('differs');
    expect(d.reads.same).toBe(true);
    expect(d.nodes.onlyA).toEqual([]);
  });

  it('different scenarios: graph nodes only one side has; a pane without a DMA', () => {
    const a = side(threeWqs, null);
    const b: DiffSide = { ...side(sharedGpa, null), dma: undefined };
    const d = compareDiff(a, b);
    expect(d.nodes.onlyA).toContain('mdev:mdev2');
    expect(d.nodes.onlyB).toContain('device:nic0');
    expect(d.outcome.b).toEqual({ text: 'no DMA', iotlb: '' });
    expect(d.rows.a.every((m) => m === 'only')).toBe(true);
    expect(d.rows.b).toEqual([]);
    expect(d.reads).toEqual({ a: a.dma!.walk.length, b: 0, same: false });
  });

  it('outcome text of a fault and of an IOTLB hit', () => {
    const fault: DmaResult = { outcome: 'fault', fault: 'no-pasid', reason: 0x59, pasid: 0, walk: [] };
    const hit: DmaResult = {
      outcome: 'translated',
      pa: 0x1000n,
      pasid: 0,
      domain: 'd1',
      did: 2,
      pageSize: 4096,
      iotlb: 'hit',
      target: null,
      walk: [],
    };
    expect(outcomeText({ result: fault, walk: [] })).toEqual({
      text: 'fault no-pasid',
      iotlb: '',
    });
    expect(outcomeText({ result: hit, walk: [] })).toEqual({
      text: 'translated → 0x1000',
      iotlb: 'hit',
    });
  });
});
