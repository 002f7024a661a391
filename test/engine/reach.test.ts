import { describe, expect, it } from 'vitest';
import { initialState, parseScenarioValue, runSteps } from '../../src/engine/index.ts';
import {
  dmaTargets,
  nextFreeBdf,
  nextFreeId,
  nextFreeIova,
  nextFreeRamBase,
  requesterDomain,
  wqChoices,
  wqName,
} from '../../src/engine/inspect/reach.ts';
import threeWqs from '../../src/scenarios/three-wqs.json';

function seed() {
  const parsed = parseScenarioValue(threeWqs);
  if (!parsed.ok) throw new Error(parsed.message);
  const run = runSteps(initialState(parsed.value.platform), parsed.value.scenario.steps);
  return run.states[run.states.length - 1]!;
}

describe('guided-form hints read from a state', () => {
  const st = seed();
  const empty = initialState();

  it('next free ids and BDFs skip every taken one', () => {
    expect(nextFreeId(empty, 'dsa', 0)).toBe('dsa0');
    expect(nextFreeId(st, 'dsa', 0)).toBe('dsa1');
    expect(nextFreeId(st, 'vm')).toBe('vm3');
    expect(nextFreeId(st, 'mdev')).toBe('mdev3');
    expect(nextFreeId(st, 'domain')).toBe('domain2');
    expect(nextFreeBdf(empty)).toBe('0000:6a:01.0');
    expect(nextFreeBdf(st)).toBe('0000:6a:02.0');
  });

  it('requesterDomain resolves a request as the dma op does: an mdev through its parent, a PASID, the RID', () => {
    const mdev1 = st.mdevs.get('mdev1')!;
    const pasid = st.devices.get('dsa0')!.wqPasid[mdev1.wq]!;
    const viaMdev = requesterDomain(st, 'mdev1', pasid);
    expect(viaMdev).not.toBeNull();
    expect(requesterDomain(st, 'dsa0', pasid)).toBe(viaMdev);
    expect(requesterDomain(st, 'dsa0', null)).toBe(st.devices.get('dsa0')!.primary);
    expect(requesterDomain(st, 'dsa0', 0)).toBe(st.devices.get('dsa0')!.primary);
    expect(requesterDomain(st, 'nosuch', null)).toBeNull();
  });

  it('WQs carry idxd names (wq0.0 is the seed WQ1) and their use', () => {
    expect(wqName(st, 'dsa0', 2)).toBe('wq0.2');
    expect(wqChoices(st, 'dsa0')).toEqual([
      { wq: 0, name: 'wq0.0', use: 'host driver', free: false },
      { wq: 1, name: 'wq0.1', use: 'mdev1', free: false },
      { wq: 2, name: 'wq0.2', use: 'mdev2', free: false },
    ]);
    expect(wqChoices(st, 'nothing')).toEqual([]);
  });

  it('dmaTargets: the RID domain of the parent, each aux PASID, and an mdev its own PASID', () => {
    const parent = dmaTargets(st, 'dsa0');
    expect(parent.map((t) => [t.pasid, t.domain])).toEqual([
      [null, 'domain1'],
      [1, 'vm1.gpa.domain'],
      [2, 'vm2.gpa.domain'],
    ]);
    expect(parent[0]?.ranges).toEqual([{ iova: '0xffff0000', size: 65536, pa: '0x10000000', prot: 'rw' }]);
    const m1 = dmaTargets(st, 'mdev1');
    expect(m1).toHaveLength(1);
    expect(m1[0]).toMatchObject({ pasid: 1, domain: 'vm1.gpa.domain' });
    expect(m1[0]?.ranges[0]).toMatchObject({ iova: '0x0', pa: '0x40000000' });
    expect(dmaTargets(empty, 'dsa0')).toEqual([]);
    expect(nextFreeIova(st, 'domain1')).toBe('0x100000000');
    expect(nextFreeIova(empty, 'none')).toBe('0x0');
  });
});

describe('nextFreeRamBase', () => {
  it('places VM RAM at 1 GiB steps past the RAM already given out', () => {
    expect(nextFreeRamBase(initialState(), 2 ** 30)).toBe('0x40000000');
    const parsed = parseScenarioValue(threeWqs);
    if (!parsed.ok) throw new Error(parsed.message);
    const run = runSteps(initialState(parsed.value.platform), parsed.value.scenario.steps);
    expect(nextFreeRamBase(run.states[run.states.length - 1]!, 2 ** 30)).toBe('0xc0000000');
    expect(nextFreeRamBase(initialState(), 64 * 2 ** 30)).toBeNull();
  });
});
