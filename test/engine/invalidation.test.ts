/** The invalidation descriptors the engine issues, in the driver's order, and the lab switches. */
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/engine/index.ts';
import { build, machine } from '../helpers/engine.ts';

const base = (type: 'DMA' | 'DMA_FQ' | 'UNMANAGED') =>
  build(
    machine(),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
    { op: 'allocDomain', id: 'd', type },
    { op: 'attach', domain: 'd', device: 'nic0' },
    { op: 'map', domain: 'd', iova: '0x10000', pa: '0x200000', size: '8KiB', prot: 'rw' },
  ).state;

const kinds = (s: ReturnType<typeof base>) => s.invalidations.map((i) => `${i.type}/${i.granularity}/${i.state}`);

describe('invalidation descriptors', () => {
  it('unmap (second stage): a page-selective IOTLB invalidation over the removed range, then wait', () => {
    const s = build(base('UNMANAGED'), { op: 'unmap', domain: 'd', iova: '0x10000', size: '8KiB' }).state;
    expect(kinds(s)).toEqual(['iotlb/page/done', 'wait/global/done']);
    expect(s.invalidations[0]).toMatchObject({ did: 2, addr: 0x10, pages: 2 });
  });

  it('detach (second stage): context cache, PASID cache (PASID-selective), domain-selective IOTLB, wait (intel_pasid_tear_down_entry)', () => {
    const s = build(base('UNMANAGED'), { op: 'detach', device: 'nic0' }).state;
    expect(kinds(s)).toEqual([
      'context-cache/device/done',
      'pasid-cache/pasid/done',
      'iotlb/domain/done',
      'wait/global/done',
    ]);
    expect(s.invalidations[0]).toMatchObject({ sid: 0x3b00, did: 2 });
  });

  it('DMA_FQ defers unmap flushes until flushQueue (or detach)', () => {
    let s = build(base('DMA_FQ'), { op: 'unmap', domain: 'd', iova: '0x10000', size: '4KiB' }).state;
    expect(kinds(s)).toEqual(['iotlb/page/deferred']);
    expect(s.flushQueue).toHaveLength(1);
    const r = build(s, { op: 'flushQueue' });
    expect(r.result).toEqual({ flushed: 1 });
    s = r.state;
    // DMA_FQ is a DMA-API domain, first stage: its flush is PASID-based, all of PASID 0.
    expect(kinds(s).slice(1)).toEqual(['p_iotlb/pasid/done', 'wait/global/done']);
    expect(s.flushQueue).toHaveLength(0);
  });

  it('skipInvalidation drops exactly the next IOTLB descriptor', () => {
    let s = build(
      base('UNMANAGED'),
      { op: 'dma', device: 'nic0', iova: '0x10000', access: 'read' },
      { op: 'skipInvalidation' },
    ).state;
    expect(s.skipNext).toBe(true);
    s = build(s, { op: 'unmap', domain: 'd', iova: '0x10000', size: '4KiB' }).state;
    expect(kinds(s)).toEqual(['iotlb/page/skipped', 'wait/global/done']);
    expect(s.skipNext).toBe(false);
    expect(s.iotlb.size).toBe(1);
    const r = applyCommand(s, { op: 'dma', device: 'nic0', iova: '0x10000', access: 'read' });
    expect(r.ok && r.result).toMatchObject({ hazard: { kind: 'stale-iotlb' } });
  });

  it('flushQueue of a missing domain is ENOENT', () => {
    expect(applyCommand(base('DMA_FQ'), { op: 'flushQueue', domain: 'zz' })).toMatchObject({
      ok: false,
      error: { code: 'ENOENT' },
    });
  });
});

describe('with the context and PASID caches and device TLBs modelled (platform caches "all")', () => {
  const cached = () =>
    build(
      machine({ caches: 'all' }),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', ats: true },
      { op: 'allocDomain', id: 'd', type: 'DMA' },
      { op: 'attach', domain: 'd', device: 'nic0' },
      { op: 'map', domain: 'd', iova: '0x10000', pa: '0x200000', size: '8KiB', prot: 'rw' },
      { op: 'dma', device: 'nic0', iova: '0x10000', access: 'read' },
    ).state;

  it('a repeated DMA is answered by the device TLB without any IOMMU read', () => {
    const r = applyCommand(cached(), { op: 'dma', device: 'nic0', iova: '0x10010', access: 'read' });
    expect(r.ok && r.result).toMatchObject({ pa: 0x200010n, caches: { atc: 'hit' }, walk: [] });
  });

  it('unmap invalidates the IOTLB and then the device TLB; detach adds the context and PASID caches', () => {
    const u = build(cached(), { op: 'unmap', domain: 'd', iova: '0x10000', size: '4KiB' }).state;
    // d is a DMA-API domain, first stage: PASID-based invalidations (PASID 0).
    expect(kinds(u)).toEqual(['p_iotlb/page/done', 'devtlb/page/done', 'wait/global/done']);
    const r = applyCommand(u, { op: 'dma', device: 'nic0', iova: '0x10000', access: 'read' });
    expect(r.ok && r.result).toMatchObject({
      outcome: 'fault',
      fault: 'not-mapped',
      caches: { atc: 'miss', context: 'hit', pasid: 'hit' },
    });
    const dt = build(cached(), { op: 'detach', device: 'nic0' }).state;
    expect(kinds(dt)).toEqual([
      'context-cache/device/done',
      'pasid-cache/pasid/done',
      'p_iotlb/pasid/done',
      'devtlb/pasid/done',
      'wait/global/done',
    ]);
    expect(dt.entryCaches?.context.size).toBe(0);
    expect(dt.entryCaches?.pasid.size).toBe(0);
  });

  it('is modelled on every IOMMU', () => {
    for (const iommu of ['vtd', 'smmuv3', 'amd-vi'] as const)
      expect(machine({ caches: 'all', iommu }).entryCaches).not.toBeNull();
  });
});
