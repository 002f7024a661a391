/**
 * Walk tests with raw entries worked out by hand from the VT-d bit layouts (reference/iommu.md §3).
 * Host memory is 64 MiB, so the engine's top-down allocator hands out frames from 0x3fff000 down:
 * root table 0x3fff000, nic0's PASID directory 0x3ffe000, domain d's PL4 table 0x3ffd000,
 * the bus-0 context table 0x3ffc000, the PASID table for PASIDs 0-63 0x3ffb000, then PL3/PL2/PL1.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/engine/index.ts';
import { build, machine, printed, translated } from '../helpers/engine.ts';

function seeded() {
  return build(
    machine({ hostMemory: '64MiB' }),
    { op: 'addDevice', id: 'nic0', bdf: '0000:00:02.0', kind: 'pdev' },
    { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
    { op: 'attach', domain: 'd', device: 'nic0' },
    { op: 'map', domain: 'd', iova: '0x12345000', pa: '0x1000', size: '4KiB', prot: 'r' },
  ).state;
}

describe('a 4-level second-stage walk, by hand', () => {
  it('reads root, context, PASID directory, PASID table and PL4..PL1 with the expected raw entries', () => {
    const r = applyCommand(seeded(), { op: 'dma', device: 'nic0', iova: '0x12345678', access: 'read' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(translated(r.result).pa).toBe(0x1678n);
    // As the runner prints the walk (MODEL.md: hex addresses and entries).
    expect(printed(r.result).walk).toMatchObject([
      // root[bus 0]: LP=1 | LCTP=0x3ffc000; upper half empty.
      { structure: 'root', index: 0, entryAddr: '0x3fff000', entry: '0x3ffc001' },
      // context[devfn 0x10] at 0x3ffc000 + 0x10*32: P=1, PASIDE=0 (no PASID cap), PDTS=2 (bits 11:9 = 0x400), dir 0x3ffe000; RID_PASID 0.
      { structure: 'context', index: 0x10, entryAddr: '0x3ffc200', entry: '0x3ffe401' },
      // PASID directory[0]: P | table 0x3ffb000.
      { structure: 'pasid-dir', index: 0, entryAddr: '0x3ffe000', entry: '0x3ffb001' },
      // PASID entry 0: qword0 = SSPTPTR 0x3ffd000 | PGTT 010b<<6 (0x80) | AW 2<<2 (0x8) | P; qword1 = DID 2 | PWSNP (bit 23).
      { structure: 'pasid-table', index: 0, entryAddr: '0x3ffb000', entry: '0x8000020000000003ffd089' },
      // IOVA 0x12345678: PL4 index 0, PL3 index 0, PL2 index 0x91, PL1 index 0x145; non-leaf entries R|W.
      { structure: 'pl4', index: 0, entryAddr: '0x3ffd000', entry: '0x3ffa003' },
      { structure: 'pl3', index: 0, entryAddr: '0x3ffa000', entry: '0x3ff9003' },
      { structure: 'pl2', index: 0x91, entryAddr: '0x3ff9488', entry: '0x3ff8003' },
      // Leaf: frame 0x1000, R only.
      { structure: 'pl1', index: 0x145, entryAddr: '0x3ff8a28', entry: '0x1001' },
    ]);
  });

  it('on an IOTLB hit reads only up to the PASID entry', () => {
    const s1 = applyCommand(seeded(), { op: 'dma', device: 'nic0', iova: '0x12345678', access: 'read' });
    if (!s1.ok) throw new Error('first dma failed');
    const r = applyCommand(s1.state, { op: 'dma', device: 'nic0', iova: '0x12345000', access: 'read' });
    if (!r.ok) throw new Error('second dma failed');
    expect(translated(r.result).iotlb).toBe('hit');
    expect(r.result.walk.length).toBe(4);
  });

  it('faults write-denied at the leaf with reason 0x85 (0x5 in QEMU), and the fault does not fill the IOTLB', () => {
    const r = applyCommand(seeded(), { op: 'dma', device: 'nic0', iova: '0x12345678', access: 'write' });
    if (!r.ok) throw new Error('dma failed');
    // A second-stage (UNMANAGED) leaf: QEMU's vtd_iova_to_slpte records VTD_FR_WRITE (docs/engine.md).
    expect(r.result).toMatchObject({ outcome: 'fault', fault: 'write-denied', reason: 0x85, qemuReason: 0x5 });
    expect(r.result.walk.at(-1)?.structure).toBe('pl1');
    expect(r.state.iotlb.size).toBe(0);
    expect(r.state.faults.at(-1)).toMatchObject({
      sourceId: 0x10,
      pasid: null,
      address: 0x12345000n,
      access: 'write',
      reason: 0x85,
      fault: 'write-denied',
    });
  });

  it('a 3-level (39-bit) table starts at PL3 and AW=1', () => {
    const { state } = build(
      machine({ hostMemory: '64MiB', addressWidth: 39 }),
      { op: 'addDevice', id: 'nic0', bdf: '0000:00:02.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'nic0' },
      { op: 'map', domain: 'd', iova: '0x7fc0000000', pa: '0x200000', size: '2MiB', prot: 'rw' },
    );
    const r = applyCommand(state, { op: 'dma', device: 'nic0', iova: '0x7fc0001234', access: 'write' });
    if (!r.ok) throw new Error('dma failed');
    const walk = r.result.walk;
    expect(walk.map((w) => w.structure)).toEqual(['root', 'context', 'pasid-dir', 'pasid-table', 'pl3', 'pl2']);
    // PASID entry qword0 low byte: PGTT 0x80 | AW 1<<2 | P = 0x85.
    expect((walk[3]?.entry ?? 0n) & 0xfffn).toBe(0x085n);
    expect(walk[4]?.index).toBe(0x1ff);
    // 2 MiB leaf: 0x200000 | PS (0x80) | W | R.
    expect(walk[5]?.entry).toBe(0x200083n);
    expect(translated(r.result).pa).toBe(0x201234n);
  });

  it('an identity domain passes addresses through with PGTT=100b and DID 1', () => {
    const { state } = build(
      machine({ hostMemory: '64MiB' }),
      { op: 'addDevice', id: 'nic0', bdf: '0000:00:02.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'id', type: 'IDENTITY' },
      { op: 'attach', domain: 'id', device: 'nic0' },
    );
    const r = applyCommand(state, { op: 'dma', device: 'nic0', iova: '0xabcdef123', access: 'write' });
    if (!r.ok) throw new Error('dma failed');
    expect(translated(r.result).pa).toBe(0xabcdef123n);
    const walk = r.result.walk;
    // qword1 = DID 1 | PWSNP; qword0 = PGTT 100b<<6 (0x100) | AW 2<<2 | P = 0x109.
    expect(walk[3]?.entry).toBe(0x8000010000000000000109n);
  });
});
