/**
 * The `dma` result's `caches` names exactly the entry caches the request consulted (docs/engine.md
 * "Invalidation and workloads"): a walk that stops before a structure — a fault at the root, context,
 * STE or DTE, a pass-through DTE, an SMMUv3 bypass or abort STE, an AMD-Vi IOTLB hit — never looked
 * up that structure's cache, so the result leaves it out instead of reporting a miss. Unit tests for
 * the named cases on every IOMMU, and a property over random variants of the built-in scenarios with
 * every cache modelled, tying each reported cache to the walk's reads.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  commandOf,
  describeOf,
  initialState,
  parseScenarioValue,
  type Command,
  type DmaResult,
  type EngineState,
  type ParsedScenario,
} from '../../src/engine/index.ts';
import type { PlatformInput } from '../../src/engine/scenario/schema.ts';
import { asDma, build, dmaStep, machine } from '../helpers/engine.ts';

type Dma = Omit<Extract<Command, { op: 'dma' }>, 'op'>;

/** Build `setup` on a platform with every cache modelled, then run the DMAs; their `caches` and walks. */
function run(platform: PlatformInput, setup: Command[], ...dmas: Dma[]) {
  let s: EngineState = machine({ hostMemory: '1GiB', caches: 'all', ...platform });
  if (setup.length > 0) s = build(s, ...setup).state;
  return dmas.map((c) => {
    const step = dmaStep(s, c);
    s = step.state;
    return { caches: step.r.caches, walk: step.r.walk.map((w) => w.structure), outcome: step.r.outcome };
  });
}

const nic = (extra: Partial<Extract<Command, { op: 'addDevice' }>> = {}): Command => ({
  op: 'addDevice',
  id: 'nic0',
  bdf: '0000:3b:00.0',
  kind: 'pdev',
  ...extra,
});
const attached = (type: 'IDENTITY' | 'BLOCKED' | 'UNMANAGED', map = false): Command[] => [
  { op: 'allocDomain', id: 'd', type },
  ...(map ? [{ op: 'map', domain: 'd', iova: '0x1000', pa: '0x200000', size: '4KiB', prot: 'rw' } as const] : []),
  { op: 'attach', domain: 'd', device: 'nic0' },
];
const read: Dma = { device: 'nic0', iova: '0x1008', access: 'read' };

describe('a DMA result names only the caches its walk consulted', () => {
  it.each([
    ['vtd', ['root'], ['root', 'context']],
    ['smmuv3', ['ste-l1'], ['ste-l1', 'ste']],
    ['amd-vi', ['dte'], ['dte']],
  ] as const)('%s: a RID never attached faults at the device level: no PASID-level cache', (iommu, alone, beside) => {
    // Alone on its bus (no root entry, no L2 stream table), then beside an attached sibling.
    const sibling: Command[] = [
      { op: 'addDevice', id: 'nic1', bdf: '0000:3b:00.1', kind: 'pdev' },
      { op: 'allocDomain', id: 'd1', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd1', device: 'nic1' },
    ];
    expect(run({ iommu }, [nic()], read)).toEqual([{ caches: { context: 'miss' }, walk: alone, outcome: 'fault' }]);
    expect(run({ iommu }, [nic(), ...sibling], read)).toEqual([
      { caches: { context: 'miss' }, walk: beside, outcome: 'fault' },
    ]);
  });

  it('AMD-Vi: a pass-through DTE (identity) reads no GCR3 table, so reports no GCR3 cache', () => {
    const [first, again] = run({ iommu: 'amd-vi' }, [nic(), ...attached('IDENTITY')], read, read);
    expect(first).toEqual({ caches: { context: 'miss' }, walk: ['dte'], outcome: 'translated' });
    expect(again).toEqual({ caches: { context: 'hit' }, walk: [], outcome: 'translated' });
  });

  it('AMD-Vi v1: a blocked DTE (IR = IW = 0) denies from the DTE alone', () => {
    const [r] = run({ iommu: 'amd-vi', pageTable: 'v1' }, [nic(), ...attached('BLOCKED')], read);
    expect(r).toEqual({ caches: { context: 'miss' }, walk: ['dte'], outcome: 'fault' });
  });

  it('AMD-Vi v1: a host-table DTE walks no GCR3 table, on a miss and on an IOTLB hit', () => {
    const [miss, hit] = run({ iommu: 'amd-vi', pageTable: 'v1' }, [nic(), ...attached('UNMANAGED', true)], read, read);
    expect(miss).toEqual({ caches: { context: 'miss' }, walk: ['dte', 'pl3', 'pl2', 'pl1'], outcome: 'translated' });
    expect(hit).toEqual({ caches: { context: 'hit' }, walk: [], outcome: 'translated' });
  });

  it('AMD-Vi v1: a PASID-tagged request to a DTE without GV is refused before any GCR3 lookup', () => {
    const [r] = run({ iommu: 'amd-vi', pageTable: 'v1' }, [nic({ pasid: true }), ...attached('UNMANAGED', true)], {
      ...read,
      pasid: 1,
    });
    expect(r).toEqual({ caches: { context: 'miss' }, walk: ['dte'], outcome: 'fault' });
  });

  it('AMD-Vi v2: an IOTLB hit answers from the DTE: the GCR3 cache is consulted on the miss only', () => {
    const [miss, hit] = run({ iommu: 'amd-vi' }, [nic(), ...attached('UNMANAGED', true)], read, read);
    expect(miss?.caches).toEqual({ context: 'miss', pasid: 'miss' });
    expect(miss?.walk.slice(0, 2)).toEqual(['dte', 'gcr3']);
    expect(hit).toEqual({ caches: { context: 'hit' }, walk: [], outcome: 'translated' });
  });

  it.each([
    ['IDENTITY', 'translated'],
    ['BLOCKED', 'fault'],
  ] as const)('SMMUv3: a RID in a %s domain has a bypass or abort STE: no CD is looked up', (type, outcome) => {
    const [first, again] = run({ iommu: 'smmuv3' }, [nic(), ...attached(type)], read, read);
    expect(first).toEqual({ caches: { context: 'miss' }, walk: ['ste-l1', 'ste'], outcome });
    expect(again).toEqual({ caches: { context: 'hit' }, walk: [], outcome });
  });

  it('VT-d: pass-through and blocked RIDs still read (and cache) their PASID entry', () => {
    // VT-d keeps PGTT = pass-through in the PASID entry, and a blocked RID is a torn-down one.
    const [pt] = run({ iommu: 'vtd' }, [nic(), ...attached('IDENTITY')], read);
    expect(pt).toEqual({
      caches: { context: 'miss', pasid: 'miss' },
      walk: ['root', 'context', 'pasid-dir', 'pasid-table'],
      outcome: 'translated',
    });
    const [blocked] = run({ iommu: 'vtd' }, [nic(), ...attached('BLOCKED')], read);
    expect(blocked?.caches).toEqual({ context: 'miss', pasid: 'miss' });
  });
});

// ---- The property: random variants of every built-in scenario, with every cache modelled. ----

interface Source {
  readonly name: string;
  readonly parsed: ParsedScenario;
  readonly devices: readonly string[];
  readonly pasids: readonly number[];
  readonly iovas: readonly bigint[];
}

const DIR = 'src/scenarios';
const SOURCES: readonly Source[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((name) => {
    const value = JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as { platform?: object; steps: object[] };
    const parsed = parseScenarioValue({ ...value, platform: { ...value.platform, caches: 'all' } });
    if (!parsed.ok) throw new Error(`${name}: ${parsed.message}`);
    const steps = parsed.value.scenario.steps;
    const devices = steps.flatMap((s) => (s.op === 'addDevice' || s.op === 'createMdev' ? [s.id] : []));
    const pasids = new Set([0, 1, 2, 3]);
    const iovas = new Set([0x1000n]);
    for (const s of steps) {
      if ('pasid' in s && typeof s.pasid === 'number') pasids.add(s.pasid);
      if (s.op === 'dma') iovas.add(BigInt(s.iova));
    }
    return { name, parsed: parsed.value, devices, pasids: [...pasids], iovas: [...iovas] };
  });

/** What each structure name of an IOMMU's walk serves (`device`, `pasid`), from its own words. */
function servesOf(iommu: string) {
  const structures = describeOf(iommu === 'smmuv3' ? 'smmuv3' : iommu === 'amd-vi' ? 'amd-vi' : 'vtd').structures;
  return (name: string) => structures[name]?.serves;
}

/**
 * Each reported cache against the walk: `context` is consulted by every request the IOMMU walks (left
 * out only after an ATC hit, which walks nothing); a hit skips the device-level reads, a miss starts
 * with them. `pasid` is reported only after `context`; a hit skips the PASID-level reads, a miss
 * reads one (or faults in stage 2 fetching it, under nesting); left out, the walk read none.
 */
function checkCaches(iommu: string, r: DmaResult): string | null {
  const c = r.caches;
  if (c === undefined) return 'no caches reported with platform.caches "all"';
  const serves = servesOf(iommu);
  const walk = r.walk;
  const deviceReads = walk.filter((w) => w.stage === null && serves(w.structure) === 'device');
  // A PASID-level read, or a stage-2 read made to fetch one (nested CD or GCR3 tables live in guest RAM).
  const forPasid = walk.filter((w) => serves(w.stage === 2 ? w.serves : w.structure) === 'pasid');
  if (c.context === undefined) {
    if (c.atc !== 'hit' || walk.length > 0) return 'context left out, yet no ATC hit answered';
    return c.pasid === undefined ? null : 'pasid reported without context';
  }
  if (c.context === 'hit' && deviceReads.length > 0) return 'context hit, yet the walk read device-level entries';
  if (c.context === 'miss' && (walk[0] === undefined || serves(walk[0].structure) !== 'device'))
    return 'context miss, yet the walk did not start at a device-level entry';
  if (c.pasid === undefined)
    return forPasid.length > 0 ? 'pasid left out, yet the walk read PASID-level entries' : null;
  if (c.pasid === 'hit') return forPasid.length > 0 ? 'pasid hit, yet the walk read PASID-level entries' : null;
  // A miss: the walk read the PASID level, or faulted in stage 2 on the way to it (the reads after the
  // device level are all stage 2 and nothing follows them).
  const afterDevice = walk.slice(deviceReads.length);
  const s2FetchFault = r.outcome === 'fault' && afterDevice.length > 0 && afterDevice.every((w) => w.stage === 2);
  return forPasid.length > 0 || s2FetchFault ? null : 'pasid miss, yet the walk read no PASID-level entry';
}

const variant = fc.record({
  source: fc.nat(SOURCES.length - 1),
  /** Steps left out (a scenario missing an attach, a map, a bind…). */
  drop: fc.uniqueArray(fc.nat(80), { maxLength: 3 }),
  /** Every device added with ATS, so ATC hits and misses join in. */
  ats: fc.boolean(),
  dmas: fc.array(
    fc.record({
      at: fc.nat(80),
      device: fc.nat(20),
      pasid: fc.option(fc.nat(20), { nil: undefined }),
      iova: fc.nat(20),
      page: fc.integer({ min: -1, max: 2 }),
      write: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

describe.each(['vtd', 'smmuv3', 'amd-vi'] as const)(
  'property (%s): caches names only what the walk consulted',
  (iommu) => {
    const sources = SOURCES.filter((s) => s.parsed.platform.iommu === iommu);

    it('over random variants of the built-in scenarios and random DMAs', () => {
      const seen = { dmas: 0, ctxHit: 0, pasidHit: 0, pasidMiss: 0, pasidOut: 0, atcHit: 0 };
      const note = (r: DmaResult) => {
        const c = r.caches ?? {};
        seen.dmas++;
        if (c.context === 'hit') seen.ctxHit++;
        if (c.pasid === 'hit') seen.pasidHit++;
        if (c.pasid === 'miss') seen.pasidMiss++;
        if (c.context !== undefined && c.pasid === undefined) seen.pasidOut++;
        if (c.atc === 'hit') seen.atcHit++;
      };
      fc.assert(
        fc.property(variant, (v) => {
          const src = sources[v.source % sources.length]!;
          const steps = src.parsed.scenario.steps;
          let s = initialState(src.parsed.platform);
          const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
          for (let i = 0; i <= steps.length; i++) {
            const commands: Command[] = v.dmas
              .filter((d) => d.at % (steps.length + 1) === i)
              .map((d) => ({
                op: 'dma',
                device: pick(src.devices, d.device),
                iova: '0x' + (pick(src.iovas, d.iova) + BigInt(d.page) * 0x1000n).toString(16),
                access: d.write ? 'write' : 'read',
                ...(d.pasid === undefined ? {} : { pasid: pick(src.pasids, d.pasid) }),
              }));
            const step = steps[i];
            if (step !== undefined && !v.drop.includes(i)) {
              const c = commandOf(step);
              commands.push(c.op === 'addDevice' && v.ats ? { ...c, ats: true } : c);
            }
            for (const c of commands) {
              const a = applyCommand(s, c);
              if (!a.ok) continue;
              s = a.state;
              if (c.op !== 'dma') continue;
              const r = asDma(a.result);
              note(r);
              const problem = checkCaches(iommu, r);
              if (problem !== null)
                throw new Error(
                  `${src.name} step ${i} dma ${JSON.stringify(c)}: ${problem}: ${JSON.stringify(r.caches)}`,
                );
            }
          }
        }),
        { seed: 20261202, numRuns: 100 },
      );
      // The property reached each case: entry-cache hits and misses, a cache left out, ATC hits.
      expect(seen.ctxHit).toBeGreaterThan(0);
      expect(seen.pasidHit).toBeGreaterThan(0);
      expect(seen.pasidMiss).toBeGreaterThan(0);
      expect(seen.pasidOut).toBeGreaterThan(0);
      expect(seen.atcHit).toBeGreaterThan(0);
    }, 120_000);
  },
);
