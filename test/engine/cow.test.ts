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
