/** The IOTLB: tags, page sizes, FIFO eviction, invalidation and independent clones. */
import { describe, expect, it } from 'vitest';
import { Iotlb } from '../../src/engine/index.ts';

const e = (did: number, pasid: number, vpn: number, level = 1, pfn = vpn + 100) => ({
  did,
  pasid,
  level,
  vpn,
  pfn,
  read: true,
  write: level !== 3,
});

describe('Iotlb', () => {
  it('is tagged by DID and PASID and finds large pages from any 4 KiB page inside them', () => {
    const t = new Iotlb(8);
    t.insert(e(2, 0, 5));
    t.insert(e(2, 1, 3, 2)); // 2 MiB page 3 = 4 KiB pages 1536..2047
    t.insert(e(3, 0, 1, 3)); // 1 GiB page 1
    expect(t.lookup(2, 0, 5)?.pfn).toBe(105);
    expect(t.lookup(2, 1, 5)).toBeUndefined();
    expect(t.lookup(3, 0, 5)).toBeUndefined();
    expect(t.lookup(2, 1, 1536 + 17)).toMatchObject({ level: 2, vpn: 3 });
    expect(t.lookup(3, 0, 2 ** 18 + 12345)).toMatchObject({ level: 3, write: false });
    // Page keys above 2^32 stay exact.
    t.insert(e(2, 0, 2 ** 44 + 1));
    expect(t.lookup(2, 0, 2 ** 44 + 1)?.pfn).toBe(2 ** 44 + 101);
    expect(t.lookup(2, 0, 2 ** 44)).toBeUndefined();
  });

  it('evicts first in, first out at capacity, and re-inserting a page refreshes it', () => {
    const t = new Iotlb(3);
    [1, 2, 3].forEach((v) => t.insert(e(2, 0, v)));
    t.insert(e(2, 0, 1, 1, 999)); // replaces page 1, now the newest
    t.insert(e(2, 0, 4)); // evicts page 2
    expect(t.entries().map((x) => x.vpn)).toEqual([3, 1, 4]);
    expect(t.lookup(2, 0, 1)?.pfn).toBe(999);
    expect(t.size).toBe(3);
  });

  it('invalidates by DID (all PASIDs) over a range, or by (DID, PASID)', () => {
    const t = new Iotlb(16);
    t.insert(e(2, 0, 10));
    t.insert(e(2, 7, 11));
    t.insert(e(2, 7, 0, 2)); // 2 MiB covering pages 0..511
    t.insert(e(4, 0, 10));
    t.invalidateDid(2, 11, 1);
    expect(t.entries().map((x) => [x.did, x.pasid, x.vpn, x.level])).toEqual([
      [2, 0, 10, 1],
      [4, 0, 10, 1],
    ]);
    t.invalidatePasid(4, 0);
    expect(t.size).toBe(1);
    t.invalidateDid(2);
    expect(t.size).toBe(0);
  });

  it('clones independently', () => {
    const a = new Iotlb(4);
    a.insert(e(2, 0, 1));
    const b = a.clone();
    b.insert(e(2, 0, 2));
    b.invalidateDid(2, 1, 1);
    expect(a.entries().map((x) => x.vpn)).toEqual([1]);
    expect(b.entries().map((x) => x.vpn)).toEqual([2]);
  });

  it('survives heavy churn (tombstones, rehash, ring compaction) exactly like a plain FIFO model', () => {
    const t = new Iotlb(64);
    let model: { did: number; pasid: number; vpn: number }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = { did: 2 + (i % 3), pasid: i % 5, vpn: i % 97 };
      t.insert(e(x.did, x.pasid, x.vpn));
      model = model.filter((m) => !(m.did === x.did && m.pasid === x.pasid && m.vpn === x.vpn));
      if (model.length >= 64) model.shift();
      model.push(x);
      if (i % 7 === 0) {
        t.invalidatePasid(2 + (i % 3), i % 5);
        model = model.filter((m) => !(m.did === 2 + (i % 3) && m.pasid === i % 5));
      }
    }
    expect(t.entries().map((x) => [x.did, x.pasid, x.vpn])).toEqual(model.map((m) => [m.did, m.pasid, m.vpn]));
    for (const m of model) expect(t.lookup(m.did, m.pasid, m.vpn)?.vpn).toBe(m.vpn);
  });
});
