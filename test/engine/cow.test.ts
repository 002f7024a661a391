/**
 * A replay under an Ownership (engine/cow.ts) writes the collections it made in place: every state
 * it passes through must be exactly the state an ordinary replay gives, and a refused command must
 * leave its input as it was, insertion order included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  initialState,
  Ownership,
  resolvePlatform,
  type Command,
  type EngineState,
} from '../../src/engine/index.ts';
import { CowMap, CowSet } from '../../src/engine/cow.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { RUNS, SEED, SETUP, storeCommand } from '../helpers/storeCommands.ts';

const start = () => initialState(resolvePlatform({ hostMemory: '1GiB' }));

describe('replay with ownership (in-place writes)', () => {
  it('passes through the same states as a copying replay, refused steps included', () => {
    let refused = 0;
    let checkpoints = 0;
    fc.assert(
      fc.property(
        fc.array(storeCommand, { minLength: 1, maxLength: 60 }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        (cmds, releases) => {
          const owner = new Ownership();
          let plain: EngineState = start();
          let owned: EngineState = start();
          const kept: [EngineState, string][] = [];
          [...SETUP, ...cmds].forEach((c, i) => {
            const before = fingerprint(owned);
            const a = applyCommand(plain, c);
            const b = applyCommand(owned, c, owner);
            expect(b.ok).toBe(a.ok);
            if (!b.ok) {
              refused++;
              expect(b.state).toBe(owned);
              expect(fingerprint(owned)).toBe(before);
            }
            plain = a.state;
            owned = b.state;
            expect(fingerprint(owned)).toBe(fingerprint(plain));
            // A kept state (a checkpoint) releases ownership: later commands never change it.
            if (releases[i] === true) {
              owner.release();
              kept.push([owned, fingerprint(owned)]);
            }
          });
          for (const [s, f] of kept) expect(fingerprint(s)).toBe(f);
          checkpoints += kept.length;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // The property reached its cases: refused commands after in-place writes, and kept checkpoints.
    expect(refused).toBeGreaterThan(0);
    expect(checkpoints).toBeGreaterThan(0);
  });

  it('a refused command after in-place writes restores the order of keys', () => {
    const owner = new Ownership();
    let s = start();
    const cmds: Command[] = [
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 4 },
      { op: 'createVm', id: 'vm1', memory: '16MiB' },
      { op: 'createVm', id: 'vm2', memory: '16MiB' },
    ];
    for (const c of cmds) s = applyCommand(s, c, owner).state;
    const before = fingerprint(s);
    const refused = applyCommand(s, { op: 'createVm', id: 'vm1', memory: '16MiB' }, owner);
    expect(refused.ok).toBe(false);
    expect(fingerprint(s)).toBe(before);
    expect([...s.vms.keys()]).toEqual(['vm1', 'vm2']);
  });
});

// Aux-era commands on every IOMMU, with all caches modelled: attaches and assigns write frames in place
// (context/PASID entries, STEs/CDs, DTEs/GCR3 entries) and the vendors' flushes compare them with the
// entry as it was when the command began (MemoryDraft.before); refused ones must undo it all.
const auxCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    op: fc.constant('allocDomain' as const),
    id: fc.constantFrom('A', 'B'),
    type: fc.constantFrom('DMA', 'UNMANAGED', 'IDENTITY'),
  }),
  fc.record({ op: fc.constant('freeDomain' as const), id: fc.constantFrom('A', 'B') }),
  fc.record({
    op: fc.constant('attach' as const),
    domain: fc.constantFrom('A', 'B'),
    device: fc.constantFrom('nic0', 'm0'),
  }),
  fc.record({ op: fc.constant('detach' as const), device: fc.constantFrom('nic0', 'dsa0') }),
  fc.record({
    op: fc.constant('auxAttach' as const),
    domain: fc.constantFrom('A', 'B'),
    device: fc.constantFrom('m0', 'm1', 'm2'),
  }),
  fc.record({
    op: fc.constant('auxDetach' as const),
    domain: fc.constantFrom('A', 'B'),
    device: fc.constantFrom('m0', 'm1', 'm2'),
  }),
  fc.record({
    op: fc.constant('createMdev' as const),
    id: fc.constantFrom('m0', 'm1', 'm2'),
    parent: fc.constant('dsa0'),
    wq: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ op: fc.constant('removeMdev' as const), id: fc.constantFrom('m0', 'm1', 'm2') }),
  fc.record({
    op: fc.constant('assign' as const),
    device: fc.constantFrom('nic0', 'm0', 'm1', 'm2'),
    vm: fc.constantFrom('vm0', 'vm1'),
  }),
  fc.record({ op: fc.constant('unassign' as const), device: fc.constantFrom('nic0', 'm0', 'm1', 'm2') }),
  fc.record({
    op: fc.constant('map' as const),
    domain: fc.constantFrom('A', 'B'),
    iova: fc.constantFrom('0x0', '0x1000', '0x200000'),
    pa: fc.constantFrom('0x100000', '0x400000'),
    size: fc.constantFrom('4KiB', '2MiB'),
    prot: fc.constantFrom<'r' | 'rw'>('r', 'rw'),
  }),
  fc.record({
    op: fc.constant('unmap' as const),
    domain: fc.constantFrom('A', 'B'),
    iova: fc.constant('0x0'),
    size: fc.constant('4KiB'),
  }),
  fc.record({
    op: fc.constant('dma' as const),
    device: fc.constantFrom('nic0', 'm0', 'm1'),
    iova: fc.constantFrom('0x0', '0x1000'),
    access: fc.constantFrom<'read' | 'write'>('read', 'write'),
  }),
);

const AUX_SETUP: Command[] = [
  { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 4, pasidBits: 16 },
  { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', ats: true },
  { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
  { op: 'createVm', id: 'vm0', memory: '4MiB', hpa: '0x10000000' },
  { op: 'createVm', id: 'vm1', memory: '4MiB' },
  { op: 'allocDomain', id: 'A', type: 'UNMANAGED' },
  { op: 'allocDomain', id: 'B', type: 'UNMANAGED' },
  { op: 'createMdev', id: 'm0', parent: 'dsa0', wq: 0 },
  { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 1 },
  { op: 'createMdev', id: 'm2', parent: 'dsa0', wq: 2 },
];

describe.each(['vtd', 'smmuv3', 'amd-vi'] as const)('replay with ownership, aux-era commands (%s)', (iommu) => {
  it('passes through the same states as a copying replay and undoes refused commands', () => {
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(auxCommand, { minLength: 1, maxLength: 40 }),
        // A checkpoint now and then: in between, commands write what earlier ones made in place.
        fc.array(
          fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
          { maxLength: 40 },
        ),
        (cmds, releases) => {
          const owner = new Ownership();
          let plain = initialState(resolvePlatform({ hostMemory: '1GiB', iommu, caches: 'all' }));
          let owned = plain;
          owner.release();
          [...AUX_SETUP, ...cmds].forEach((c, i) => {
            const before = fingerprint(owned);
            const a = applyCommand(plain, c);
            const b = applyCommand(owned, c, owner);
            expect(b.ok).toBe(a.ok);
            if (a.ok && b.ok) expect(b.result).toEqual(a.result);
            if (!b.ok) {
              refused++;
              expect(b.state).toBe(owned);
              expect(fingerprint(owned)).toBe(before);
            }
            plain = a.state;
            owned = b.state;
            expect(fingerprint(owned)).toBe(fingerprint(plain));
            // The flushes each op issued (the fingerprint leaves them out): they depend on what changed.
            expect(owned.invalidations).toEqual(plain.invalidations);
            if (releases[i] === true) owner.release();
          });
        },
      ),
      { seed: SEED, numRuns: Math.ceil(RUNS / 2) },
    );
    expect(refused).toBeGreaterThan(0);
  });
});

describe('CowMap and CowSet under an Ownership', () => {
  const owned = () => {
    const owner = new Ownership();
    const base = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    owner.adopt(base);
    return { owner, base };
  };

  it('write an owned map in place and roll back to its values and order', () => {
    const { owner, base } = owned();
    const m = new CowMap(base, owner);
    m.set('a', 10);
    m.set('c', 3);
    expect(m.result()).toBe(base);
    expect([...base]).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 3],
    ]);
    m.rollback();
    expect([...base]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('copy on a delete, leaving the owned base as it was', () => {
    const { owner, base } = owned();
    const m = new CowMap(base, owner);
    m.set('c', 3);
    m.delete('a');
    expect(m.result()).not.toBe(base);
    expect([...m.result()]).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
    expect([...base]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(owner.owns(m.result())).toBe(true);
  });

  it('copy a map that is not owned (or no longer: release) and adopt the copy', () => {
    const { owner, base } = owned();
    owner.release();
    const m = new CowMap(base, owner);
    m.set('a', 5);
    expect(base.get('a')).toBe(1);
    expect(owner.owns(m.result())).toBe(true);
    const s = new CowSet(new Set([1]), owner);
    s.add(2);
    const again = new CowSet(s.result(), owner);
    again.add(3);
    expect(again.result()).toBe(s.result());
    again.rollback();
    expect([...s.result()]).toEqual([1, 2]);
  });
});
