/**
 * SMMUv3 nesting, SVA unbind and ATS under nesting, as properties (caches "all"): whatever the
 * order of stage-2 changes (the NEST_PARENT's IOAS), guest attach/detach, guest invalidations
 * (hwptInvalidate), SVA binds and unbinds, and DMAs from the nested device (RID and a guest
 * SubstreamID, ATS or not) and an SVA device, no DMA is ever answered from a stale STE, CD, TLB
 * or ATC entry. Each property counts that it reached its case (cached answers after the change
 * that could have left them stale). Mutation-checked: removing svaUnbind's flush, or the
 * NEST_PARENT's CMD_TLBI_NH_ALL, makes it fail (see the final report of issue 13).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, type Command, type EngineState } from '../../src/engine/index.ts';
import { asDma, build, dmaStep, machine, translated } from '../helpers/engine.ts';

const VM_HPA = 0x4000000;
const TOP = 0x1000000;
const hx = (n: number) => '0x' + n.toString(16);

function setup(ats: boolean): EngineState {
  return build(
    machine({ iommu: 'smmuv3', hostMemory: '1GiB', caches: 'all' }),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, pasidBits: 8, ats },
    { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 1, ats },
    { op: 'createVm', id: 'vm', memory: '16MiB', hpa: hx(VM_HPA) },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'ioasAlloc', id: 'gpa' },
    // The guest's own tables and CD table (the top 64 KiB) stay mapped; its two data pages come and go.
    { op: 'ioasMap', ioas: 'gpa', iova: hx(TOP - 0x10000), pa: hx(VM_HPA + TOP - 0x10000), size: '64KiB', prot: 'rw' },
    { op: 'ioasMap', ioas: 'gpa', iova: '0x100000', pa: hx(VM_HPA + 0x100000), size: '4KiB', prot: 'rw' },
    { op: 'ioasMap', ioas: 'gpa', iova: '0x105000', pa: hx(VM_HPA + 0x105000), size: '4KiB', prot: 'rw' },
    { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
    { op: 'guestTableAlloc', id: 'g0', vm: 'vm' },
    { op: 'guestMap', table: 'g0', va: '0x400000', gpa: '0x100000', size: '4KiB', prot: 'rw' },
    { op: 'guestTableAlloc', id: 'g5', vm: 'vm' },
    { op: 'guestMap', table: 'g5', va: '0x400000', gpa: '0x105000', size: '4KiB', prot: 'rw' },
    {
      op: 'hwptAlloc',
      id: 's1',
      device: 'nic0',
      pt: 's2',
      stage1: { table: 'g0', pasids: [{ pasid: 5, table: 'g5' }] },
    },
    { op: 'deviceAttach', device: 'nic0', pt: 's1' },
    { op: 'processAlloc', id: 'p' },
    { op: 'processMap', process: 'p', va: '0x7f0000000000', pa: '0x200000', size: '4KiB', prot: 'rw' },
    { op: 'processAlloc', id: 'q' },
    { op: 'processMap', process: 'q', va: '0x7f0000000000', pa: '0x300000', size: '4KiB', prot: 'rw' },
  ).state;
}

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const dataPage = fc.constantFrom(0x100000, 0x105000);
const op: fc.Arbitrary<Command> = fc.oneof(
  // Stage 2 changes under the nested domain: a data page unmapped, or mapped to another host page.
  w(
    2,
    dataPage.map((g): Command => ({ op: 'ioasUnmap', ioas: 'gpa', iova: hx(g), size: '4KiB' })),
  ),
  w(
    2,
    fc.tuple(dataPage, fc.constantFrom(0, 0x10000)).map(([g, shift]): Command => ({
      op: 'ioasMap',
      ioas: 'gpa',
      iova: hx(g),
      pa: hx(VM_HPA + g + shift),
      size: '4KiB',
      prot: 'rw',
    })),
  ),
  w(1, fc.constant<Command>({ op: 'deviceDetach', device: 'nic0' })),
  w(1, fc.constant<Command>({ op: 'deviceAttach', device: 'nic0', pt: 's1' })),
  w(
    1,
    fc.constantFrom<Command>(
      { op: 'hwptInvalidate', hwpt: 's1', commands: [{ cmd: 'CMD_TLBI_NH_ALL' }] },
      { op: 'hwptInvalidate', hwpt: 's1', commands: [{ cmd: 'CMD_CFGI_CD_ALL', device: 'nic0' }] },
      { op: 'hwptInvalidate', hwpt: 's1', commands: [{ cmd: 'CMD_ATC_INV', device: 'nic0', pasid: 5 }] },
    ),
  ),
  // SVA on dsa0: binds and unbinds of two processes (each gets the lowest free PASID: 1 or 2).
  w(
    2,
    fc.constantFrom('p', 'q').map((process): Command => ({ op: 'svaBind', device: 'dsa0', process })),
  ),
  w(
    2,
    fc.constantFrom('p', 'q').map((process): Command => ({ op: 'svaUnbind', device: 'dsa0', process })),
  ),
  w(
    8,
    fc.constantFrom<Command>(
      { op: 'dma', device: 'nic0', iova: '0x400010', access: 'read' },
      { op: 'dma', device: 'nic0', pasid: 5, iova: '0x400010', access: 'write' },
      { op: 'dma', device: 'dsa0', pasid: 1, iova: '0x7f0000000010', access: 'read' },
      { op: 'dma', device: 'dsa0', pasid: 2, iova: '0x7f0000000010', access: 'read' },
    ),
  ),
);

/** What a command may have left stale, and whether a later DMA was answered from a cache. */
interface Reach {
  afterS2Change: number;
  afterUnbind: number;
  atcAnswers: number;
}

function run(s: EngineState, cmds: readonly Command[], reach: Reach): boolean {
  let s2Changed = false;
  let unbound = false;
  for (const c of cmds) {
    const r = applyCommand(s, c);
    if (!r.ok) continue;
    s = r.state;
    if (c.op === 'ioasUnmap' || c.op === 'ioasMap') s2Changed = true;
    if (c.op === 'svaUnbind') unbound = true;
    if (c.op !== 'dma') continue;
    const res = asDma(r.result);
    if (res.hazard !== undefined) return false;
    const cached = res.caches?.atc === 'hit' || res.caches?.pasid === 'hit' || res.caches?.context === 'hit';
    if (res.caches?.atc === 'hit') reach.atcAnswers++;
    if (cached && s2Changed && c.device === 'nic0') reach.afterS2Change++;
    if (cached && unbound && c.device === 'dsa0') reach.afterUnbind++;
  }
  return true;
}

describe('SMMUv3 nested + SVA property', () => {
  it('no DMA is answered from a stale entry, with ATS and without', () => {
    const reach: Reach = { afterS2Change: 0, afterUnbind: 0, atcAnswers: 0 };
    const bases = [setup(false), setup(true)];
    fc.assert(
      fc.property(fc.boolean(), fc.array(op, { minLength: 6, maxLength: 30 }), (ats, cmds) =>
        run(bases[ats ? 1 : 0]!, cmds, reach),
      ),
      { seed: 20261203, numRuns: 120 },
    );
    // It reached its cases: cached answers after a stage-2 change and after an unbind, and ATC hits.
    expect(reach.afterS2Change).toBeGreaterThan(20);
    expect(reach.afterUnbind).toBeGreaterThan(20);
    expect(reach.atcAnswers).toBeGreaterThan(20);
  });
});

describe('ATS under nesting (arm_smmu_attach_dev_nested)', () => {
  it('the nested STE keeps EATS; the ATC holds combined translations; a stage-2 change flushes it whole', () => {
    let s = setup(true);
    const steEntry = dmaStep(s, { device: 'nic0', iova: '0x400010', access: 'read' });
    const ste = steEntry.r.walk[1]!;
    expect(ste.structure).toBe('ste');
    // STE word 2 bits 29:28 (EATS) = 0b01: ATS translation requests are served, as the guest's vSTE asked.
    expect(Number((ste.entry >> 92n) & 3n)).toBe(1);
    s = steEntry.state;
    s = dmaStep(s, { device: 'nic0', pasid: 5, iova: '0x400010', access: 'read' }).state;
    const hit = dmaStep(s, { device: 'nic0', pasid: 5, iova: '0x400020', access: 'read' });
    expect(hit.r).toMatchObject({ caches: { atc: 'hit' }, walk: [] });
    expect(translated(hit.r).pa).toBe(BigInt(VM_HPA + 0x105020));
    // The parent's stage 2 moves GPA 0x105000: CMD_TLBI_S2_IPA, CMD_TLBI_NH_ALL, then ATC_INV of the whole ATC.
    const n = s.invalidations.length;
    s = build(
      s,
      { op: 'ioasUnmap', ioas: 'gpa', iova: '0x105000', size: '4KiB' },
      { op: 'ioasMap', ioas: 'gpa', iova: '0x105000', pa: hx(VM_HPA + 0x115000), size: '4KiB', prot: 'rw' },
    ).state;
    const atcInv = s.invalidations.slice(n).filter((i) => i.type === 'devtlb');
    expect(atcInv.length).toBeGreaterThan(0);
    expect(atcInv.every((i) => i.addr === undefined)).toBe(true);
    const after = dmaStep(s, { device: 'nic0', pasid: 5, iova: '0x400020', access: 'read' });
    expect(after.r).toMatchObject({ caches: { atc: 'miss' } });
    expect(translated(after.r).pa).toBe(BigInt(VM_HPA + 0x115020));
    expect(after.r.hazard).toBeUndefined();
  });
});
