/**
 * auxHolding (engine/auxIndex.ts) answers what a scan of the aux list answers, while the list grows
 * in place (a replay under an Ownership), shrinks back (a refused command's append undone) or is
 * replaced (a detach filters it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auxHolding } from '../../src/engine/auxIndex.ts';
import type { AuxAttachment } from '../../src/engine/model.ts';

const attachment: fc.Arbitrary<AuxAttachment> = fc.record({
  domain: fc.constantFrom('A', 'B', 'C'),
  device: fc.constantFrom('dsa0', 'dsa1', 'nic0'),
  wq: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  mdev: fc.option(fc.constantFrom('m0', 'm1', 'm2'), { nil: null }),
});

type Edit = { kind: 'push'; a: AuxAttachment } | { kind: 'pop' } | { kind: 'filter'; domain: string };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), a: attachment }),
  fc.record({ kind: fc.constant('pop' as const) }),
  fc.record({ kind: fc.constant('filter' as const), domain: fc.constantFrom('A', 'B', 'C') }),
);
const query = fc.tuple(
  fc.constantFrom('dsa0', 'dsa1', 'nic0'),
  fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  fc.option(fc.constantFrom('m0', 'm1', 'm2'), { nil: null }),
);

const scan = (aux: readonly AuxAttachment[], device: string, wq: number | null, mdev: string | null) =>
  aux.find((a) => (a.device === device && a.wq === wq) || (mdev !== null && a.mdev === mdev));

describe('auxHolding', () => {
  it('finds what a scan finds, as the list is edited in place or replaced', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(edit, fc.option(query, { nil: null })), { maxLength: 60 }), (edits) => {
        let aux: AuxAttachment[] = [];
        // Queries only now and then: the list may shrink and grow back between two of them.
        for (const [e, q] of edits) {
          if (e.kind === 'push') aux.push({ ...e.a });
          else if (e.kind === 'pop') aux.pop();
          else aux = aux.filter((a) => a.domain !== e.domain);
          if (q === null) continue;
          const [device, wq, mdev] = q;
          expect(auxHolding(aux, device, wq, mdev)).toBe(scan(aux, device, wq, mdev));
        }
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});
