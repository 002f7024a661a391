/**
 * AMD-Vi nesting and SVA: the nested DTE (nested.c set_dte_nested: the NEST_PARENT's v1 table, GV, the
 * guest's GCR3 table as a GPA, the nested domain's own DomainID), the two-dimensional walk's read
 * order and names, SVA through a GCR3 entry per PASID (amd/pasid.c), and a fast-check property that a
 * nested DMA lands where the host table puts what the guest table gives (host(guest(iova))).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Command, type DmaResult, type EngineState } from '../../src/engine/index.ts';
import { build, dmaStep, entryQwords, faulted, machine, readQword, refused, translated } from '../helpers/engine.ts';

/** A DMA that must be accepted: its typed result (translated(r) / faulted(r) narrow it). */
const dma = (state: EngineState, c: Omit<Extract<Command, { op: 'dma' }>, 'op'>) => dmaStep(state, c).r;

const faultIs = (r: DmaResult, f: string) => r.outcome === 'fault' && r.fault === f;
const VM_HPA = 0x4000000;
const hex = (n: number) => '0x' + n.toString(16);

/** A VM whose 16 MiB of RAM is the IOAS "gpa", a NEST_PARENT over it and a nested HWPT on guest table g. */
function nestedSetup(platform: 'v1' | 'v2' = 'v2', extra: Command[] = []): EngineState {
  return build(
    machine({ iommu: 'amd-vi', hostMemory: '1GiB', pageTable: platform }),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
    { op: 'createVm', id: 'vm', memory: '16MiB', hpa: hex(VM_HPA) },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'ioasAlloc', id: 'gpa' },
    { op: 'ioasMap', ioas: 'gpa', iova: '0x0', pa: hex(VM_HPA), size: '16MiB', prot: 'rw' },
    { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
    { op: 'guestTableAlloc', id: 'g', vm: 'vm' },
    { op: 'guestMap', table: 'g', va: '0x400000', gpa: '0x100000', size: '4KiB', prot: 'rw' },
    { op: 'guestMap', table: 'g', va: '0x401000', gpa: '0x101000', size: '4KiB', prot: 'r' },
    { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g' } },
    ...extra,
  ).state;
}

// Guest RAM is 2 MiB aligned: the host's 3-level v1 table maps it with 2 MiB pages (NextLevel 0 at level 2).
const S2 = ['s2-pl3', 's2-pl2'];

describe('AMD-Vi nested translation', () => {
  it('the NEST_PARENT is a v1 (host) table: its DTE holds Mode and the root, no GCR3', () => {
    const s = nestedSetup('v2', [{ op: 'deviceAttach', device: 'nic0', pt: 's2' }]);
    const r = dma(s, { device: 'nic0', iova: '0x100abc', access: 'write' });
    expect(translated(r).pa).toBe(BigInt(VM_HPA + 0x100abc));
    expect(r.walk.map((w) => w.structure)).toEqual(['dte', 'pl3', 'pl2']);
    const [q0, q1] = entryQwords(r.walk[0]!.entry, 2);
    const parent = s.domains.get('s2')!;
    expect(Number((q0! >> 9n) & 7n)).toBe(3); // Mode: 3 levels
    expect(q0! & 0xffffffffff000n).toBe(BigInt(parent.pgd!)); // host page-table root
    expect((q0! >> 55n) & 1n).toBe(0n); // GV clear
    expect(Number(q1! & 0xffffn)).toBe(parent.did); // the domain's own DomainID
    expect((q0! >> 61n) & 3n).toBe(3n); // IR, IW
    expect((q1! >> 32n) & 1n).toBe(0n); // no ATS: I clear
    expect(translated(r).did).toBe(parent.did);
  });

  for (const platform of ['v2', 'v1'] as const)
    it(`the nested DTE (${platform} platform): host table + GV + the guest's GCR3 GPA; every guest read goes through the host`, () => {
      const s = nestedSetup(platform, [{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
      const r = dma(s, { device: 'nic0', iova: '0x400abc', access: 'read' });
      expect(translated(r).pa).toBe(BigInt(VM_HPA + 0x100abc));
      expect(r.walk.map((w) => w.structure)).toEqual([
        'dte',
        ...S2,
        'gcr3',
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
      const [q0, q1] = entryQwords(r.walk[0]!.entry, 2);
      expect(Number((q0! >> 9n) & 7n)).toBe(3); // Mode of the parent's table
      expect(q0! & 0xffffffffff000n).toBe(BigInt(parent.pgd!));
      expect((q0! >> 55n) & 1n).toBe(1n); // GV
      expect((q0! >> 54n) & 1n).toBe(1n); // GIoV: untagged traffic uses GCR3[0]
      // GCR3 root split over 60:58, 95:80, 127:107: the guest's GCR3 table, a GPA.
      const gcr3 = ((q0! >> 58n) & 7n) | (((q1! >> 16n) & 0xffffn) << 3n) | ((q1! >> 43n) << 19n);
      expect(gcr3 << 12n).toBe(BigInt(nested.stage1!.context!));
      expect(Number(q1! & 0xffffn)).toBe(nested.did); // the nested domain's own DomainID (hDomID)
      expect(translated(r).did).toBe(nested.did);
      // The GCR3 entry is read at the HPA of its GPA, and points at the guest's v2 root (a GPA).
      expect(r.walk[3]!.entryAddr).toBe(BigInt(VM_HPA + nested.stage1!.context!));
      expect(r.walk[3]!.entry & 0xffffffffff000n).toBe(BigInt(nested.stage1!.root));
      expect(r.walk[6]!.entryAddr).toBe(BigInt(VM_HPA + nested.stage1!.root));
    });

  it('permissions of both stages; an IOTLB hit reads the DTE alone (its DomainID tags the entry)', () => {
    let s = nestedSetup('v2', [{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
    expect(dma(s, { device: 'nic0', iova: '0x401000', access: 'write' })).toMatchObject({
      fault: 'write-denied',
      reason: 0x2,
    });
    expect(dma(s, { device: 'nic0', iova: '0x402000', access: 'read' })).toMatchObject({
      fault: 'not-mapped',
      reason: 0x2,
    });
    s = dmaStep(s, { device: 'nic0', iova: '0x400000', access: 'write' }).state;
    const hit = dma(s, { device: 'nic0', iova: '0x400008', access: 'read' });
    expect(translated(hit).iotlb).toBe('hit');
    expect(hit.walk.map((w) => w.structure)).toEqual(['dte']);
  });

  it('a nested HWPT owns the RID: no PASID beside it (EINVAL), none for it (EOPNOTSUPP); a host table refuses PASIDs too', () => {
    const s = nestedSetup('v2', [
      { op: 'ioasAlloc', id: 'io2' },
      { op: 'hwptAlloc', id: 'p', device: 'nic0', pt: 'io2' },
    ]);
    const attached = build(s, { op: 'deviceAttach', device: 'nic0', pt: 's1' }).state;
    refused(attached, { op: 'deviceAttach', device: 'nic0', pasid: 3, pt: 'p' }, 'EINVAL');
    const rid = build(s, { op: 'deviceAttach', device: 'nic0', pt: 'p' }).state;
    refused(rid, { op: 'deviceAttach', device: 'nic0', pasid: 3, pt: 's1' }, 'EOPNOTSUPP');
    refused(rid, { op: 'deviceAttach', device: 'nic0', pasid: 3, pt: 's2' }, 'EINVAL');
    const withPasid = build(rid, { op: 'deviceAttach', device: 'nic0', pasid: 3, pt: 'p' }).state;
    expect(refused(withPasid, { op: 'deviceReplace', device: 'nic0', pt: 's1' }, 'EINVAL')).toMatch(
      /PASIDs of the device are attached/,
    );
  });

  it("a host-table change flushes the nested domain's whole DomainID", () => {
    let s = nestedSetup('v2', [{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
    s = dmaStep(s, { device: 'nic0', iova: '0x400000', access: 'read' }).state;
    expect(s.iotlb.size).toBe(1);
    const n = s.invalidations.length;
    s = build(s, { op: 'ioasUnmap', ioas: 'gpa', size: 'all' }).state;
    const nested = s.domains.get('s1')!;
    const parent = s.domains.get('s2')!;
    expect(s.invalidations.slice(n).map((i) => `${i.type}/${i.granularity}/${i.did ?? ''}`)).toEqual([
      `iotlb/page/${parent.did}`,
      `iotlb/domain/${nested.did}`,
      'wait/global/',
    ]);
    expect(s.iotlb.size).toBe(0);
    expect(faulted(dma(s, { device: 'nic0', iova: '0x400000', access: 'read' })).fault).toBe('not-mapped');
  });

  it('a growing host table rewrites the nested DTE (increase_address_space) and the walk follows it', () => {
    let s = nestedSetup('v2', [{ op: 'deviceAttach', device: 'nic0', pt: 's1' }]);
    s = build(s, { op: 'ioasMap', ioas: 'gpa', iova: '0x10000000000', pa: '0x200000', size: '4KiB', prot: 'r' }).state;
    expect(s.domains.get('s2')!.levels).toBe(4);
    const r = dma(s, { device: 'nic0', iova: '0x400abc', access: 'read' });
    expect(translated(r).pa).toBe(BigInt(VM_HPA + 0x100abc));
    expect(r.walk.slice(0, 4).map((w) => w.structure)).toEqual(['dte', 's2-pl4', 's2-pl3', 's2-pl2']);
    expect(s.invalidations.some((i) => i.type === 'context-cache' && i.seq === s.seq - 1)).toBe(true);
  });

  it('property: a nested DMA lands at host(guest(iova)), or faults where either table lacks the page (4- and 5-level guests)', () => {
    // A 57-bit platform's guest tables are 5-level (GuestPagingMode): its VAs sit above 2^48.
    const vaBase = { 48: 0x400000n, 57: 0xf0000000400000n } as const;
    const vaHex = (width: 48 | 57, p: number, off = 0) =>
      '0x' + (vaBase[width] + BigInt(p * 0x1000 + off)).toString(16);
    const arb = fc.record({
      guest: fc.uniqueArray(fc.record({ p: fc.nat(15), g: fc.nat(255), w: fc.boolean() }), {
        selector: (m) => m.p,
        maxLength: 8,
      }),
      hole: fc.option(fc.nat(255), { nil: undefined }),
      hostReadOnly: fc.boolean(),
      probe: fc.nat(15),
      write: fc.boolean(),
      width: fc.constantFrom(48 as const, 57 as const),
    });
    const seen = { translated: 0, guestFault: 0, hostFault: 0, fiveLevel: 0 };
    fc.assert(
      fc.property(arb, ({ guest, hole, hostReadOnly, probe, write, width }) => {
        const RAM = 16 * 256;
        const cmds: Command[] = [
          { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
          { op: 'createVm', id: 'vm', memory: '16MiB', hpa: hex(VM_HPA) },
          { op: 'bindDevice', device: 'nic0' },
          { op: 'ioasAlloc', id: 'gpa' },
        ];
        // The host maps guest RAM around an optional hole (one page in the first MiB), the first MiB
        // read-only when asked (the guest's own tables sit at the top of its RAM, so stay readable).
        const hostProt = (from: number) => (hostReadOnly && from < 256 ? 'r' : 'rw');
        const ranges: [number, number][] =
          hole === undefined
            ? [[0, RAM]]
            : [
                [0, hole],
                [hole + 1, RAM],
              ];
        for (const [from, to] of ranges) {
          if (to <= from) continue;
          const cut = Math.min(Math.max(256, from), to);
          for (const [a, b] of [
            [from, cut],
            [cut, to],
          ] as const)
            if (b > a)
              cmds.push({
                op: 'ioasMap',
                ioas: 'gpa',
                iova: hex(a * 4096),
                pa: hex(VM_HPA + a * 4096),
                size: (b - a) * 4096,
                prot: hostProt(a),
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
            va: vaHex(width, m.p),
            gpa: hex(m.g * 4096),
            size: '4KiB',
            prot: m.w ? 'rw' : 'r',
          });
        cmds.push(
          { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g' } },
          { op: 'deviceAttach', device: 'nic0', pt: 's1' },
        );
        const s = build(machine({ iommu: 'amd-vi', hostMemory: '1GiB', addressWidth: width }), ...cmds).state;
        const r = dma(s, { device: 'nic0', iova: vaHex(width, probe, 0x10), access: write ? 'write' : 'read' });
        // The guest walk starts at its top level: s1-pl5 on a 57-bit platform, s1-pl4 otherwise.
        const top = r.walk.find((w) => w.structure.startsWith('s1-'))?.structure;
        if (top !== (width === 57 ? 's1-pl5' : 's1-pl4')) return false;
        const m = guest.find((x) => x.p === probe);
        if (m === undefined) return (seen.guestFault++, faultIs(r, 'not-mapped'));
        if (write && !m.w) return (seen.guestFault++, faultIs(r, 'write-denied'));
        if (m.g === hole) return (seen.hostFault++, faultIs(r, 'not-mapped'));
        if (write && hostReadOnly && m.g < 256) return (seen.hostFault++, faultIs(r, 'write-denied'));
        seen.translated++;
        if (width === 57) seen.fiveLevel++;
        return r.outcome === 'translated' && r.pa === BigInt(VM_HPA + m.g * 4096 + 0x10);
      }),
      { seed: 20261202, numRuns: 60 },
    );
    expect(seen.translated).toBeGreaterThan(0);
    expect(seen.guestFault).toBeGreaterThan(0);
    expect(seen.hostFault).toBeGreaterThan(0);
    expect(seen.fiveLevel).toBeGreaterThan(0);
  });
});

describe('AMD-Vi SVA', () => {
  it("a process's v2 table in the GCR3 entry of its global PASID, on every bound device", () => {
    const s = build(
      machine({ iommu: 'amd-vi', hostMemory: '1GiB' }),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'addDevice', id: 'iax0', bdf: '0000:6a:02.0', kind: 'parent', wqs: 2 },
      { op: 'processAlloc', id: 'p' },
      { op: 'processMap', process: 'p', va: '0x7f0000000000', pa: '0x200000', size: '4KiB', prot: 'r' },
      { op: 'svaBind', device: 'dsa0', process: 'p' },
      { op: 'svaBind', device: 'iax0', process: 'p' },
    ).state;
    const proc = s.processes.get('p')!;
    for (const device of ['dsa0', 'iax0']) {
      const dev = s.devices.get(device)!;
      const r = dma(s, { device, pasid: proc.pasid!, iova: '0x7f0000000123', access: 'read' });
      expect(translated(r).pa).toBe(0x200123n);
      expect(r.walk.map((w) => w.structure)).toEqual(['dte', 'gcr3-l1', 'gcr3', 'pl4', 'pl3', 'pl2', 'pl1']);
      expect(r.walk[2]!.index).toBe(proc.pasid);
      // The GCR3 entry: present, pointing at the process's own table (in host memory).
      expect(r.walk[2]!.entry).toBe(BigInt(proc.root) | 1n);
      expect(translated(r).did).toBe(dev.tag); // tagged with the device's GCR3 DomainID
      expect(readQword(s, Number(r.walk[6]!.entryAddr)) & 2n).toBe(0n); // R/W clear: read-only
      expect(faulted(dma(s, { device, pasid: proc.pasid!, iova: '0x7f0000000123', access: 'write' })).fault).toBe(
        'write-denied',
      );
    }
  });

  it('the mm notifier flushes each device: INVALIDATE_IOMMU_PAGES with GN and the PASID', () => {
    let s = build(
      machine({ iommu: 'amd-vi', hostMemory: '1GiB' }),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'processAlloc', id: 'p' },
      { op: 'svaBind', device: 'dsa0', process: 'p' },
    ).state;
    const n = s.invalidations.length;
    s = build(s, { op: 'processMap', process: 'p', va: '0x1000', pa: '0x200000', size: '4KiB', prot: 'rw' }).state;
    const tag = s.devices.get('dsa0')!.tag;
    expect(s.invalidations.slice(n).map((i) => `${i.type}/${i.granularity}/${i.did}/${i.pasid}`)).toEqual([
      `p_iotlb/page/${tag}/1`,
    ]);
  });

  it('is refused with v1 page tables (no GCR3 table per device)', () => {
    const s = build(
      machine({ iommu: 'amd-vi', pageTable: 'v1' }),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'processAlloc', id: 'p' },
    ).state;
    expect(refused(s, { op: 'svaBind', device: 'dsa0', process: 'p' }, 'EOPNOTSUPP')).toMatch(/v2 page tables/);
  });
});
