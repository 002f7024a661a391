/**
 * The audit's findings (issue 12), one block each: scalable-mode fault reasons, DTE, stages,
 * power-of-two page-selective invalidation, invalidation types, SMMUv3 abort STEs / linear CD
 * tables / MAIR, AMD-Vi v1 growing tables and FC, iommufd re-attach. The scenario files
 * src/scenarios/audit-findings*.json show the same through the runner.
 */
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  Outcome,
  Reason,
  TranslateResult,
  WalkTrace,
  translate,
  type Command,
  type DmaResult,
  type EngineState,
} from '../../src/engine/index.ts';
import { MAMV, psiAligned } from '../../src/engine/invalidation.ts';
import {
  CTX_DTE,
  CTX_PASIDE,
  P,
  PGTT,
  contextEntryWords,
  pasidEntryWords,
  pointerWords,
} from '../../src/engine/vtd/layout.ts';
import { qemuReasonOf } from '../../src/engine/vtd/reasons.ts';
import { build, machine, readQword, refused } from '../helpers/engine.ts';

function dma(state: EngineState, c: Omit<Extract<Command, { op: 'dma' }>, 'op'>): DmaResult {
  const r = applyCommand(state, { op: 'dma', ...c });
  if (!r.ok) throw new Error(r.error.message);
  return r.result;
}

const kinds = (s: EngineState, from = 0) => s.invalidations.slice(from).map((i) => `${i.type}/${i.granularity}`);

/** Hand-built VT-d tables: root at frame 1, context table at 2, PASID directory at 3, PASID table at 4. */
function handTables(ctx: number[]): Map<number, Uint32Array> {
  const frames = new Map<number, Uint32Array>();
  for (const f of [1, 2, 3, 4, 5]) frames.set(f, new Uint32Array(1024));
  frames.get(1)!.set(pointerWords(2 * 4096, P), 0); // bus 0, devfn 0-127
  frames.get(2)!.set(ctx, 0); // devfn 0
  frames.get(3)!.set(pointerWords(4 * 4096, P), 0); // PASIDs 0-63
  frames.get(4)!.set(pasidEntryWords({ pgtt: PGTT.SECOND_ONLY, did: 2, aw: 2, ssptptr: 5 * 4096, pwsnp: true }), 0);
  return frames;
}

function walk(frames: Map<number, Uint32Array>, req: { pasid?: number; ats?: boolean }): TranslateResult {
  const out = new TranslateResult();
  translate(
    frames,
    4096,
    { bus: 0, devfn: 0, pasid: req.pasid ?? -1, vpfn: 1, offset: 0, write: false, ats: req.ats ?? false },
    null,
    false,
    new WalkTrace(),
    out,
  );
  return out;
}

describe('1. scalable-mode fault reasons (dmar.c dma_remap_sm_fault_reasons)', () => {
  it('codes 0x39, 0x41, 0x79, 0x83, 0x85, 0x86, 0x71, 0x80, with QEMU legacy codes beside', () => {
    expect(Reason).toMatchObject({
      ROOT_NOT_PRESENT: 0x39,
      CONTEXT_NOT_PRESENT: 0x41,
      DTE_CLEAR: 0x44,
      PASIDE_CLEAR: 0x45,
      PASID_BEYOND_PDTS: 0x46,
      SS_NOT_PRESENT: 0x79,
      ADDR_BEYOND_WIDTH: 0x83,
      WRITE: 0x85,
      READ: 0x86,
      FS_NOT_PRESENT: 0x71,
      NON_CANONICAL: 0x80,
    });
    expect([
      qemuReasonOf(0x39, false),
      qemuReasonOf(0x41, false),
      qemuReasonOf(0x83, false),
      qemuReasonOf(0x79, true),
      qemuReasonOf(0x79, false),
      qemuReasonOf(0x86, false),
    ]).toEqual([1, 2, 4, 5, 6, 6]);
    expect(qemuReasonOf(0x59, false)).toBe(0);
    const s = build(machine(), { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' }).state;
    expect(dma(s, { device: 'nic0', iova: '0x0', access: 'read' })).toMatchObject({
      reason: 0x39,
      qemuReason: 0x1,
    });
    expect(s.faults.length).toBe(0);
  });

  it('0x45: a PASID-tagged request while the context entry has PASIDE clear', () => {
    const ctx = contextEntryWords({ pasidDir: 3 * 4096, pdts: 2, pasidEnable: false, ridPasid: 0 });
    expect(walk(handTables(ctx), { pasid: 1 })).toMatchObject({ outcome: Outcome.NO_PASID, reason: 0x45 });
    expect(walk(handTables(ctx), {})).toMatchObject({ outcome: Outcome.NOT_MAPPED, reason: 0x79 });
  });

  it('0x46: a PASID beyond the directory PDTS describes, before any directory read', () => {
    const ctx = contextEntryWords({ pasidDir: 3 * 4096, pdts: 0, pasidEnable: true, ridPasid: 0 }); // 2^7 entries: PASIDs < 8192
    const out = new TranslateResult();
    const trace = new WalkTrace();
    translate(
      handTables(ctx),
      4096,
      { bus: 0, devfn: 0, pasid: 8192, vpfn: 1, offset: 0, write: false },
      null,
      false,
      trace,
      out,
    );
    expect(out).toMatchObject({ outcome: Outcome.NO_PASID, reason: 0x46 });
    expect(trace.length).toBe(2); // root, context
  });
});

describe('2. DTE (pasid.c context_entry_set_pasid_table)', () => {
  it('an ATS device gets DTE in its context entry; others do not', () => {
    const s = build(
      machine(),
      { op: 'addDevice', id: 'ats0', bdf: '0000:3b:00.0', kind: 'pdev', ats: true },
      { op: 'addDevice', id: 'nic0', bdf: '0000:3c:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'ats0' },
      { op: 'attach', domain: 'd', device: 'nic0' },
    ).state;
    const ctxOf = (id: string) =>
      (dma(s, { device: id, iova: '0x0', access: 'read' })['walk'] as { entry: bigint }[])[1]!.entry;
    expect(ctxOf('ats0') & BigInt(CTX_DTE)).toBe(BigInt(CTX_DTE));
    expect(ctxOf('nic0') & BigInt(CTX_DTE)).toBe(0n);
  });

  it('without DTE a translation request is refused with 0x44 and the ATC is not filled', () => {
    const ctx = contextEntryWords({ pasidDir: 3 * 4096, pdts: 2, pasidEnable: true, ridPasid: 0 });
    expect(walk(handTables(ctx), { ats: true })).toMatchObject({ outcome: Outcome.NO_CONTEXT, reason: 0x44 });
    const withDte = contextEntryWords({ pasidDir: 3 * 4096, pdts: 2, pasidEnable: true, ridPasid: 0, dte: true });
    expect(withDte[0]! & (CTX_DTE | CTX_PASIDE)).toBe(CTX_DTE | CTX_PASIDE);
    expect(walk(handTables(withDte), { ats: true }).reason).toBe(0x79);
    // Through the ops (all caches modelled), a faulting ATS request leaves the device TLB empty.
    const s = build(
      machine({ caches: 'all' }),
      { op: 'addDevice', id: 'ats0', bdf: '0000:3b:00.0', kind: 'pdev', ats: true },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'ats0' },
    ).state;
    const r = applyCommand(s, { op: 'dma', device: 'ats0', iova: '0x0', access: 'read' });
    expect(r.ok ? (r.state.entryCaches?.devtlb.get(0x3b00)?.size ?? 0) : -1).toBe(0);
  });
});

describe('3. stages (iommu.c first_level_by_default)', () => {
  const s = build(
    machine(),
    { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev' },
    { op: 'addDevice', id: 'b', bdf: '0000:3c:00.0', kind: 'pdev' },
    { op: 'allocDomain', id: 'dma', type: 'DMA' },
    { op: 'allocDomain', id: 'vfio', type: 'UNMANAGED' },
    { op: 'attach', domain: 'dma', device: 'a' },
    { op: 'attach', domain: 'vfio', device: 'b' },
    { op: 'map', domain: 'dma', iova: '0x200000', pa: '0x400000', size: '2MiB', prot: 'r' },
    { op: 'map', domain: 'vfio', iova: '0x1000', pa: '0x5000', size: '4KiB', prot: 'rw' },
  ).state;

  it('a DMA domain is first stage: PGTT 001, FSPTPTR, s1 walk, x86-64 leaves (P US A XD, PS for 2 MiB)', () => {
    const r = dma(s, { device: 'a', iova: '0x212345', access: 'read' });
    const walkOut = r['walk'] as { structure: string; entry: bigint }[];
    expect(walkOut.map((w) => w.structure)).toEqual([
      'root',
      'context',
      'pasid-dir',
      'pasid-table',
      's1-pl4',
      's1-pl3',
      's1-pl2',
    ]);
    const pe = walkOut[3]!.entry;
    expect(Number((pe >> 6n) & 7n)).toBe(PGTT.FIRST_ONLY);
    expect(pe >> 140n).toBe(BigInt(s.domains.get('dma')!.pgd!) >> 12n); // FSPTPTR
    const leaf = walkOut[6]!.entry;
    expect(leaf & 0xfffn).toBe(0xa5n); // P | US | A | PS, no RW (read-only), no D
    expect(leaf >> 63n).toBe(1n); // XD
    expect(dma(s, { device: 'a', iova: '0x212345', access: 'write' })).toMatchObject({
      fault: 'write-denied',
      reason: 0x85,
    });
  });

  it('an UNMANAGED domain is second stage: PGTT 010, pl walk', () => {
    const walkOut = dma(s, { device: 'b', iova: '0x1000', access: 'read' })['walk'] as {
      structure: string;
      entry: bigint;
    }[];
    expect(walkOut.map((w) => w.structure).slice(4)).toEqual(['pl4', 'pl3', 'pl2', 'pl1']);
    expect(Number((walkOut[3]!.entry >> 6n) & 7n)).toBe(PGTT.SECOND_ONLY);
  });

  it('a first-stage domain takes IOVAs in the lower canonical half only (aperture gaw - 1)', () => {
    refused(s, { op: 'map', domain: 'dma', iova: '0x800000000000', pa: '0x0', size: '4KiB', prot: 'r' }, 'EINVAL');
    expect(
      applyCommand(s, { op: 'map', domain: 'vfio', iova: '0x800000000000', pa: '0x0', size: '4KiB', prot: 'r' }).ok,
    ).toBe(true);
  });

  it('a NEST_PARENT HWPT is second stage', () => {
    const n = build(
      machine(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'bindDevice', device: 'a' },
      { op: 'ioasAlloc', id: 'io' },
      { op: 'ioasMap', ioas: 'io', iova: '0x0', pa: '0x1000', size: '4KiB', prot: 'rw' },
      { op: 'hwptAlloc', id: 'p', device: 'a', pt: 'io', nestParent: true },
      { op: 'deviceAttach', device: 'a', pt: 'p' },
    ).state;
    const walkOut = dma(n, { device: 'a', iova: '0x0', access: 'read' })['walk'] as {
      structure: string;
      entry: bigint;
    }[];
    expect(Number((walkOut[3]!.entry >> 6n) & 7n)).toBe(PGTT.SECOND_ONLY);
  });
});

describe('4. page-selective invalidation (cache.c calculate_psi_aligned_address)', () => {
  it('aligns address and mask to a power of two', () => {
    expect(psiAligned(1, 3)).toEqual({ addr: 0, mask: 2 }); // 0x1000 + 12 KiB → 0x0, 16 KiB
    expect(psiAligned(0x10, 2)).toEqual({ addr: 0x10, mask: 1 });
    expect(psiAligned(3, 2)).toEqual({ addr: 0, mask: 3 }); // pages 3-4 straddle 4: 0-7
    expect(psiAligned(0x1ff, 2)).toEqual({ addr: 0, mask: 10 });
    expect(psiAligned(5, 1)).toEqual({ addr: 5, mask: 0 });
    expect(MAMV).toBe(18);
  });

  it('records the aligned block; above MAMV it goes domain-selective', () => {
    const base = build(
      machine(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'a' },
      { op: 'map', domain: 'd', iova: '0x0', pa: '0x0', size: '16KiB', prot: 'rw' },
      { op: 'map', domain: 'd', iova: '0x100000000', pa: '0x100000000', size: '4GiB', prot: 'rw' },
    ).state;
    const n = base.invalidations.length;
    const small = build(base, { op: 'unmap', domain: 'd', iova: '0x1000', size: '12KiB' }).state;
    expect(small.invalidations.slice(n)[0]).toMatchObject({ type: 'iotlb', granularity: 'page', addr: 0, pages: 4 });
    const big = build(base, { op: 'unmap', domain: 'd', iova: '0x100000000', size: '2GiB' }).state;
    expect(kinds(big, n)).toEqual(['iotlb/domain', 'wait/global']);
    // A 4 KiB unmap inside a 1 GiB leaf removes the leaf: the gathered 1 GiB is still within MAMV.
    const gib = build(base, { op: 'unmap', domain: 'd', iova: '0x140000000', size: '4KiB' }).state;
    expect(gib.invalidations.slice(n)[0]).toMatchObject({
      type: 'iotlb',
      granularity: 'page',
      addr: 0x140000,
      pages: 2 ** 18,
    });
  });
});

describe('5. invalidation types (intel_pasid_tear_down_entry, intel_domain_use_piotlb)', () => {
  const bound = () =>
    build(
      machine(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'bindDevice', device: 'a' },
      { op: 'ioasAlloc', id: 'io' },
      { op: 'ioasMap', ioas: 'io', iova: '0x0', pa: '0x100000', size: '4KiB', prot: 'rw' },
      { op: 'hwptAlloc', id: 'h', device: 'a', pt: 'io' },
      { op: 'deviceAttach', device: 'a', pasid: 3, pt: 'h' },
    ).state;

  it('a PASID detach from a second-stage HWPT flushes domain-selective', () => {
    const s = bound();
    const n = s.invalidations.length;
    expect(kinds(build(s, { op: 'deviceDetach', device: 'a', pasid: 3 }).state, n)).toEqual([
      'pasid-cache/pasid',
      'iotlb/domain',
      'wait/global',
    ]);
  });

  it('an identity teardown records a PASID-based flush of the whole PASID (qi_flush_piotlb_all)', () => {
    const s = build(
      machine(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'id', type: 'IDENTITY' },
      { op: 'attach', domain: 'id', device: 'a' },
    ).state;
    const d = build(s, { op: 'detach', device: 'a' }).state;
    expect(kinds(d, s.invalidations.length)).toEqual([
      'context-cache/device',
      'pasid-cache/pasid',
      'p_iotlb/pasid',
      'wait/global',
    ]);
    expect(d.invalidations.at(-2)).toMatchObject({ did: 1, pasid: 0 });
  });

  it('SVA processMap and nested guestMap flush PASID-based and page-selective', () => {
    const sva = build(
      machine(),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 1 },
      { op: 'processAlloc', id: 'p' },
      { op: 'svaBind', device: 'dsa0', process: 'p' },
    ).state;
    const m = build(sva, {
      op: 'processMap',
      process: 'p',
      va: '0x1000',
      pa: '0x2000',
      size: '8KiB',
      prot: 'rw',
    }).state;
    expect(m.invalidations.slice(sva.invalidations.length)[0]).toMatchObject({
      type: 'p_iotlb',
      granularity: 'page',
      pasid: 1,
      addr: 0,
      pages: 4,
    });

    const nested = build(
      bound(),
      { op: 'createVm', id: 'vm', memory: '16MiB' },
      { op: 'guestTableAlloc', id: 'g', vm: 'vm' },
      { op: 'hwptAlloc', id: 'par', device: 'a', pt: 'io', nestParent: true },
      { op: 'hwptAlloc', id: 'child', device: 'a', pt: 'par', stage1: { table: 'g' } },
      { op: 'deviceAttach', device: 'a', pasid: 9, pt: 'child' },
    ).state;
    const g = build(nested, { op: 'guestMap', table: 'g', va: '0x5000', gpa: '0x0', size: '4KiB', prot: 'rw' }).state;
    expect(g.invalidations.slice(nested.invalidations.length)[0]).toMatchObject({
      type: 'p_iotlb',
      granularity: 'page',
      pasid: 9,
      addr: 5,
      pages: 1,
    });
  });

  it('a DMA (first-stage) domain unmaps with PASID-based invalidations at each PASID it is attached at', () => {
    const s = build(
      machine(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd', type: 'DMA' },
      { op: 'attach', domain: 'd', device: 'a' },
      { op: 'map', domain: 'd', iova: '0x0', pa: '0x0', size: '16KiB', prot: 'rw' },
    ).state;
    const u = build(s, { op: 'unmap', domain: 'd', iova: '0x1000', size: '12KiB' }).state;
    expect(u.invalidations.slice(s.invalidations.length)[0]).toMatchObject({
      type: 'p_iotlb',
      granularity: 'page',
      pasid: 0,
      addr: 0,
      pages: 4,
    });
  });
});

describe('6. SMMUv3 (arm-smmu-v3.c)', () => {
  const smmu = () => machine({ iommu: 'smmuv3' });

  it('a blocked stream is an abort STE: no CD read, no event', () => {
    const s = build(
      smmu(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'b', type: 'BLOCKED' },
      { op: 'attach', domain: 'b', device: 'a' },
    ).state;
    const r = applyCommand(s, { op: 'dma', device: 'a', iova: '0x0', access: 'read' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.result).toMatchObject({ outcome: 'fault', fault: 'blocked', recorded: false });
    expect((r.result['walk'] as { structure: string; entry: bigint }[]).map((w) => [w.structure, w.entry])).toEqual([
      ['ste-l1', expect.any(BigInt)],
      ['ste', 0x1n],
    ]);
    expect(r.state.faults.length).toBe(0);
  });

  it('a blocked RID whose PASIDs are attached terminates untagged traffic and keeps the CD table', () => {
    const s = build(
      smmu(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'bindDevice', device: 'a' },
      { op: 'ioasAlloc', id: 'io' },
      { op: 'ioasMap', ioas: 'io', iova: '0x0', pa: '0x1000', size: '4KiB', prot: 'rw' },
      { op: 'deviceAttach', device: 'a', pasid: 4, pt: 'io' },
    ).state;
    expect(dma(s, { device: 'a', pasid: 4, iova: '0x10', access: 'read' })).toMatchObject({ pa: 0x1010n });
    expect(dma(s, { device: 'a', iova: '0x10', access: 'read' })).toMatchObject({ fault: 'blocked', reason: 0x8 });
    const d = build(s, { op: 'deviceDetach', device: 'a', pasid: 4 }).state;
    expect(dma(d, { device: 'a', iova: '0x10', access: 'read' })).toMatchObject({ fault: 'blocked', recorded: false });
  });

  it('up to 1,024 contexts: a linear CD table (S1Fmt 0); more: two-level', () => {
    const s = build(
      smmu(),
      { op: 'addDevice', id: 'small', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, pasidBits: 10 },
      { op: 'addDevice', id: 'big', bdf: '0000:3c:00.0', kind: 'pdev', pasid: true, pasidBits: 11 },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'small' },
      { op: 'attach', domain: 'd', device: 'big' },
    ).state;
    const structs = (id: string) =>
      (dma(s, { device: id, iova: '0x0', access: 'read' })['walk'] as { structure: string }[])
        .map((w) => w.structure)
        .slice(0, 4);
    expect(structs('small')).toEqual(['ste-l1', 'ste', 'cd', 'pl4']);
    expect(structs('big')).toEqual(['ste-l1', 'ste', 'cd-l1', 'cd']);
  });

  it('CD qword 3 holds MAIR0 (arm_smmu_make_s1_cd)', () => {
    const s = build(
      smmu(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'a' },
    ).state;
    const cd = (
      dma(s, { device: 'a', iova: '0x0', access: 'read' })['walk'] as { structure: string; entryAddr: bigint }[]
    ).find((w) => w.structure === 'cd')!;
    expect(readQword(s, Number(cd.entryAddr) + 24)).toBe(0xf404ff44n);
  });
});

describe('7. AMD-Vi v1 (io_pgtable.c)', () => {
  it('Mode starts at 3 levels and grows on a mapping beyond 512 GiB; leaves set FC', () => {
    const s = build(
      machine({ iommu: 'amd-vi', pageTable: 'v1' }),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'a' },
      { op: 'map', domain: 'd', iova: '0x1000', pa: '0x5000', size: '4KiB', prot: 'rw' },
    ).state;
    expect(s.domains.get('d')!.levels).toBe(3);
    const w = dma(s, { device: 'a', iova: '0x1000', access: 'read' })['walk'] as { structure: string; entry: bigint }[];
    expect(Number((w[0]!.entry >> 9n) & 7n)).toBe(3);
    expect((w.at(-1)!.entry >> 60n) & 1n).toBe(1n);
    const g = build(s, { op: 'map', domain: 'd', iova: '0x8000000000', pa: '0x6000', size: '4KiB', prot: 'rw' }).state;
    expect(g.domains.get('d')!.levels).toBe(4);
    const w2 = dma(g, { device: 'a', iova: '0x1000', access: 'read' })['walk'] as {
      structure: string;
      entry: bigint;
    }[];
    expect(w2.map((x) => x.structure)).toEqual(['dte', 'pl4', 'pl3', 'pl2', 'pl1']); // the old root is entry 0 of the new one
    const w3 = dma(g, { device: 'a', iova: '0x8000000000', access: 'read' })['walk'] as {
      structure: string;
      entry: bigint;
    }[];
    expect(Number((w3[0]!.entry >> 9n) & 7n)).toBe(4);
    expect(w3.map((x) => x.structure)).toEqual(['dte', 'pl4', 'pl3', 'pl2', 'pl1']);
    // Unmap and free still walk the grown table.
    const u = build(
      g,
      { op: 'unmap', domain: 'd', iova: '0x1000', size: '4KiB' },
      { op: 'detach', device: 'a' },
      { op: 'freeDomain', id: 'd' },
    ).state;
    expect(u.domains.size).toBe(0);
  });
});

describe('8. iommufd re-attach (selftest pasid_attach)', () => {
  it('attaching a PASID or the RID again to its own HWPT succeeds and changes nothing; another HWPT is EBUSY', () => {
    const s = build(
      machine(),
      { op: 'addDevice', id: 'a', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'bindDevice', device: 'a' },
      { op: 'ioasAlloc', id: 'io' },
      { op: 'hwptAlloc', id: 'h1', device: 'a', pt: 'io' },
      { op: 'hwptAlloc', id: 'h2', device: 'a', pt: 'io' },
      { op: 'deviceAttach', device: 'a', pasid: 1, pt: 'h1' },
      { op: 'deviceAttach', device: 'a', pt: 'h1' },
    ).state;
    for (const c of [{ pasid: 1 }, {}]) {
      const r = applyCommand(s, { op: 'deviceAttach', device: 'a', pt: 'h1', ...c });
      expect(r).toMatchObject({ ok: true, result: { hwpt: 'h1' } });
      expect(r.ok && r.state.pasidAttach).toEqual(s.pasidAttach);
      refused(s, { op: 'deviceAttach', device: 'a', pt: 'h2', ...c }, 'EBUSY');
    }
  });
});
