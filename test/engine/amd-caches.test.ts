/**
 * AMD-Vi configuration caches and the device IOTLB (platform.caches "all"): the commands the driver
 * issues (INVALIDATE_DEVTAB_ENTRY after a DTE write, INVALIDATE_IOMMU_PAGES by DomainID and PASID,
 * INVALIDATE_IOTLB_PAGES for ATS devices, COMPLETION_WAIT), the stale-entry hazards a skipped command
 * leaves, and a fast-check property: with every command issued, no DMA is ever answered from a cached
 * entry the tables disagree with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invAddressBlock } from '../../src/engine/amd/invalidate.ts';
import { applyCommand, type Command, type EngineState } from '../../src/engine/index.ts';
import { asDma, build, dmaStep, faulted, machine } from '../helpers/engine.ts';

const hex = (n: number) => '0x' + n.toString(16);
const amd = () => machine({ iommu: 'amd-vi', hostMemory: '256MiB', caches: 'all' });
const log = (s: EngineState, from = 0) =>
  s.invalidations
    .slice(from)
    .map((i) => `${i.type}/${i.granularity}${i.pasid === undefined ? '' : ` ${i.pasid}`} ${i.state}`);

const dma = dmaStep;

const bound = (ats = false) =>
  build(
    amd(),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, ats },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'ioasAlloc', id: 'io' },
    { op: 'ioasMap', ioas: 'io', iova: '0x10000', pa: '0x200000', size: '8KiB', prot: 'rw' },
    { op: 'hwptAlloc', id: 'h', device: 'nic0', pt: 'io' },
    { op: 'hwptAlloc', id: 'k', device: 'nic0', pt: 'io' },
  ).state;

describe('AMD-Vi commands', () => {
  it('build_inv_address: a naturally aligned power-of-two block, or all addresses', () => {
    expect(invAddressBlock({ iovaPfn: 0x10, pages: 1 })).toEqual({ iovaPfn: 0x10, pages: 1 });
    expect(invAddressBlock({ iovaPfn: 0x1, pages: 3 })).toEqual({ iovaPfn: 0, pages: 4 });
    expect(invAddressBlock({ iovaPfn: 0x1ff, pages: 2 })).toEqual({ iovaPfn: 0, pages: 1024 });
    expect(invAddressBlock({ iovaPfn: 0, pages: 2 ** 40 })).toBeUndefined();
  });

  it('a DTE write is followed by INVALIDATE_DEVTAB_ENTRY and COMPLETION_WAIT; a GCR3 entry beside it is not', () => {
    let s = bound();
    // bindDevice: the DTE became valid (blocked: GCR3[0] clear).
    expect(log(s)).toEqual(['context-cache/device done', 'wait/global done']);
    let n = s.invalidations.length;
    s = build(s, { op: 'deviceAttach', device: 'nic0', pt: 'h' }).state;
    // The RID's domain is a GCR3 entry: the DTE did not change.
    expect(log(s, n)).toEqual([]);
    n = s.invalidations.length;
    s = build(s, { op: 'deviceReplace', device: 'nic0', pt: 'k' }).state;
    // Replace: GCR3[0] rewritten, then the old translations of (DomainID, PASID 0) go with the GCR3 entry.
    expect(log(s, n)).toEqual(['p_iotlb/pasid 0 done', 'wait/global done']);
    n = s.invalidations.length;
    s = build(s, { op: 'deviceAttach', device: 'nic0', pasid: 7, pt: 'h' }).state;
    expect(log(s, n)).toEqual([]);
    n = s.invalidations.length;
    s = build(s, { op: 'deviceDetach', device: 'nic0', pasid: 7 }).state;
    expect(log(s, n)).toEqual(['p_iotlb/pasid 7 done', 'wait/global done']);
  });

  it('detach of an ATS device: INVALIDATE_DEVTAB_ENTRY, INVALIDATE_IOMMU_PAGES, INVALIDATE_IOTLB_PAGES, COMPLETION_WAIT', () => {
    const s = build(
      amd(),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, ats: true },
      { op: 'allocDomain', id: 'd', type: 'DMA' },
      { op: 'attach', domain: 'd', device: 'nic0' },
    ).state;
    const n = s.invalidations.length;
    const t = build(s, { op: 'detach', device: 'nic0' }).state;
    expect(log(t, n)).toEqual([
      'context-cache/device done',
      'p_iotlb/pasid 0 done',
      'devtlb/pasid 0 done',
      'wait/global done',
    ]);
  });
});

describe('AMD-Vi caches', () => {
  it('the DTE cache and the GCR3 cache skip their reads; the device IOTLB answers without the IOMMU', () => {
    let s = build(bound(true), { op: 'deviceAttach', device: 'nic0', pt: 'h' }).state;
    let x = dma(s, { device: 'nic0', iova: '0x10000', access: 'read' });
    expect(x.r.caches).toEqual({ atc: 'miss', context: 'miss', pasid: 'miss' });
    expect(x.r.walk.map((w) => w.structure)).toEqual(['dte', 'gcr3-l1', 'gcr3', 'pl4', 'pl3', 'pl2', 'pl1']);
    s = x.state;
    x = dma(s, { device: 'nic0', iova: '0x10008', access: 'read' });
    expect(x.r).toMatchObject({ pa: '0x200008', caches: { atc: 'hit' }, walk: [] });
    // Another page: the ATC misses, the DTE and GCR3 caches hit, the IOTLB misses (a fresh page).
    x = dma(x.state, { device: 'nic0', iova: '0x11000', access: 'read' });
    expect(x.r.caches).toEqual({ atc: 'miss', context: 'hit', pasid: 'hit' });
    expect(x.r.walk.map((w) => w.structure)).toEqual(['pl4', 'pl3', 'pl2', 'pl1']);
  });

  it('a skipped INVALIDATE_DEVTAB_ENTRY leaves the old DTE in use (stale-entry-cache)', () => {
    let s = build(
      amd(),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'id', type: 'IDENTITY' },
      { op: 'attach', domain: 'id', device: 'nic0' },
    ).state;
    s = dma(s, { device: 'nic0', iova: '0x5000', access: 'read' }).state;
    s = build(s, { op: 'skipInvalidation' }, { op: 'detach', device: 'nic0' }).state;
    expect(log(s).slice(-2)).toEqual(['context-cache/device skipped', 'wait/global done']);
    const { r } = dma(s, { device: 'nic0', iova: '0x5000', access: 'read' });
    expect(r).toMatchObject({ pa: '0x5000', caches: { context: 'hit' }, hazard: { kind: 'stale-entry-cache' } });
    expect(r.hazard?.message).toMatch(/DTE or GCR3 entry/);
  });

  it('a skipped INVALIDATE_IOMMU_PAGES leaves the old translation and GCR3 entry (stale-iotlb)', () => {
    let s = build(bound(), { op: 'deviceAttach', device: 'nic0', pasid: 5, pt: 'h' }).state;
    s = dma(s, { device: 'nic0', pasid: 5, iova: '0x10000', access: 'read' }).state;
    s = build(s, { op: 'skipInvalidation' }, { op: 'deviceDetach', device: 'nic0', pasid: 5 }).state;
    const { r } = dma(s, { device: 'nic0', pasid: 5, iova: '0x10000', access: 'read' });
    // The IOTLB answers from the cached DTE's DomainID: no GCR3 entry and no page table is read.
    expect(r).toMatchObject({
      pa: '0x200000',
      iotlb: 'hit',
      caches: { context: 'hit' },
      hazard: { kind: 'stale-iotlb' },
      walk: [],
    });
    // Without the skip the same DMA faults.
    let t = build(bound(), { op: 'deviceAttach', device: 'nic0', pasid: 5, pt: 'h' }).state;
    t = dma(t, { device: 'nic0', pasid: 5, iova: '0x10000', access: 'read' }).state;
    t = build(t, { op: 'deviceDetach', device: 'nic0', pasid: 5 }).state;
    expect(faulted(dma(t, { device: 'nic0', pasid: 5, iova: '0x10000', access: 'read' }).r).fault).toBe('no-pasid');
  });

  it('property: with every command issued, no DMA is answered from an entry the tables disagree with', () => {
    const op = fc.oneof(
      fc.record({
        k: fc.constant('attach' as const),
        hw: fc.constantFrom('h', 'k', 'p'),
        pasid: fc.constantFrom(0, 3),
      }),
      fc.record({ k: fc.constant('detach' as const), pasid: fc.constantFrom(0, 3) }),
      fc.record({ k: fc.constant('map' as const), page: fc.nat(3), w: fc.boolean() }),
      fc.record({ k: fc.constant('unmap' as const), page: fc.nat(3) }),
      fc.record({ k: fc.constant('dma' as const), page: fc.nat(3), pasid: fc.constantFrom(0, 3), w: fc.boolean() }),
    );
    const seen = { dmas: 0, cacheHits: 0, translated: 0 };
    fc.assert(
      fc.property(fc.array(op, { minLength: 4, maxLength: 24 }), fc.boolean(), (ops, ats) => {
        let s = build(
          amd(),
          { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, ats },
          { op: 'createVm', id: 'vm', memory: '4MiB', hpa: '0x1000000' },
          { op: 'bindDevice', device: 'nic0' },
          { op: 'ioasAlloc', id: 'io' },
          { op: 'ioasAlloc', id: 'io2' },
          { op: 'hwptAlloc', id: 'h', device: 'nic0', pt: 'io' },
          { op: 'hwptAlloc', id: 'k', device: 'nic0', pt: 'io2' },
          { op: 'hwptAlloc', id: 'p', device: 'nic0', pt: 'io', nestParent: true },
          ...[0, 1, 2, 3].flatMap((i): Command[] => [
            {
              op: 'ioasMap',
              ioas: 'io',
              iova: hex((i + 1) * 0x1000),
              pa: hex(0x1000000 + i * 0x1000),
              size: '4KiB',
              prot: 'rw',
            },
            {
              op: 'ioasMap',
              ioas: 'io2',
              iova: hex((i + 1) * 0x1000),
              pa: hex(0x1200000 + i * 0x1000),
              size: '4KiB',
              prot: 'rw',
            },
          ]),
          { op: 'deviceAttach', device: 'nic0', pt: 'h' },
        ).state;
        // io and io2 map the same IOVAs to different pages: a stale entry of the other HWPT shows.
        for (const o of ops) {
          let c: Command;
          const pasid = 'pasid' in o && o.pasid !== 0 ? { pasid: o.pasid } : {};
          if (o.k === 'attach') c = { op: 'deviceReplace', device: 'nic0', pt: o.hw, ...pasid };
          else if (o.k === 'detach') c = { op: 'deviceDetach', device: 'nic0', ...pasid };
          else if (o.k === 'map' || o.k === 'unmap') {
            const iova = '0x' + ((o.page + 1) * 0x1000).toString(16);
            for (const [ioas, base] of [
              ['io', 0x1000000],
              ['io2', 0x1200000],
            ] as const) {
              const m = applyCommand(
                s,
                o.k === 'unmap'
                  ? { op: 'ioasUnmap', ioas, iova, size: '4KiB' }
                  : {
                      op: 'ioasMap',
                      ioas,
                      iova,
                      pa: '0x' + (base + o.page * 0x1000).toString(16),
                      size: '4KiB',
                      prot: o.w ? 'rw' : 'r',
                    },
              );
              if (m.ok) s = m.state;
            }
            continue;
          } else
            c = {
              op: 'dma',
              device: 'nic0',
              iova: '0x' + ((o.page + 1) * 0x1000 + 8).toString(16),
              access: o.w ? 'write' : 'read',
              ...pasid,
            };
          // deviceReplace needs something attached first: fall back to deviceAttach.
          let a = applyCommand(s, c);
          if (!a.ok && c.op === 'deviceReplace') a = applyCommand(s, { ...c, op: 'deviceAttach' });
          if (!a.ok) continue;
          s = a.state;
          if (c.op !== 'dma') continue;
          const r = asDma(a.result);
          seen.dmas++;
          if ((r.outcome === 'translated' && r.iotlb === 'hit') || Object.values(r.caches ?? {}).includes('hit'))
            seen.cacheHits++;
          if (r.outcome === 'translated') seen.translated++;
          if (r.hazard !== undefined) return false;
        }
        return true;
      }),
      { seed: 20261202, numRuns: 80 },
    );
    expect(seen.dmas).toBeGreaterThan(0);
    expect(seen.cacheHits).toBeGreaterThan(0);
    expect(seen.translated).toBeGreaterThan(0);
  });
});
