/**
 * SMMUv3 nesting and SVA: the nested STE over the guest's own CD table (arm_smmu_make_nested_domain_ste),
 * the two-dimensional walk's read order and names, and SVA CDs (arm_smmu_make_sva_cd); a fast-check
 * property that a nested DMA lands where stage 2 puts what stage 1 gives (S2(S1(iova))).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, type Command, type DmaResult, type EngineState } from '../../src/engine/index.ts';
import { decodeEntry } from '../../src/engine/inspect/decode.ts';
import { dumpVendorDevice } from '../../src/engine/inspect/vendorTables.ts';
import { build, dmaStep, entryQwords, faulted, machine, readQword, refused, translated } from '../helpers/engine.ts';

/** A DMA that must be accepted: its typed result (translated(r) / faulted(r) narrow it). */
const dma = (state: EngineState, c: Omit<Extract<Command, { op: 'dma' }>, 'op'>) => dmaStep(state, c).r;
const faultIs = (r: DmaResult, f: string) => r.outcome === 'fault' && r.fault === f;

const VM_HPA = 0x4000000;

/** A VM whose 16 MiB of RAM is the IOAS "gpa", a NEST_PARENT over it and a nested HWPT on guest table g. */
function nestedSetup(extra: Command[] = [], ats = false): EngineState {
  return build(
    machine({ iommu: 'smmuv3', hostMemory: '1GiB' }),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, ats },
    { op: 'createVm', id: 'vm', memory: '16MiB', hpa: '0x' + VM_HPA.toString(16) },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'ioasAlloc', id: 'gpa' },
    { op: 'ioasMap', ioas: 'gpa', iova: '0x0', pa: '0x' + VM_HPA.toString(16), size: '16MiB', prot: 'rw' },
    { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
    { op: 'guestTableAlloc', id: 'g', vm: 'vm' },
    { op: 'guestMap', table: 'g', va: '0x400000', gpa: '0x100000', size: '4KiB', prot: 'rw' },
    { op: 'guestMap', table: 'g', va: '0x401000', gpa: '0x101000', size: '4KiB', prot: 'r' },
    { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g' } },
    ...extra,
  ).state;
}

// Guest RAM is 2 MiB aligned: stage 2 maps it with 2 MiB blocks, so each stage-2 walk ends at level 2.
const S2 = ['s2-pl4', 's2-pl3', 's2-pl2'];

describe('SMMUv3 nested translation', () => {
  it('the nested STE: Config S1+S2, S1ContextPtr = the guest CD table (IPA), the parent VMID and S2TTB', () => {
    const s = nestedSetup([{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
    const r = dma(s, { device: 'nic0', iova: '0x400abc', access: 'read' });
    expect(translated(r).pa).toBe(BigInt(VM_HPA + 0x100abc));
    const names = r.walk.map((w) => w.structure);
    expect(names).toEqual([
      'ste-l1',
      'ste',
      ...S2,
      'cd',
      ...S2,
      's1-pl4',
      ...S2,
      's1-pl3',
      ...S2,
      's1-pl2',
      ...S2,
      's1-pl1',
      ...S2,
    ]);
    const nested = s.domains.get('s1')!;
    const parent = s.domains.get('s2')!;
    const [w0] = entryQwords(r.walk[1]!.entry, 1);
    expect(Number((w0! >> 1n) & 7n)).toBe(0b111); // Config: S1 + S2 translate
    expect(w0! & 0xffffffffffc0n).toBe(BigInt(nested.stage1!.context!)); // S1ContextPtr: an IPA
    expect(Number(w0! >> 59n)).toBe(0); // S1CDMax 0: one CD
    const [, , q2, q3] = entryQwords(r.walk[1]!.entry, 4);
    expect(Number(q2! & 0xffffn)).toBe(parent.did); // S2VMID
    expect(q3! & 0xffffffffff0n).toBe(BigInt(parent.pgd!)); // S2TTB
    // The CD read is at the HPA stage 2 gives for its IPA; it points at the guest table, tagged with the nested ASID.
    expect(r.walk[5]!.entryAddr).toBe(BigInt(VM_HPA + nested.stage1!.context!));
    const [cd0, cd1] = entryQwords(r.walk[5]!.entry, 2);
    expect(Number(cd0! >> 48n)).toBe(nested.did);
    expect(cd1! & 0xffffffffff0n).toBe(BigInt(nested.stage1!.root));
    expect(translated(r).did).toBe(nested.did);
    // s1-pl4 is read at the HPA of the guest table's IPA.
    expect(r.walk[9]!.entryAddr).toBe(BigInt(VM_HPA + nested.stage1!.root));
  });

  it('the decoders name the nested STE, the stage-2 descriptors (S2AP) and the guest stage-1 ones', () => {
    const s = nestedSetup([{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
    const r = dma(s, { device: 'nic0', iova: '0x400abc', access: 'read' });
    const parent = s.domains.get('s2')!;
    const val = (structure: string, entry: bigint, name: string) =>
      decodeEntry(structure, entry, undefined, 'smmuv3').find((f) => f.name === name);
    const ste = r.walk[1]!;
    expect(val('ste', ste.entry, 'Config')?.meaning).toBe('nested (stage 1 + stage 2)');
    expect(val('ste', ste.entry, 'S2VMID')?.value).toBe(parent.did);
    expect(val('ste', ste.entry, 'S2TTB')?.value).toBe('0x' + parent.pgd!.toString(16));
    expect(val('ste', ste.entry, 'S1ContextPtr')?.meaning).toMatch(/guest's CD table at IPA/);
    const s2leaf = r.walk.filter((w) => w.structure === 's2-pl2').at(-1)!;
    expect(val('s2-pl2', s2leaf.entry, 'S2AP[1]')?.meaning).toBe('writes allowed');
    const s1leaf = r.walk.find((w) => w.structure === 's1-pl1')!;
    expect(val('s1-pl1', s1leaf.entry, 'AP[2]')?.meaning).toBe('read/write');
  });

  it("the tables dump shows the guest's CD where stage 2 puts it", () => {
    const s = nestedSetup([{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
    const dump = dumpVendorDevice(s, s.devices.get('nic0')!);
    const nested = s.domains.get('s1')!;
    expect(dump?.path.map((r) => r.structure)).toEqual(['ste-l1', 'ste']);
    expect(dump?.pasids).toHaveLength(1);
    expect(dump?.pasids[0]).toMatchObject({
      pasid: 0,
      tag: nested.did,
      table: '0x' + nested.stage1!.root.toString(16),
    });
    expect(dump?.pasids[0]?.entry.address).toBe('0x' + (VM_HPA + nested.stage1!.context!).toString(16));
  });

  it('permissions of both stages; IOTLB hits stop after the STE and CD', () => {
    let s = nestedSetup([{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
    expect(dma(s, { device: 'nic0', iova: '0x401000', access: 'write' })).toMatchObject({
      fault: 'write-denied',
      reason: 0x13,
    });
    expect(dma(s, { device: 'nic0', iova: '0x402000', access: 'read' })).toMatchObject({
      fault: 'not-mapped',
      reason: 0x10,
    });
    const r = applyCommand(s, { op: 'dma', device: 'nic0', iova: '0x400000', access: 'write' });
    s = r.state;
    const hit = dma(s, { device: 'nic0', iova: '0x400008', access: 'read' });
    expect(translated(hit).iotlb).toBe('hit');
    expect(hit.walk.map((w) => w.structure)).toEqual(['ste-l1', 'ste', ...S2, 'cd']);
  });

  it('a nested HWPT owns the stream: no SubstreamID beside it (EINVAL), none for it (EOPNOTSUPP), not over PASIDs (EBUSY)', () => {
    const s = nestedSetup([
      { op: 'ioasAlloc', id: 'io2' },
      { op: 'hwptAlloc', id: 'p', device: 'nic0', pt: 'io2' },
    ]);
    const attached = build(s, { op: 'deviceAttach', device: 'nic0', pt: 's1' }).state;
    expect(refused(attached, { op: 'deviceAttach', device: 'nic0', pasid: 3, pt: 'p' }, 'EINVAL')).toMatch(
      /nested domain, not a CD table/,
    );
    const rid = build(s, { op: 'deviceAttach', device: 'nic0', pt: 'p' }).state;
    refused(rid, { op: 'deviceAttach', device: 'nic0', pasid: 3, pt: 's1' }, 'EOPNOTSUPP');
    // While a SubstreamID uses the CD table, neither a nested nor a stage-2 domain can take the STE (EBUSY).
    const pasid = build(rid, { op: 'deviceAttach', device: 'nic0', pasid: 3, pt: 'p' }).state;
    refused(pasid, { op: 'deviceReplace', device: 'nic0', pt: 's1' }, 'EBUSY');
    refused(pasid, { op: 'deviceReplace', device: 'nic0', pt: 's2' }, 'EBUSY');
    const freed = build(
      pasid,
      { op: 'deviceDetach', device: 'nic0', pasid: 3 },
      { op: 'deviceReplace', device: 'nic0', pt: 's1' },
    );
    expect(freed.result).toEqual({ hwpt: 's1' });
  });

  it('a stage-2 change flushes the nested ASIDs: TLBI_S2_IPA, then TLBI_NH_ALL for the VMID', () => {
    let s = nestedSetup([{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
    s = applyCommand(s, { op: 'dma', device: 'nic0', iova: '0x400000', access: 'read' }).state;
    expect(s.iotlb.size).toBe(1);
    const n = s.invalidations.length;
    s = build(s, { op: 'ioasUnmap', ioas: 'gpa', size: 'all' }).state;
    const vmid = s.domains.get('s2')!.did;
    expect(s.invalidations.slice(n).map((i) => `${i.type}/${i.granularity}/${i.stage ?? ''}/${i.did ?? ''}`)).toEqual([
      `iotlb/page/2/${vmid ?? ''}`,
      `iotlb/global/1/${vmid ?? ''}`,
      'wait/global//',
    ]);
    expect(s.iotlb.size).toBe(0);
    expect(faulted(dma(s, { device: 'nic0', iova: '0x400000', access: 'read' })).fault).toBe('not-mapped');
  });

  it('property: a nested DMA lands at S2(S1(iova)), or faults where either stage lacks the page', () => {
    const va = (p: number) => 0x400000 + p * 0x1000;
    const arb = fc.record({
      guest: fc.uniqueArray(fc.record({ p: fc.nat(15), g: fc.nat(255), w: fc.boolean() }), {
        selector: (m) => m.p,
        maxLength: 8,
      }),
      hole: fc.option(fc.nat(255), { nil: undefined }),
      probe: fc.nat(15),
      write: fc.boolean(),
    });
    let translated = 0;
    fc.assert(
      fc.property(arb, ({ guest, hole, probe, write }) => {
        const cmds: Command[] = [
          { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
          { op: 'createVm', id: 'vm', memory: '16MiB', hpa: '0x' + VM_HPA.toString(16) },
          { op: 'bindDevice', device: 'nic0' },
          { op: 'ioasAlloc', id: 'gpa' },
        ];
        // Stage 2 maps guest RAM page by page around an optional hole (one 4 KiB page in the first MiB).
        const RAM = 16 * 256;
        if (hole === undefined)
          cmds.push({
            op: 'ioasMap',
            ioas: 'gpa',
            iova: '0x0',
            pa: '0x' + VM_HPA.toString(16),
            size: '16MiB',
            prot: 'rw',
          });
        else {
          if (hole > 0)
            cmds.push({
              op: 'ioasMap',
              ioas: 'gpa',
              iova: '0x0',
              pa: '0x' + VM_HPA.toString(16),
              size: hole * 4096,
              prot: 'rw',
            });
          cmds.push({
            op: 'ioasMap',
            ioas: 'gpa',
            iova: '0x' + ((hole + 1) * 4096).toString(16),
            pa: '0x' + (VM_HPA + (hole + 1) * 4096).toString(16),
            size: (RAM - hole - 1) * 4096,
            prot: 'rw',
          });
        }
        cmds.push(
          { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
          { op: 'guestTableAlloc', id: 'g', vm: 'vm' },
        );
        for (const m of guest)
          cmds.push({
            op: 'guestMap',
            table: 'g',
            va: '0x' + va(m.p).toString(16),
            gpa: '0x' + (m.g * 4096).toString(16),
            size: '4KiB',
            prot: m.w ? 'rw' : 'r',
          });
        cmds.push(
          { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g' } },
          { op: 'deviceAttach', device: 'nic0', pt: 's1' },
        );
        const s = build(machine({ iommu: 'smmuv3', hostMemory: '1GiB' }), ...cmds).state;
        const r = dma(s, {
          device: 'nic0',
          iova: '0x' + (va(probe) + 0x10).toString(16),
          access: write ? 'write' : 'read',
        });
        const m = guest.find((x) => x.p === probe);
        if (m === undefined) return faultIs(r, 'not-mapped');
        if (write && !m.w) return faultIs(r, 'write-denied');
        if (m.g === hole) return faultIs(r, 'not-mapped');
        translated++;
        return r.outcome === 'translated' && r.pa === BigInt(VM_HPA + m.g * 4096 + 0x10);
      }),
      { seed: 20261202, numRuns: 60 },
    );
    expect(translated).toBeGreaterThan(0);
  });
});

describe('SMMUv3 SVA', () => {
  it("a process's Arm LPAE table in the CD of its global PASID, on every bound device", () => {
    const s = build(
      machine({ iommu: 'smmuv3', hostMemory: '1GiB' }),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'addDevice', id: 'iax0', bdf: '0000:6a:02.0', kind: 'parent', wqs: 2 },
      { op: 'processAlloc', id: 'p' },
      { op: 'processMap', process: 'p', va: '0x7f0000000000', pa: '0x200000', size: '4KiB', prot: 'r' },
      { op: 'svaBind', device: 'dsa0', process: 'p' },
      { op: 'svaBind', device: 'iax0', process: 'p' },
    ).state;
    const proc = s.processes.get('p')!;
    const dom = s.domains.get('p.sva')!;
    for (const device of ['dsa0', 'iax0']) {
      const r = dma(s, { device, pasid: proc.pasid!, iova: '0x7f0000000123', access: 'read' });
      expect(translated(r).pa).toBe(0x200123n);
      expect(r.walk.map((w) => w.structure)).toEqual(['ste-l1', 'ste', 'cd-l1', 'cd', 'pl4', 'pl3', 'pl2', 'pl1']);
      const [cd0, cd1] = entryQwords(r.walk[3]!.entry, 2);
      expect(Number(cd0! & 0x3fn)).toBe(16); // T0SZ: 48-bit VAs
      expect(Number(cd0! >> 48n)).toBe(dom.did); // the SVA domain's ASID
      expect(cd1! & 0xffffffffff0n).toBe(BigInt(proc.root)); // TTB0: the process's own table
      // The leaf is an Arm LPAE page descriptor: type 0b11, AP[2] = read-only.
      const leaf = readQword(s, Number(r.walk[7]!.entryAddr));
      expect(leaf & 3n).toBe(3n);
      expect((leaf >> 7n) & 1n).toBe(1n);
      expect(faulted(dma(s, { device, pasid: proc.pasid!, iova: '0x7f0000000123', access: 'write' })).fault).toBe(
        'write-denied',
      );
    }
  });
});
