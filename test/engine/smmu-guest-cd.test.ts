/**
 * SMMUv3 nested: the guest's own CD table with several CDs (S1ContextPtr, S1Fmt, S1CDMax of the
 * vSTE; the guest's arm_smmu_alloc_cd_tables: linear up to 1,024 CDs, two-level with 64 KiB leaves
 * above). A guest SubstreamID selects its CD; one beyond S1CDMax is C_BAD_SUBSTREAMID.
 */
import { describe, expect, it } from 'vitest';
import type { Command, EngineState } from '../../src/engine/index.ts';
import { dumpVendorDevice } from '../../src/engine/inspect/vendorTables.ts';
import { build, dmaStep, entryQwords, faulted, machine, refused, translated } from '../helpers/engine.ts';

const VM_HPA = 0x4000000;

function guest(pasidBits: number, extra: Command[] = []): EngineState {
  return build(
    machine({ iommu: 'smmuv3', hostMemory: '1GiB' }),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, pasidBits },
    { op: 'createVm', id: 'vm', memory: '16MiB', hpa: '0x' + VM_HPA.toString(16) },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'ioasAlloc', id: 'gpa' },
    { op: 'ioasMap', ioas: 'gpa', iova: '0x0', pa: '0x' + VM_HPA.toString(16), size: '16MiB', prot: 'rw' },
    { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
    { op: 'guestTableAlloc', id: 'g0', vm: 'vm' },
    { op: 'guestMap', table: 'g0', va: '0x400000', gpa: '0x100000', size: '4KiB', prot: 'rw' },
    { op: 'guestTableAlloc', id: 'g5', vm: 'vm' },
    { op: 'guestMap', table: 'g5', va: '0x400000', gpa: '0x105000', size: '4KiB', prot: 'rw' },
    ...extra,
  ).state;
}

const nested = (pasid: number, pasidBits: number): EngineState =>
  guest(pasidBits, [
    { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g0', pasids: [{ pasid, table: 'g5' }] } },
    { op: 'deviceAttach', device: 'nic0', pt: 's1' },
  ]);

const hpa = (gpa: number) => BigInt(VM_HPA + gpa);

describe('SMMUv3 nested: the guest CD table', () => {
  it('linear (8 SSID bits): S1Fmt 0, S1CDMax 8; SubstreamID 5 selects its CD and its guest table', () => {
    const s = nested(5, 8);
    const rid = translated(dmaStep(s, { device: 'nic0', iova: '0x400010', access: 'read' }).r);
    expect(rid.pa).toBe(hpa(0x100010));
    const r = translated(dmaStep(s, { device: 'nic0', pasid: 5, iova: '0x400010', access: 'read' }).r);
    expect(r.pa).toBe(hpa(0x105010));
    expect(r.domain).toBe('s1');
    const dom = s.domains.get('s1')!;
    const extra = dom.stage1!.pasids![0]!;
    // Each CD has its own ASID: the TLB keeps the two address spaces apart.
    expect(r.did).toBe(extra.tag);
    expect(rid.did).toBe(dom.did);
    expect(extra.tag).not.toBe(dom.did);
    const [w0] = entryQwords(r.walk[1]!.entry, 1);
    expect(Number((w0! >> 4n) & 3n)).toBe(0); // S1Fmt linear
    expect(Number(w0! >> 59n)).toBe(8); // S1CDMax
    // Linear: no cd-l1; the CD of SSID 5 is 5 × 64 bytes into the table, at the HPA stage 2 gives.
    const names = r.walk.map((w) => w.structure);
    expect(names).not.toContain('cd-l1');
    const cd = r.walk.find((w) => w.structure === 'cd')!;
    expect(cd.entryAddr).toBe(BigInt(VM_HPA + dom.stage1!.context! + 5 * 64));
  });

  it('two-level (20 SSID bits): S1Fmt 2; SubstreamID 0x1405 reads its L1 descriptor then its CD, both through stage 2', () => {
    const s = nested(0x1405, 20);
    const r = translated(dmaStep(s, { device: 'nic0', pasid: 0x1405, iova: '0x400020', access: 'write' }).r);
    expect(r.pa).toBe(hpa(0x105020));
    const [w0] = entryQwords(r.walk[1]!.entry, 1);
    expect(Number((w0! >> 4n) & 3n)).toBe(2);
    expect(Number(w0! >> 59n)).toBe(20);
    const names = r.walk.map((w) => w.structure);
    const l1 = names.indexOf('cd-l1');
    expect(l1).toBeGreaterThan(2);
    expect(names.slice(2, l1).every((n) => n.startsWith('s2-'))).toBe(true);
    expect(r.walk[l1]!.index).toBe(0x1405 >>> 10);
    const cd = r.walk.find((w) => w.structure === 'cd')!;
    expect(cd.index).toBe(0x1405 & 0x3ff);
    // SSID 0 still uses CD 0, and an SSID whose leaf the guest never wrote is C_BAD_CD.
    expect(translated(dmaStep(s, { device: 'nic0', iova: '0x400020', access: 'read' }).r).pa).toBe(hpa(0x100020));
    expect(faulted(dmaStep(s, { device: 'nic0', pasid: 0x7777, iova: '0x400000', access: 'read' }).r)).toMatchObject({
      fault: 'no-pasid',
      reason: 0xa,
    });
  });

  it('a SubstreamID beyond S1CDMax faults C_BAD_SUBSTREAMID (0x08) before any CD read', () => {
    // A guest that lists no further CDs keeps one linear CD (S1CDMax 0): every tagged request is beyond it.
    const one = guest(20, [
      { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g0' } },
      { op: 'deviceAttach', device: 'nic0', pt: 's1' },
    ]);
    const r = faulted(dmaStep(one, { device: 'nic0', pasid: 5, iova: '0x400000', access: 'read' }).r);
    expect(r).toMatchObject({ fault: 'no-pasid', reason: 0x8 });
    expect(r.walk.map((w) => w.structure)).toEqual(['ste-l1', 'ste']);
    // Within S1CDMax but without a CD: C_BAD_CD (0x0a) after the CD read.
    const s = nested(5, 8);
    const bad = faulted(dmaStep(s, { device: 'nic0', pasid: 6, iova: '0x400000', access: 'read' }).r);
    expect(bad).toMatchObject({ fault: 'no-pasid', reason: 0xa });
    expect(bad.walk.at(-1)!.structure).toBe('cd');
  });

  it('refuses SSID 0, duplicates, an SSID beyond S1CDMax, another VM’s table, and lists on VT-d', () => {
    const base = guest(8, [
      { op: 'createVm', id: 'vm2', memory: '4MiB' },
      { op: 'guestTableAlloc', id: 'h', vm: 'vm2' },
    ]);
    const alloc = (pasids: { pasid: number; table: string }[]): Command => ({
      op: 'hwptAlloc',
      id: 's1',
      device: 'nic0',
      pt: 's2',
      stage1: { table: 'g0', pasids },
    });
    refused(base, alloc([{ pasid: 0, table: 'g5' }]), 'EINVAL');
    refused(
      base,
      alloc([
        { pasid: 3, table: 'g5' },
        { pasid: 3, table: 'g5' },
      ]),
      'EINVAL',
    );
    refused(base, alloc([{ pasid: 256, table: 'g5' }]), 'EINVAL');
    refused(base, alloc([{ pasid: 3, table: 'h' }]), 'EINVAL');
    refused(base, alloc([{ pasid: 3, table: 'nope' }]), 'ENOENT');
    // Elsewhere the guest's further contexts are not modelled (VT-d: the host holds each PASID's entry).
    for (const iommu of ['vtd', 'amd-vi'] as const) {
      const other = build(
        machine({ iommu, hostMemory: '1GiB' }),
        { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, pasidBits: 8 },
        { op: 'createVm', id: 'vm', memory: '16MiB' },
        { op: 'bindDevice', device: 'nic0' },
        { op: 'ioasAlloc', id: 'gpa' },
        { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
        { op: 'guestTableAlloc', id: 'g0', vm: 'vm' },
        { op: 'guestTableAlloc', id: 'g5', vm: 'vm' },
      ).state;
      refused(other, alloc([{ pasid: 5, table: 'g5' }]), 'EOPNOTSUPP');
    }
  });

  it('the Tables dump lists every guest CD, linear or two-level, where stage 2 puts it', () => {
    for (const [pasid, bits, l1] of [
      [5, 8, 0],
      [0x1405, 20, 2],
    ] as const) {
      const s = nested(pasid, bits);
      const dump = dumpVendorDevice(s, s.devices.get('nic0')!)!;
      const dom = s.domains.get('s1')!;
      expect(dump.level1).toHaveLength(l1);
      expect(dump.pasids.map((p) => [p.pasid, p.tag, p.table])).toEqual([
        [0, dom.did, '0x' + s.guestTables.get('g0')!.root.toString(16)],
        [pasid, dom.stage1!.pasids![0]!.tag, '0x' + s.guestTables.get('g5')!.root.toString(16)],
      ]);
    }
  });

  it('destroying the nested HWPT frees every CD’s ASID', () => {
    let s = nested(5, 8);
    const tags = [s.domains.get('s1')!.did!, s.domains.get('s1')!.stage1!.pasids![0]!.tag];
    s = build(s, { op: 'deviceDetach', device: 'nic0' }, { op: 'destroy', id: 's1' }).state;
    for (const t of tags) expect(s.usedDids.has(t)).toBe(false);
  });
});
