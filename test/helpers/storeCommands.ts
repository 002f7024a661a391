/** Random VT-d command sequences for store properties (history, persistence): a device, a domain, map/unmap/dma. */
import fc from 'fast-check';
import type { Command } from '../../src/engine/index.ts';

export const SETUP: Command[] = [
  { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
  { op: 'allocDomain', id: 'd1', type: 'DMA' },
  { op: 'attach', domain: 'd1', device: 'nic0' },
];

const page = fc.integer({ min: 0, max: 31 }).map((p) => `0x${(0x100000 + p * 0x1000).toString(16)}`);

/** One command; some are refused (overlapping maps, unmapping nothing), which the store must record too. */
export const storeCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    op: fc.constant('map' as const),
    domain: fc.constant('d1'),
    iova: page,
    pa: page.map((p) => `0x${(Number(p) + 0x10000000).toString(16)}`),
    size: fc.constantFrom<number | string>('4KiB', '8KiB'),
    prot: fc.constantFrom<'r' | 'rw'>('r', 'rw'),
  }),
  fc.record({
    op: fc.constant('unmap' as const),
    domain: fc.constant('d1'),
    iova: page,
    size: fc.constant<number | string>('4KiB'),
  }),
  fc.record({
    op: fc.constant('dma' as const),
    device: fc.constant('nic0'),
    iova: page,
    access: fc.constantFrom<'read' | 'write'>('read', 'write'),
  }),
  fc.record({ op: fc.constant('createVm' as const), id: fc.constantFrom('vm1', 'vm2'), memory: fc.constant('64MiB') }),
);

export const SEED = Number(process.env['FC_SEED'] ?? 20261201);
export const RUNS = Number(process.env['FC_RUNS'] ?? 60);
