/**
 * AMD-Vi GCR3 tables of GLX + 1 levels (iommu.c setup_gcr3_table / __get_gcr3_pte; spec 48882 DTE
 * GLX): the level Linux picks from the PASID width, the walk naming every level it reads, and a
 * missing level faulting like a missing entry (IO_PAGE_FAULT, no-pasid).
 */
import { describe, expect, it } from 'vitest';
import { AMD_VI } from '../../src/engine/amd/index.ts';
import { AMD_PASID_BITS, gcr3EntryAt, glxOfBits } from '../../src/engine/amd/tables.ts';
import { MemoryDraft, emptyMemory } from '../../src/engine/memory.ts';
import { Outcome, TranslateResult, WalkTrace, type DmaRequest } from '../../src/engine/iommu/walk.ts';
import type { DeviceTables } from '../../src/engine/iommu/types.ts';
import { walkSvg } from '../../src/engine/report/walkSvg.ts';
import { build, machine, refused } from '../helpers/engine.ts';
import { readQword } from '../../src/engine/frames.ts';

const BUS = 0x6a;
const DEVFN = 0x08;

/** A device whose GCR3 table covers `bits` PASIDs, its DTE, and an empty v2 root per attached PASID. */
function device(bits: number) {
  const mem = new MemoryDraft(emptyMemory(64 * 2 ** 20));
  const root = AMD_VI.allocRoot(mem);
  const dev: DeviceTables = {
    bus: BUS,
    devfn: DEVFN,
    pasidCap: true,
    tag: 7,
    pasidDir: mem.allocFrame('the GCR3 root'),
    pasidTableSize: bits,
  };
  AMD_VI.programDevice(mem, root, dev);
  return { mem, root, dev };
}

function walk(mem: MemoryDraft, root: number, pasid: number) {
  const frames = mem.commit().frames;
  const trace = new WalkTrace();
  const out = new TranslateResult();
  const req: DmaRequest = { bus: BUS, devfn: DEVFN, pasid, vpfn: 0x10, offset: 0, write: false, ats: false };
  AMD_VI.translate(frames, root, req, null, false, trace, out);
  const names = Array.from(trace.structure.subarray(0, trace.length), (c) => AMD_VI.structureName(c));
  const indexes = Array.from(trace.index.subarray(0, trace.length));
  // As a dma result lists them (the walk SVG's input).
  const steps = names.map((structure, i) => ({
    structure,
    index: indexes[i]!,
    entryAddr: BigInt(trace.addr[i]!),
    entry: readQword(frames, trace.addr[i]!),
  }));
  return { out, names, indexes, steps };
}

/** The walk SVG's PASID strip: `bits label` and value of each field, left to right. */
function pasidStrip(pasid: number, steps: ReturnType<typeof walk>['steps']): string[][] {
  const svg = walkSvg({
    iommu: 'amd-vi',
    device: 'd',
    rid: (BUS << 8) | DEVFN,
    pasid,
    iova: '0x10000',
    access: 'read',
    addressWidth: 48,
    outcome: 'fault',
    fault: 'not-mapped',
    walk: steps,
  }).svg;
  const texts = Array.from(svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g), (m) => m[1]!);
  const from = texts.indexOf(`PASID ${pasid}`) + 1;
  const to = texts.findIndex((t) => t.startsWith('Address '));
  const fields = texts.slice(from, to);
  return Array.from({ length: fields.length / 2 }, (_, i) => [fields[2 * i]!, fields[2 * i + 1]!]);
}

describe('AMD-Vi GCR3 levels', () => {
  it('GLX as get_gcr3_levels picks it: 9 PASID bits per level, the unit capped at 16 bits (PASID_MASK)', () => {
    expect([0, 1, 9, 10, 16, 18, 19, 20].map(glxOfBits)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    expect(AMD_PASID_BITS).toBe(16);
    // A 20-bit device on the simulated unit: 16 bits, a two-level table (GLX 1 in its DTE).
    const s = build(machine({ iommu: 'amd-vi' }), {
      op: 'addDevice',
      id: 'd',
      bdf: '0000:6a:01.0',
      kind: 'pdev',
      pasid: true,
      pasidBits: 20,
    }).state;
    expect(s.devices.get('d')?.pasidTableSize).toBe(16);
    const small = build(machine({ iommu: 'amd-vi' }), {
      op: 'addDevice',
      id: 'd',
      bdf: '0000:6a:01.0',
      kind: 'pdev',
      pasid: true,
      pasidBits: 9,
    }).state;
    expect(small.devices.get('d')?.pasidTableSize).toBe(9);
  });

  it.each([
    [9, 0x1a5, ['dte', 'gcr3'], [0x6a08, 0x1a5]],
    [16, 0xabcd, ['dte', 'gcr3-l1', 'gcr3'], [0x6a08, 0xabcd >> 9, 0xabcd & 511]],
    [20, 0xfabcd, ['dte', 'gcr3-l2', 'gcr3-l1', 'gcr3'], [0x6a08, 0xfabcd >> 18, (0xfabcd >> 9) & 511, 0xfabcd & 511]],
  ])('%i PASID bits: the walk reads and names every level (PASID %i)', (bits, pasid, names, indexes) => {
    const { mem, root, dev } = device(bits);
    const v2 = mem.allocFrame('a v2 root');
    AMD_VI.setPasid(mem, root, dev, pasid, { kind: 'first-stage', did: 1, root: v2, width: 48 });
    expect(gcr3EntryAt(mem, dev, pasid)).not.toBeNull();
    const w = walk(mem, root, pasid);
    // The empty v2 root: the walk got through every GCR3 level and faulted at pl4.
    expect(w.names).toEqual([...names, 'pl4']);
    expect(w.indexes.slice(0, names.length)).toEqual(indexes);
    expect(w.out.outcome).toBe(Outcome.NOT_MAPPED);
    // The DTE's GLX says how many levels.
    const dte = root + ((BUS << 8) | DEVFN) * 32;
    expect((mem.word(dte, 1) >>> 24) & 3).toBe(glxOfBits(bits));
  });

  it.each([
    [9, 0x1a5, [['8:0 GCR3 index', '0x1a5']]],
    [
      16,
      0xabcd,
      [
        ['17:9 GCR3 level-1 index', '0x55'],
        ['8:0 GCR3 index', '0x1cd'],
      ],
    ],
    [
      20,
      0xfabcd,
      [
        ['19:18 GCR3 level-2 index', '0x3'],
        ['17:9 GCR3 level-1 index', '0x1d5'],
        ['8:0 GCR3 index', '0x1cd'],
      ],
    ],
  ])('%i PASID bits: the walk SVG draws the GCR3 levels the walk read (PASID %i)', (bits, pasid, fields) => {
    const { mem, root, dev } = device(bits);
    AMD_VI.setPasid(mem, root, dev, pasid, { kind: 'first-stage', did: 1, root: mem.allocFrame('v2'), width: 48 });
    const w = walk(mem, root, pasid);
    expect(pasidStrip(pasid, w.steps)).toEqual(fields);
    // Each field's value is the index the walk used at that level.
    const gcr3 = w.steps.filter((s) => s.structure.startsWith('gcr3'));
    expect(fields.map((f) => Number(f[1]))).toEqual(gcr3.map((s) => s.index));
    // A walk that read no GCR3 level (an IOTLB hit reads the DTE alone) draws the usual two levels.
    expect(pasidStrip(pasid, w.steps.slice(0, 1)).map((f) => f[0])).toEqual([
      '17:9 GCR3 level-1 index',
      '8:0 GCR3 index',
    ]);
  });

  it('a missing level faults like a missing entry (IO_PAGE_FAULT, no-pasid) and the walk stops there', () => {
    const { mem, root, dev } = device(20);
    const v2 = mem.allocFrame('a v2 root');
    AMD_VI.setPasid(mem, root, dev, 0x40001, { kind: 'first-stage', did: 1, root: v2, width: 48 });
    // Another level-2 slot (PASID[19:18] = 2): no level-1 table there.
    const top = walk(mem, root, 0x80001);
    expect(top.names).toEqual(['dte', 'gcr3-l2']);
    expect(top.out).toMatchObject({ outcome: Outcome.NO_PASID, reason: 0x2 });
    expect(gcr3EntryAt(mem, dev, 0x80001)).toBeNull();
    // The same level-2 slot, another level-1 slot: the level-2 entry is valid, the level-1 one is not.
    const mid = walk(mem, root, 0x40001 + 512);
    expect(mid.names).toEqual(['dte', 'gcr3-l2', 'gcr3-l1']);
    expect(mid.out.outcome).toBe(Outcome.NO_PASID);
    // Clearing the entry leaves the levels above it: the leaf read is the one that faults.
    AMD_VI.clearPasid(mem, root, dev, 0x40001);
    const leaf = walk(mem, root, 0x40001);
    expect(leaf.names).toEqual(['dte', 'gcr3-l2', 'gcr3-l1', 'gcr3']);
    expect(leaf.out.outcome).toBe(Outcome.NO_PASID);
  });
});

describe('AMD-Vi PASID limits', () => {
  it('PASIDs from max_pasids up are refused (EINVAL): min(the unit 2^16 - 1, the device 2^width)', () => {
    const s = build(
      machine({ iommu: 'amd-vi' }),
      { op: 'addDevice', id: 'd', bdf: '0000:6a:01.0', kind: 'pdev', pasid: true, pasidBits: 20 },
      { op: 'bindDevice', device: 'd' },
      { op: 'ioasAlloc', id: 'io' },
      { op: 'hwptAlloc', id: 'h', device: 'd', pt: 'io' },
    ).state;
    build(s, { op: 'deviceAttach', device: 'd', pasid: 0xfffe, pt: 'h' });
    expect(refused(s, { op: 'deviceAttach', device: 'd', pasid: 0xffff, pt: 'h' }, 'EINVAL')).toMatch(
      /beyond the 65535 PASIDs this AMD-Vi unit supports/,
    );
    refused(s, { op: 'deviceAttach', device: 'd', pasid: 0x10000, pt: 'h' }, 'EINVAL');
  });
});
