/**
 * SMMUv3 stage-2 faults under nesting (spec §7.3 event records; arm_smmu_decode_event): S2 = 1, the
 * IPA that stage 2 could not translate (EVTQ_3_IPA) and the CLASS of the fetch (CD, stage-1 table,
 * input address), in the dma result, the fault record, the kernel log line and its explanation.
 */
import { describe, expect, it } from 'vitest';
import type { Command, EngineState } from '../../src/engine/index.ts';
import { explainLog } from '../../src/engine/explain/explainLog.ts';
import { faultLogLines } from '../../src/engine/report/faultLog.ts';
import { build, dmaStep, faulted, machine } from '../helpers/engine.ts';

const VM_HPA = 0x4000000;
const TOP = 0x1000000; // 16 MiB of guest RAM: the guest's tables come from its top, downward

/** nic0 nested: g maps 0x400000 → GPA 0x100000 (rw) and 0x401000 → GPA 0xc00000; `maps` are the IOAS's (stage 2). */
function nested(maps: Command[]): EngineState {
  return build(
    machine({ iommu: 'smmuv3', hostMemory: '1GiB' }),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
    { op: 'createVm', id: 'vm', memory: '16MiB', hpa: '0x' + VM_HPA.toString(16) },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'ioasAlloc', id: 'gpa' },
    ...maps,
    { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
    { op: 'guestTableAlloc', id: 'g', vm: 'vm' },
    { op: 'guestMap', table: 'g', va: '0x400000', gpa: '0x100000', size: '4KiB', prot: 'rw' },
    { op: 'guestMap', table: 'g', va: '0x401000', gpa: '0xc00000', size: '4KiB', prot: 'rw' },
    { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g' } },
    { op: 'deviceAttach', device: 'nic0', pt: 's1' },
  ).state;
}

const map = (iova: number, size: string, prot: 'r' | 'rw' = 'rw'): Command => ({
  op: 'ioasMap',
  ioas: 'gpa',
  iova: '0x' + iova.toString(16),
  pa: '0x' + (VM_HPA + iova).toString(16),
  size,
  prot,
});

/** The guest's own tables: the four pages at its top (g's four levels), and below them its CD table. */
const TABLES = map(TOP - 0x5000, '20KiB');

describe('SMMUv3 stage-2 faults', () => {
  it('the final IPA not mapped at stage 2: F_TRANSLATION, S2, CLASS input, IPA; logged and explained', () => {
    const s = nested([map(0, '8MiB'), TABLES]);
    const d = dmaStep(s, { device: 'nic0', iova: '0x401abc', access: 'read' });
    const r = faulted(d.r);
    expect(r).toMatchObject({
      fault: 'not-mapped',
      reason: 0x10,
      stage2: { ipa: 0xc00000n, class: 'Input address caused fault' },
    });
    expect(r.walk.at(-1)!.structure).toMatch(/^s2-pl/);
    const rec = d.state.faults.at(-1)!;
    expect(rec.stage2).toEqual({ ipa: 0xc00000n, cls: 2 });
    const lines = faultLogLines(d.state, rec);
    expect(lines.join('\n')).toMatch(/iova: 0x401000 ipa: 0xc00000/);
    expect(lines.join('\n')).toMatch(/ s2 "Input address caused fault"/);
    const [explained] = explainLog(lines.join('\n'));
    expect(explained?.details).toContain('stage 2 (S2 = 1): IPA 0xc00000');
    expect(explained?.addr).toBe('0x401000');
  });

  it('a stage-1 fault has no stage-2 part', () => {
    const s = nested([map(0, '8MiB'), TABLES]);
    const r = faulted(dmaStep(s, { device: 'nic0', iova: '0x402000', access: 'read' }).r);
    expect(r).toMatchObject({ fault: 'not-mapped', reason: 0x10 });
    expect(r.stage2).toBeUndefined();
    expect(r.walk.at(-1)!.structure).toMatch(/^s1-pl/);
  });

  it('a stage-1 table stage 2 cannot reach: CLASS stage-1 table fetch, IPA of that table', () => {
    // Only the CD's page is mapped among the guest's tables.
    const s = nested([map(0, '8MiB'), map(TOP - 0x5000, '4KiB')]);
    const root = s.guestTables.get('g')!.root;
    const r = faulted(dmaStep(s, { device: 'nic0', iova: '0x400000', access: 'read' }).r);
    expect(r.stage2).toEqual({ ipa: BigInt(root), class: 'Stage 1 translation table fetch' });
  });

  it('the guest CD table stage 2 cannot reach: CLASS CD fetch', () => {
    const s = nested([map(0, '8MiB')]);
    const cd = s.domains.get('s1')!.stage1!.context!;
    const r = faulted(dmaStep(s, { device: 'nic0', iova: '0x400000', access: 'read' }).r);
    expect(r).toMatchObject({ reason: 0x10, stage2: { ipa: BigInt(cd), class: 'CD fetch' } });
    expect(r.walk.map((w) => w.structure)).not.toContain('cd');
  });

  it('a write stage 2 maps read-only: F_PERMISSION with S2', () => {
    const s = nested([map(0, '8MiB', 'r'), TABLES]);
    const r = faulted(dmaStep(s, { device: 'nic0', iova: '0x400000', access: 'write' }).r);
    expect(r).toMatchObject({ fault: 'write-denied', reason: 0x13, stage2: { ipa: 0x100000n } });
  });

  it('a stage-2-only STE: the input address is the IPA', () => {
    const s = build(nested([map(0, '8MiB'), TABLES]), { op: 'deviceReplace', device: 'nic0', pt: 's2' }).state;
    const r = faulted(dmaStep(s, { device: 'nic0', iova: '0x900000', access: 'read' }).r);
    expect(r).toMatchObject({ reason: 0x10, stage2: { ipa: 0x900000n, class: 'Input address caused fault' } });
  });
});
