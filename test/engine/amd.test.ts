/** The AMD-Vi back-end (v2 mode): DTE, GCR3 and x86-64 entries; per-device DomainID tags. */
import { describe, expect, it } from 'vitest';
import { applyCommand, parseScenarioText, type Command, type EngineState } from '../../src/engine/index.ts';
import { build, dmaStep, entryQwords, faulted, machine, translated } from '../helpers/engine.ts';

const amd = () => machine({ iommu: 'amd-vi', hostMemory: '256MiB' });

/** A DMA that must be accepted: its typed result (translated(r) / faulted(r) narrow it). */
const dma = (state: EngineState, c: Omit<Extract<Command, { op: 'dma' }>, 'op'>) => dmaStep(state, c).r;

describe('AMD-Vi v2 mode', () => {
  const base = () =>
    build(
      amd(),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'allocDomain', id: 'host', type: 'DMA' },
      { op: 'attach', domain: 'host', device: 'dsa0' },
      { op: 'map', domain: 'host', iova: '0x10000', pa: '0x200000', size: '4KiB', prot: 'r' },
      { op: 'allocDomain', id: 'vm', type: 'UNMANAGED' },
      { op: 'map', domain: 'vm', iova: '0x0', pa: '0x400000', size: '2MiB', prot: 'rw' },
      { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
      { op: 'auxAttach', domain: 'vm', device: 'dsa0', wq: 1 },
    ).state;

  it('walks DTE, the two-level GCR3 table and the x86-64 levels; the DTE carries the device DomainID', () => {
    const s = base();
    expect(s.devices.get('dsa0')?.tag).toBe(1);
    const r = translated(dma(s, { device: 'dsa0', iova: '0x10abc', access: 'read' }));
    expect(r).toMatchObject({ pa: 0x200abcn, did: 1 });
    expect(r.walk.map((w) => w.structure)).toEqual(['dte', 'gcr3-l1', 'gcr3', 'pl4', 'pl3', 'pl2', 'pl1']);
    expect(r.walk[0]!.index).toBe(0x6a08);
    const [q0, q1] = entryQwords(r.walk[0]!.entry, 2);
    expect(Number(q0! & 3n)).toBe(3); // V, TV
    expect(Number((q0! >> 54n) & 3n)).toBe(3); // GIoV, GV
    expect(Number((q0! >> 56n) & 3n)).toBe(1); // GLX: two-level GCR3 (16-bit PASIDs)
    expect(Number(q1! & 0xffffn)).toBe(1); // DomainID
    // PTE: P, U/S, A, D; no R/W for a read-only mapping.
    expect(r.walk.at(-1)!.entry).toBe(0x200065n);
    expect(faulted(dma(s, { device: 'dsa0', iova: '0x10abc', access: 'write' }))).toMatchObject({
      fault: 'write-denied',
      reason: 2,
    });
  });

  it('the mdev PASID reaches its GCR3 entry; the IOTLB is tagged (device DomainID, PASID) and aux detach flushes it', () => {
    let s = base();
    const first = dmaStep(s, { device: 'dsa0', pasid: 1, iova: '0x1234', access: 'write' });
    expect(translated(first.r)).toMatchObject({ pa: 0x401234n, did: 1, iotlb: 'miss', pageSize: 2 << 20 });
    s = first.state;
    expect(s.iotlb.entries()).toEqual([{ did: 1, pasid: 1, level: 2, vpn: 0, pfn: 0x400, read: true, write: true }]);
    s = build(s, { op: 'auxDetach', domain: 'vm', device: 'dsa0', wq: 1 }).state;
    expect(s.iotlb.size).toBe(0);
    expect(faulted(dma(s, { device: 'dsa0', pasid: 1, iova: '0x1234', access: 'read' }))).toMatchObject({
      fault: 'no-pasid',
      reason: 2,
    });
  });

  it('an IOTLB hit reads the DTE alone: (DomainID, PASID) tags the entry, so no GCR3 entry and no page table', () => {
    let s = base();
    const miss = dma(s, { device: 'dsa0', pasid: 1, iova: '0x1000', access: 'read' });
    expect(miss.walk.map((w) => w.structure)).toEqual(['dte', 'gcr3-l1', 'gcr3', 'pl4', 'pl3', 'pl2']);
    s = build(s, { op: 'dma', device: 'dsa0', pasid: 1, iova: '0x1000', access: 'read' }).state;
    const hit = translated(dma(s, { device: 'dsa0', pasid: 1, iova: '0x2000', access: 'write' }));
    expect(hit).toMatchObject({ iotlb: 'hit', pa: 0x402000n, did: 1 });
    expect(hit.walk.map((w) => w.structure)).toEqual(['dte']);
    expect(hit.walk[0]!.index).toBe(0x6a08);
    // Untagged traffic (GIoV: GCR3[0]) is tagged PASID 0: the same.
    s = build(s, { op: 'dma', device: 'dsa0', iova: '0x10000', access: 'read' }).state;
    expect(dma(s, { device: 'dsa0', iova: '0x10008', access: 'read' }).walk.map((w) => w.structure)).toEqual(['dte']);
  });

  it('never-attached devices fault with ILLEGAL_DEV_TABLE_ENTRY; no 39-bit width with v2 tables', () => {
    const s = build(base(), { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' }).state;
    expect(faulted(dma(s, { device: 'nic0', iova: '0x0', access: 'read' }))).toMatchObject({
      fault: 'no-context',
      reason: 1,
    });
    const bad = parseScenarioText(
      JSON.stringify({ format: 'pasid-atlas/scenario@1', platform: { iommu: 'amd-vi', addressWidth: 39 }, steps: [] }),
    );
    expect(bad.ok ? '' : bad.message).toMatch(/^platform\.addressWidth: 39 is not available on amd-vi/);
  });

  it('v1 tables (pageTable "v1"): the DTE holds the root and Mode; entries name the next level; no PASIDs', () => {
    const s = build(
      machine({ iommu: 'amd-vi', pageTable: 'v1', hostMemory: '256MiB' }),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'allocDomain', id: 'd', type: 'DMA' },
      { op: 'attach', domain: 'd', device: 'nic0' },
      { op: 'map', domain: 'd', iova: '0x200000', pa: '0x600000', size: '2MiB', prot: 'r' },
    ).state;
    const r = translated(dma(s, { device: 'nic0', iova: '0x212345', access: 'read' }));
    expect(r).toMatchObject({ pa: 0x612345n, did: 1 });
    // The table starts at 3 levels (PAGE_MODE_3_LEVEL): enough for IOVAs below 512 GiB.
    expect(r.walk.map((w) => w.structure)).toEqual(['dte', 'pl3', 'pl2']);
    const [q0] = entryQwords(r.walk[0]!.entry, 1);
    expect(Number((q0! >> 9n) & 7n)).toBe(3); // Mode: 3 levels
    expect(r.walk[1]!.entryAddr).toBe(q0! & 0xffffffffff000n); // host page-table root
    expect(Number((r.walk[1]!.entry >> 9n) & 7n)).toBe(2); // NextLevel of a level-3 entry
    expect(Number((r.walk[2]!.entry >> 9n) & 7n)).toBe(0); // a 2 MiB page: NextLevel 0 at level 2
    expect((r.walk[2]!.entry >> 60n) & 1n).toBe(1n); // FC on the leaf (IOMMU_PTE_FC)
    expect(faulted(dma(s, { device: 'nic0', iova: '0x212345', access: 'write' }))).toMatchObject({
      fault: 'write-denied',
    });
    const aux = build(
      s,
      { op: 'enableFeature', device: 'nic0', feature: 'AUX' },
      { op: 'allocDomain', id: 'g', type: 'UNMANAGED' },
    ).state;
    expect(applyCommand(aux, { op: 'auxAttach', domain: 'g', device: 'nic0' })).toMatchObject({
      ok: false,
      error: { code: 'EOPNOTSUPP' },
    });
  });
});
