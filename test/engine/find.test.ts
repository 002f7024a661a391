import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { findNodes } from '../../src/engine/inspect/find.ts';
import { topologyOf } from '../../src/engine/inspect/topology.ts';
import { fleetScenario } from '../helpers/fleet.ts';

function topo(text: string) {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return topologyOf(runScenario(parsed.value).state);
}

const seed = topo(readFileSync(new URL('../../src/scenarios/three-wqs.json', import.meta.url), 'utf8'));
const fleet = topo(fleetScenario(64, 16));
const first = (t: typeof seed, q: string) => findNodes(t, q)[0]?.node.id;

describe('findNodes', () => {
  it.each([
    ['vm37', 'vm:vm37'],
    ['VM37', 'vm:vm37'],
    ['dsa12', 'device:dsa12'],
    ['mdev600', 'mdev:mdev600'],
    ['0000:1c:01.0', 'device:dsa12'],
    ['DID 39', 'domain:vm37.gpa.domain'],
    ['vm37.gpa', 'ioasid:vm37.gpa'],
  ])('fleet: %s → %s first', (q, id) => {
    expect(first(fleet, q)).toBe(id);
  });

  it('ranks a whole word above a longer number: DID 3 is not DID 30', () => {
    const hits = findNodes(fleet, 'DID 3').map((h) => h.node.id);
    expect(hits[0]).toBe('domain:vm1.gpa.domain');
    expect(findNodes(fleet, 'DID 3')[1]?.rank).toBeGreaterThan(2);
  });

  it('finds PASIDs by number, on every device that has them', () => {
    const hits = findNodes(seed, 'pasid 1').filter((h) => h.rank === 0);
    expect(hits.map((h) => h.node.id)).toEqual(['pasid:dsa0/1']);
    expect(first(seed, 'dsa0 pasid 2')).toBe('pasid:dsa0/2');
  });

  it('finds by BDF, WQ name and domain type', () => {
    expect(first(seed, '0000:6a:01.0')).toBe('device:dsa0');
    expect(findNodes(seed, 'unmanaged').map((h) => h.node.kind)).toEqual(['domain', 'domain']);
  });

  it('matches nothing for an empty or unknown query, and caps the list', () => {
    expect(findNodes(seed, '   ')).toEqual([]);
    expect(findNodes(seed, 'no-such-thing')).toEqual([]);
    expect(findNodes(fleet, 'mdev', 20)).toHaveLength(20);
  });
});
