/** Workloads: DMA streams through the real walk, with exact counts for simple patterns. */
import { describe, expect, it } from 'vitest';
import { compareDesigns, runWorkload, seededRandom } from '../../src/engine/workload.ts';
import { build, machine } from '../helpers/engine.ts';

describe('runWorkload', () => {
  const state = build(
    machine(),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
    { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
    { op: 'attach', domain: 'd', device: 'nic0' },
    { op: 'map', domain: 'd', iova: '0x100000', pa: '0x40001000', size: '1MiB', prot: 'rw' },
  ).state;

  it('sequential 64-byte accesses miss once per 4 KiB page', () => {
    const s = runWorkload(state, {
      device: 'nic0',
      iova: 0x100000n,
      bytes: 1 << 20,
      dmas: 16384,
      pattern: 'sequential',
      iotlbEntries: 1024,
    });
    expect(s).toMatchObject({ dmas: 16384, walks: 256, hits: 16384 - 256, faults: 0 });
    // a miss reads 8 entries (4 to find the PASID entry, 4 page-table levels), a hit 4
    expect(s.memoryReads).toBe(256 * 8 + (16384 - 256) * 4);
  });

  it('faults are counted, and the state is not changed', () => {
    const s = runWorkload(state, {
      device: 'nic0',
      iova: 0x180000n,
      bytes: 1 << 20,
      dmas: 1000,
      pattern: 'sequential',
      iotlbEntries: 64,
      stride: 4096,
    });
    expect(s.faults).toBe(3 * 128 + (1000 - 3 * 256 - 128)); // half of each 256-page cycle lies past the mapping
    expect(state.iotlb.size).toBe(0);
  });

  it('random streams are reproducible from their seed', () => {
    const a = runWorkload(state, {
      device: 'nic0',
      iova: 0x100000n,
      bytes: 1 << 20,
      dmas: 5000,
      pattern: 'random',
      iotlbEntries: 32,
      seed: 42,
    });
    const b = runWorkload(state, {
      device: 'nic0',
      iova: 0x100000n,
      bytes: 1 << 20,
      dmas: 5000,
      pattern: 'random',
      iotlbEntries: 32,
      seed: 42,
    });
    expect(a).toEqual(b);
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });
});

describe('compareDesigns', () => {
  it('large pages cut the walks of a random stream', () => {
    const rows = compareDesigns({ bytes: 64 << 20, dmas: 20000, pattern: 'random', iotlbSizes: [64], seed: 3 });
    const by = Object.fromEntries(rows.map((r) => [r.pageSize, r]));
    expect(by['4KiB']!.walks).toBeGreaterThan(by['2MiB']!.walks);
    expect(by['2MiB']!.walks).toBeGreaterThanOrEqual(by['1GiB']!.walks);
    expect(by['1GiB']!.walks).toBe(1);
    expect(rows.every((r) => r.faults === 0)).toBe(true);
  });
});
