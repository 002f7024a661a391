/**
 * SMMUv3 configuration caches and the ATC (platform.caches "all"): the commands the driver issues
 * (CMD_CFGI_STE / CMD_CFGI_CD after STE and CD writes, CMD_TLBI_* by ASID or VMID, CMD_ATC_INV,
 * CMD_SYNC), the stale-entry hazards a skipped command leaves, and a fast-check property: with
 * every command issued, no DMA is ever answered from an entry the tables disagree with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, type Command, type EngineState } from '../../src/engine/index.ts';
import { smmuCommandOf } from '../../src/engine/smmu/commands.ts';
import { asDma, build, dmaStep, machine, translated } from '../helpers/engine.ts';

const smmu = () => machine({ iommu: 'smmuv3', hostMemory: '256MiB', caches: 'all' });
const log = (s: EngineState, from = 0) =>
  s.invalidations
    .slice(from)
    .map(
      (i) =>
        `${i.type}/${i.granularity}${i.stage === undefined ? '' : `/s${i.stage}`}${i.pasid === undefined ? '' : ` ${i.pasid}`} ${i.state}`,
    );

const dma = dmaStep;

const bound = (ats = false) =>
  build(
    smmu(),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, ats },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'ioasAlloc', id: 'io' },
    { op: 'ioasMap', ioas: 'io', iova: '0x10000', pa: '0x200000', size: '8KiB', prot: 'rw' },
    { op: 'hwptAlloc', id: 'h', device: 'nic0', pt: 'io' },
  ).state;

describe('SMMUv3 commands', () => {
  it('every STE or CD write is followed by CFGI for what changed, then CMD_SYNC', () => {
    let s = bound();
    // Boot (arm_smmu_device_reset): CMD_CFGI_ALL, CMD_SYNC, CMD_TLBI_NSNH_ALL, CMD_SYNC; then
    // bindDevice: the STE became an abort STE.
    expect(log(s)).toEqual([
      'context-cache/global done',
      'wait/global done',
      'iotlb/global/s1 done',
      'wait/global done',
      'context-cache/device done',
      'wait/global done',
    ]);
    expect(s.invalidations.slice(0, 4).map((i) => smmuCommandOf(i).name)).toEqual([
      'CMD_CFGI_ALL',
      'CMD_SYNC',
      'CMD_TLBI_NSNH_ALL',
      'CMD_SYNC',
    ]);
    let n = s.invalidations.length;
    s = build(s, { op: 'deviceAttach', device: 'nic0', pt: 'h' }).state;
    // RID attach: a CD-table STE and CD 0.
    expect(log(s, n)).toEqual(['context-cache/device done', 'pasid-cache/pasid 0 done', 'wait/global done']);
    n = s.invalidations.length;
    s = build(s, { op: 'deviceAttach', device: 'nic0', pasid: 7, pt: 'h' }).state;
    // A PASID beside it: only CD 7 changed.
    expect(log(s, n)).toEqual(['pasid-cache/pasid 7 done', 'wait/global done']);
    n = s.invalidations.length;
    s = build(s, { op: 'deviceDetach', device: 'nic0', pasid: 7 }).state;
    expect(log(s, n)).toEqual(['pasid-cache/pasid 7 done', 'iotlb/domain/s1 done', 'wait/global done']);
  });

  it('an ATS device: STE.EATS, the ATC answers first, unmap sends TLBI_NH_VA then ATC_INV', () => {
    let s = build(bound(true), { op: 'deviceAttach', device: 'nic0', pt: 'h' }).state;
    let d = dma(s, { device: 'nic0', iova: '0x10010', access: 'read' });
    expect(d.r).toMatchObject({ pa: 0x200010n, caches: { atc: 'miss', context: 'miss', pasid: 'miss' } });
    d = dma(d.state, { device: 'nic0', iova: '0x10020', access: 'read' });
    expect(d.r).toMatchObject({ pa: 0x200020n, caches: { atc: 'hit' }, walk: [] });
    s = d.state;
    const n = s.invalidations.length;
    s = build(s, { op: 'ioasUnmap', ioas: 'io', size: 'all' }).state;
    expect(log(s, n)).toEqual(['iotlb/page/s1 done', 'devtlb/page 0 done', 'wait/global done']);
    expect(dma(s, { device: 'nic0', iova: '0x10010', access: 'read' }).r).toMatchObject({
      fault: 'not-mapped',
      caches: { atc: 'miss', context: 'hit', pasid: 'hit' },
    });
  });

  it('a skipped CMD_CFGI_STE leaves the abort STE cached: the DMA aborts though the tables translate', () => {
    let s = bound();
    // While blocked, a DMA caches the abort STE.
    let d = dma(s, { device: 'nic0', iova: '0x10000', access: 'read' });
    expect(d.r).toMatchObject({ fault: 'blocked', caches: { context: 'miss' } });
    s = build(d.state, { op: 'skipInvalidation' }, { op: 'deviceAttach', device: 'nic0', pt: 'h' }).state;
    expect(s.invalidations.some((i) => i.type === 'context-cache' && i.state === 'skipped')).toBe(true);
    d = dma(s, { device: 'nic0', iova: '0x10000', access: 'read' });
    // The cached abort STE aborts silently (no event); software already thinks the RID is attached.
    expect(d.r).toMatchObject({
      fault: 'no-pasid',
      recorded: false,
      caches: { context: 'hit' },
      hazard: { kind: 'stale-entry-cache' },
    });
    expect(d.r.hazard?.message).toMatch(/now translate this address to 0x200000/);
    // Issued, the same attach translates.
    const fresh = build(dma(bound(), { device: 'nic0', iova: '0x10000', access: 'read' }).state, {
      op: 'deviceAttach',
      device: 'nic0',
      pt: 'h',
    }).state;
    expect(dma(fresh, { device: 'nic0', iova: '0x10000', access: 'read' }).r).toMatchObject({ pa: 0x200000n });
  });

  it('a skipped CMD_CFGI_CD after a replace: the stale CD still walks the old domain', () => {
    let s = build(
      bound(),
      { op: 'ioasAlloc', id: 'io2' },
      { op: 'ioasMap', ioas: 'io2', iova: '0x10000', pa: '0x300000', size: '4KiB', prot: 'rw' },
      { op: 'hwptAlloc', id: 'h2', device: 'nic0', pt: 'io2' },
      { op: 'deviceAttach', device: 'nic0', pt: 'h' },
    ).state;
    s = dma(s, { device: 'nic0', iova: '0x10000', access: 'read' }).state;
    s = build(s, { op: 'skipInvalidation' }, { op: 'deviceReplace', device: 'nic0', pt: 'h2' }).state;
    const d = dma(s, { device: 'nic0', iova: '0x10000', access: 'read' });
    expect(d.r).toMatchObject({ caches: { pasid: 'hit' } });
    // The old ASID was flushed, so the stale CD's walk fills from the old table: flagged.
    expect(translated(d.r).pa).toBe(0x200000n);
    expect(d.r.hazard?.kind).toBe('stale-entry-cache');
  });
});

const PAGES = [0x10, 0x10, 0x11, 0x200];
const hexPage = (p: number) => '0x' + (p * 4096).toString(16);
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const pasid3 = fc.option(fc.constant(3), { nil: undefined, freq: 2 });
const op: fc.Arbitrary<Command> = fc.oneof(
  w(
    1,
    fc.record({
      op: fc.constant('ioasMap' as const),
      ioas: fc.constantFrom('A', 'B'),
      iova: fc.constantFrom(...PAGES).map(hexPage),
      pa: fc.constantFrom(0x300, 0x400, 0x500).map(hexPage),
      size: fc.constant('4KiB'),
      prot: fc.constantFrom<'r' | 'rw'>('r', 'rw'),
    }),
  ),
  w(
    1,
    fc.record({
      op: fc.constant('ioasUnmap' as const),
      ioas: fc.constantFrom('A', 'B'),
      size: fc.constant('all' as const),
    }),
  ),
  w(
    2,
    fc
      .record({
        op: fc.constantFrom('deviceAttach' as const, 'deviceReplace' as const),
        device: fc.constant('nic0'),
        pt: fc.constantFrom('hA', 'hB'),
        pasid: pasid3,
      })
      .map((c) => (c.pasid === undefined ? { op: c.op, device: c.device, pt: c.pt } : c)),
  ),
  w(
    1,
    fc
      .record({ op: fc.constant('deviceDetach' as const), device: fc.constant('nic0'), pasid: pasid3 })
      .map((c) => (c.pasid === undefined ? { op: c.op, device: c.device } : c)),
  ),
  w(
    5,
    fc
      .record({
        op: fc.constant('dma' as const),
        device: fc.constant('nic0'),
        iova: fc.constantFrom(...PAGES).map(hexPage),
        access: fc.constantFrom<'read' | 'write'>('read', 'write'),
        pasid: pasid3,
      })
      .map((c) => (c.pasid === undefined ? { op: c.op, device: c.device, iova: c.iova, access: c.access } : c)),
  ),
);

describe('SMMUv3 caches property', () => {
  it('with every command issued, no DMA is answered from a stale STE, CD, TLB or ATC entry', () => {
    let cachedAnswers = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(op, { minLength: 4, maxLength: 30 }), (ats, cmds) => {
        let s = build(
          smmu(),
          { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, ats },
          { op: 'bindDevice', device: 'nic0' },
          { op: 'ioasAlloc', id: 'A' },
          { op: 'ioasAlloc', id: 'B' },
          { op: 'hwptAlloc', id: 'hA', device: 'nic0', pt: 'A' },
          { op: 'hwptAlloc', id: 'hB', device: 'nic0', pt: 'B' },
          { op: 'ioasMap', ioas: 'A', iova: hexPage(0x10), pa: hexPage(0x300), size: '4KiB', prot: 'rw' },
          { op: 'ioasMap', ioas: 'B', iova: hexPage(0x10), pa: hexPage(0x400), size: '4KiB', prot: 'rw' },
          { op: 'deviceAttach', device: 'nic0', pt: 'hA' },
        ).state;
        for (const c of cmds) {
          const r = applyCommand(s, c);
          if (!r.ok) continue;
          s = r.state;
          if (c.op !== 'dma') continue;
          const res = asDma(r.result);
          if (res.hazard !== undefined) return false;
          if (res.caches?.atc === 'hit' || res.caches?.context === 'hit' || res.caches?.pasid === 'hit')
            cachedAnswers++;
        }
        return true;
      }),
      { seed: 20261202, numRuns: 150 },
    );
    // The property reached its case: DMAs answered from the caches.
    expect(cachedAnswers).toBeGreaterThan(20);
  });
});
