/** The Arm SMMUv3 back-end: STE, CD and LPAE stage-1 entries worked out from the spec's layouts. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText, type Command, type EngineState } from '../../src/engine/index.ts';
import { build, dmaStep, entryQwords, faulted, machine, refused, translated } from '../helpers/engine.ts';

const smmu = () => machine({ iommu: 'smmuv3', hostMemory: '64MiB' });

/** A DMA that must be accepted: its typed result (translated(r) / faulted(r) narrow it). */
const dma = (state: EngineState, c: Omit<Extract<Command, { op: 'dma' }>, 'op'>) => dmaStep(state, c).r;

const split = entryQwords;

describe('SMMUv3 structures', () => {
  const base = () =>
    build(
      smmu(),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'allocDomain', id: 'd', type: 'DMA' },
      { op: 'attach', domain: 'd', device: 'dsa0' },
      { op: 'map', domain: 'd', iova: '0x200000', pa: '0x1000', size: '4KiB', prot: 'r' },
      { op: 'map', domain: 'd', iova: '0x40000000', pa: '0x0', size: '1GiB', prot: 'rw' },
    );

  it('ASIDs start at 1; a walk reads ste-l1, ste, cd-l1, cd, then the LPAE levels', () => {
    const { state } = base();
    expect(state.domains.get('d')?.did).toBe(1);
    const r = translated(dma(state, { device: 'dsa0', iova: '0x200abc', access: 'read' }));
    expect(r.pa).toBe(0x1abcn);
    expect(r.walk.map((w) => w.structure)).toEqual(['ste-l1', 'ste', 'cd-l1', 'cd', 'pl4', 'pl3', 'pl2', 'pl1']);
    const [l1] = split(r.walk[0]!.entry, 1);
    expect(Number(l1! & 0x1fn)).toBe(9); // SPAN = STRTAB_SPLIT + 1
    const [ste0, ste1] = split(r.walk[1]!.entry, 2);
    expect(Number(ste0! & 1n)).toBe(1); // V
    expect(Number((ste0! >> 1n) & 7n)).toBe(0b101); // Config: stage 1 only
    expect(Number((ste0! >> 4n) & 3n)).toBe(2); // S1Fmt: two-level, 64 KiB leaves
    expect(Number(ste0! >> 59n)).toBe(20); // S1CDMax: 20-bit SubstreamIDs
    expect(Number(ste1! & 3n)).toBe(0b10); // S1DSS: untagged traffic uses CD 0
    expect(r.walk[2]!.entryAddr).toBe(ste0! & 0xffffffffffc0n); // S1ContextPtr → L1 CD table
    const [cd0, cd1] = split(r.walk[3]!.entry, 2);
    expect(Number(cd0! & 0x3fn)).toBe(16); // T0SZ: 48-bit input
    expect(Number((cd0! >> 31n) & 1n)).toBe(1); // V
    expect(Number(cd0! >> 48n)).toBe(1); // ASID
    expect(r.walk[4]!.entryAddr).toBe(cd1! & 0xffffffffff0n); // TTB0
    // Page descriptor: type 0b11, AttrIndx 1, AP = unprivileged + read-only, SH inner, AF, nG.
    expect(r.walk[7]!.entry).toBe(0x1fc7n);
  });

  it('a 1 GiB block ends the walk at PL3; a write to a read-only page is F_PERMISSION', () => {
    const { state } = base();
    const r = translated(dma(state, { device: 'dsa0', iova: '0x7fffffff', access: 'write' }));
    expect(r.pa).toBe(0x3fffffffn);
    expect(r.walk.at(-1)).toMatchObject({ structure: 'pl3', entry: 0xf45n });
    expect(faulted(dma(state, { device: 'dsa0', iova: '0x200000', access: 'write' }))).toMatchObject({
      fault: 'write-denied',
      reason: 0x13,
    });
  });

  it('faults carry SMMU event numbers', () => {
    const { state } = base();
    const s = build(state, { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' }).state;
    expect(faulted(dma(s, { device: 'nic0', iova: '0x0', access: 'read' }))).toMatchObject({
      fault: 'no-context',
      reason: 0x2,
    });
    expect(faulted(dma(s, { device: 'dsa0', pasid: 7, iova: '0x0', access: 'read' }))).toMatchObject({
      fault: 'no-pasid',
      reason: 0xa,
    });
    expect(faulted(dma(s, { device: 'dsa0', iova: '0x1000000000000', access: 'read' }))).toMatchObject({
      fault: 'beyond-width',
      reason: 0x10,
    });
    expect(faulted(dma(s, { device: 'dsa0', iova: '0x0', access: 'read' }))).toMatchObject({
      fault: 'not-mapped',
      reason: 0x10,
    });
  });

  it('identity: a bypass STE without PASID, S1DSS=bypass with PASIDs in use', () => {
    const s = build(
      smmu(),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'allocDomain', id: 'id', type: 'IDENTITY' },
      { op: 'attach', domain: 'id', device: 'nic0' },
      { op: 'attach', domain: 'id', device: 'dsa0' },
      { op: 'allocDomain', id: 'g', type: 'UNMANAGED' },
      { op: 'map', domain: 'g', iova: '0x0', pa: '0x100000', size: '4KiB', prot: 'rw' },
      { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
      { op: 'auxAttach', domain: 'g', device: 'dsa0', wq: 1 },
    ).state;
    const a = translated(dma(s, { device: 'nic0', iova: '0x1234', access: 'read' }));
    expect(a.pa).toBe(0x1234n);
    expect(Number((split(a.walk[1]!.entry, 1)[0]! >> 1n) & 7n)).toBe(0b100);
    const b = translated(dma(s, { device: 'dsa0', iova: '0x1234', access: 'read' }));
    expect(b.pa).toBe(0x1234n);
    expect(Number(split(b.walk[1]!.entry, 2)[1]! & 3n)).toBe(0b01);
    expect(translated(dma(s, { device: 'dsa0', pasid: 1, iova: '0x10', access: 'read' })).pa).toBe(0x100010n);
  });

  it('57-bit widths are refused (4 KiB granule LPAE tables reach 48 bits)', () => {
    const bad = parseScenarioText(
      JSON.stringify({ format: 'pasid-atlas/scenario@1', platform: { iommu: 'smmuv3', addressWidth: 57 }, steps: [] }),
    );
    expect(bad.ok ? '' : bad.message).toMatch(/^platform\.addressWidth: 57 is not available on smmuv3/);
  });

  it('a NEST_PARENT HWPT is a stage-2 domain: an S2 STE with VMID and S2TTB, S2AP read/write, no SubstreamIDs', () => {
    const s = build(
      smmu(),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'bindDevice', device: 'nic0' },
      { op: 'ioasAlloc', id: 'io' },
      { op: 'ioasMap', ioas: 'io', iova: '0x10000', pa: '0x300000', size: '4KiB', prot: 'w' },
      { op: 'ioasMap', ioas: 'io', iova: '0x20000', pa: '0x400000', size: '4KiB', prot: 'rw' },
      { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'io', nestParent: true },
      { op: 'deviceAttach', device: 'nic0', pt: 's2' },
    ).state;
    const r = translated(dma(s, { device: 'nic0', iova: '0x20010', access: 'read' }));
    expect(r.pa).toBe(0x400010n);
    expect(r.walk.map((w) => w.structure)).toEqual(['ste-l1', 'ste', 'pl4', 'pl3', 'pl2', 'pl1']);
    const [q0, , q2, q3] = split(r.walk[1]!.entry, 4);
    expect(Number((q0! >> 1n) & 7n)).toBe(0b110); // Config: stage 2 only
    expect(Number(q2! & 0xffffn)).toBe(s.domains.get('s2')?.did); // S2VMID
    expect(Number((q2! >> 32n) & 0x3fn)).toBe(16); // VTCR.T0SZ
    expect(r.walk[2]!.entryAddr).toBe(q3! & 0xffffffffff0n); // S2TTB
    // Page: type 0b11, MemAttr WB, S2AP read|write, SH inner, AF.
    expect(r.walk.at(-1)!.entry).toBe(0x4007ffn);
    expect(faulted(dma(s, { device: 'nic0', iova: '0x10000', access: 'read' }))).toMatchObject({
      fault: 'read-denied',
      reason: 0x13,
    });
    expect(translated(dma(s, { device: 'nic0', iova: '0x10000', access: 'write' })).pa).toBe(0x300000n);
    refused(s, { op: 'deviceAttach', device: 'nic0', pasid: 3, pt: 's2' }, 'EOPNOTSUPP');
    expect(faulted(dma(s, { device: 'nic0', pasid: 3, iova: '0x20000', access: 'read' }))).toMatchObject({
      fault: 'no-pasid',
      reason: 0x8,
    });
  });

  it('iommufd paging works the same: auto HWPT, PASID attach', () => {
    const s = build(
      smmu(),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'bindDevice', device: 'nic0' },
      { op: 'ioasAlloc', id: 'io' },
      { op: 'ioasMap', ioas: 'io', iova: '0x10000', pa: '0x300000', size: '8KiB', prot: 'rw' },
      { op: 'deviceAttach', device: 'nic0', pt: 'io', pasid: 9 },
    ).state;
    expect(translated(dma(s, { device: 'nic0', pasid: 9, iova: '0x11008', access: 'write' })).pa).toBe(0x301008n);
    expect(faulted(dma(s, { device: 'nic0', iova: '0x11008', access: 'read' })).fault).toBe('blocked');
  });
});
