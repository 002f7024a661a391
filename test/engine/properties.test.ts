/**
 * Property tests: thousands of random command sequences, with the engine's invariants checked
 * after every command. FC_SEED / FC_RUNS override the pinned seed and run count (replay a failure
 * with the seed fast-check prints).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  initialState,
  resolvePlatform,
  type Command,
  type DmaResult,
  type EngineState,
} from '../../src/engine/index.ts';
import { asDma, translated } from '../helpers/engine.ts';
import { applyChecked } from '../helpers/fingerprint.ts';
import { isFirstStageDomain } from '../../src/engine/iommu/registry.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261127);
const RUNS = Number(process.env['FC_RUNS'] ?? 150);

const DEVICES = ['dsa0', 'nic0', 'nic1', 'nic2'];
const MDEVS = ['m0', 'm1', 'm2'];
const DOMAINS = ['A', 'B', 'C'];
const VMS = ['vm0', 'vm1'];
const PAGES = [0, 1, 2, 3, 511, 512, 513, 1024, 262144];

const hexPage = (p: number) => '0x' + (p * 4096).toString(16);
const page = fc.constantFrom(...PAGES);
const size = fc.constantFrom<number | string>('4KiB', '8KiB', '2MiB', '4MiB', 12288);
const prot = fc.constantFrom<'r' | 'w' | 'rw'>('r', 'w', 'rw');
const anyDev = fc.constantFrom(...DEVICES, ...MDEVS);
const dom = fc.constantFrom(...DOMAINS);

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
// Weighted so that set-up commands (alloc, attach, map, assign) come often enough for DMAs to translate.
const command: fc.Arbitrary<Command> = fc.oneof(
  w(
    4,
    fc.record({
      op: fc.constant('allocDomain' as const),
      id: dom,
      type: fc.constantFrom('DMA', 'UNMANAGED', 'UNMANAGED', 'IDENTITY', 'BLOCKED'),
    }),
  ),
  w(1, fc.record({ op: fc.constant('freeDomain' as const), id: dom })),
  w(4, fc.record({ op: fc.constant('attach' as const), domain: dom, device: anyDev })),
  w(1, fc.record({ op: fc.constant('detach' as const), device: anyDev })),
  w(3, fc.record({ op: fc.constant('auxAttach' as const), domain: dom, device: fc.constantFrom(...MDEVS) })),
  w(1, fc.record({ op: fc.constant('auxDetach' as const), domain: dom, device: fc.constantFrom(...MDEVS) })),
  w(
    3,
    fc.record({
      op: fc.constant('createMdev' as const),
      id: fc.constantFrom(...MDEVS),
      parent: fc.constant('dsa0'),
      wq: fc.integer({ min: 0, max: 3 }),
    }),
  ),
  w(1, fc.record({ op: fc.constant('removeMdev' as const), id: fc.constantFrom(...MDEVS) })),
  w(3, fc.record({ op: fc.constant('assign' as const), device: anyDev, vm: fc.constantFrom(...VMS) })),
  w(1, fc.record({ op: fc.constant('unassign' as const), device: anyDev })),
  w(
    6,
    fc.record({
      op: fc.constant('map' as const),
      domain: dom,
      iova: page.map(hexPage),
      pa: page.map(hexPage),
      size,
      prot,
    }),
  ),
  w(2, fc.record({ op: fc.constant('unmap' as const), domain: dom, iova: page.map(hexPage), size })),
  w(
    8,
    fc.record({
      op: fc.constant('dma' as const),
      device: anyDev,
      iova: fc.tuple(page, fc.integer({ min: 0, max: 4095 })).map(([p, o]) => '0x' + (p * 4096 + o).toString(16)),
      access: fc.constantFrom<'read' | 'write'>('read', 'write'),
    }),
  ),
  w(
    8,
    fc.record({
      op: fc.constant('dma' as const),
      device: fc.constant('dsa0'),
      pasid: fc.integer({ min: 0, max: 4 }),
      iova: page.map(hexPage),
      access: fc.constantFrom<'read' | 'write'>('read', 'write'),
    }),
  ),
);

const PRELUDE: Command[] = [
  // 16 PASID bits keep the PASID directory at two pages, so fingerprinting memory stays cheap.
  { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 3, pasidBits: 16 },
  { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
  { op: 'addDevice', id: 'nic1', bdf: '0000:80:01.0', kind: 'pdev', pasid: true },
  { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
  { op: 'createVm', id: 'vm0', memory: '8MiB', hpa: '0x10000000' },
  { op: 'createVm', id: 'vm1', memory: '6MiB' },
];

function start(iommu: 'vtd' | 'smmuv3' | 'amd-vi' | 'amd-vi-v1' | 'vtd+caches' = 'vtd'): EngineState {
  const caches = iommu === 'vtd+caches';
  const platform =
    iommu === 'amd-vi-v1'
      ? ({ iommu: 'amd-vi', pageTable: 'v1' } as const)
      : ({ iommu: caches ? 'vtd' : iommu, caches: caches ? 'all' : 'iotlb' } as const);
  let s = initialState(resolvePlatform({ hostMemory: '1GiB', ...platform }));
  if (caches) {
    // nic1 caches translations in its device TLB (ATS).
    const r = applyCommand(s, { op: 'addDevice', id: 'nic2', bdf: '0000:81:00.0', kind: 'pdev', ats: true });
    if (!r.ok) throw new Error(r.error.message);
    s = r.state;
  }
  for (const c of PRELUDE) {
    const r = applyCommand(s, c);
    if (!r.ok) throw new Error(r.error.message);
    s = r.state;
  }
  return s;
}

/** The domain software has attached where a device's DMA goes (mirrors the model, not the walk). */
function expectedDomain(s: EngineState, device: string, pasid: number | undefined): string | null {
  const mdev = s.mdevs.get(device);
  if (mdev) {
    const p = s.devices.get(mdev.parent)?.wqPasid[mdev.wq];
    if (p === null || p === undefined) return null;
    return s.aux.find((a) => a.device === mdev.parent && s.domains.get(a.domain)?.auxPasid === p)?.domain ?? null;
  }
  const d = s.devices.get(device);
  if (!d) return null;
  if (pasid === undefined || pasid === 0) return d.primary;
  return s.aux.find((a) => a.device === device && s.domains.get(a.domain)?.auxPasid === pasid)?.domain ?? null;
}

function checkInvariants(s: EngineState): void {
  // References point at live objects; a domain is freed only when nothing is attached to it.
  for (const d of s.devices.values()) {
    if (d.primary !== null) expect(s.domains.has(d.primary), `${d.id}.primary ${d.primary}`).toBe(true);
    d.wqs.forEach((u) => u.by === 'mdev' && expect(s.mdevs.has(u.mdev)).toBe(true));
  }
  for (const a of s.aux) expect(s.domains.has(a.domain)).toBe(true);
  for (const i of s.ioasids.values()) expect(s.domains.has(i.domain)).toBe(true);
  // No PASID is attached to two domains on one device; each aux domain has its own PASID.
  const pasids = [...s.domains.values()].map((d) => d.auxPasid).filter((p) => p !== null);
  expect(new Set(pasids).size).toBe(pasids.length);
  const perDevice = new Map<string, string>();
  for (const a of s.aux) {
    const key = `${a.device}/${s.domains.get(a.domain)?.auxPasid}`;
    expect(perDevice.get(key) ?? a.domain).toBe(a.domain);
    perDevice.set(key, a.domain);
  }
  // Mappings never overlap within a domain.
  for (const d of s.domains.values()) {
    for (let i = 1; i < d.mappings.length; i++) {
      const p = d.mappings[i - 1]!;
      expect(p.iovaPfn + p.pages).toBeLessThanOrEqual(d.mappings[i]!.iovaPfn);
    }
  }
}

/** A translated DMA must land inside a mapping of the domain attached at (RID, PASID). */
function checkDma(before: EngineState, c: Extract<Command, { op: 'dma' }>, result: DmaResult): void {
  const domainId = expectedDomain(before, c.device, c.pasid);
  if (result.outcome !== 'translated') return;
  expect(result.hazard, 'no invalidation was skipped, so nothing may be stale').toBeUndefined();
  expect(domainId, `translated ${c.device} ${c.iova} with nothing attached`).not.toBeNull();
  expect(result.domain).toBe(domainId);
  const dom = before.domains.get(domainId!)!;
  const iova = BigInt(c.iova);
  if (dom.type === 'IDENTITY') {
    expect(result.pa).toBe(iova);
    return;
  }
  const vpfn = Number(iova >> 12n);
  const m = dom.mappings.find((x) => vpfn >= x.iovaPfn && vpfn < x.iovaPfn + x.pages);
  expect(m, `${c.iova} translated but ${dom.id} has no mapping there`).toBeDefined();
  expect(result.pa).toBe(BigInt(m!.pfn + (vpfn - m!.iovaPfn)) * 4096n + (iova & 0xfffn));
  // Only VT-d second-stage entries can deny reads: x86-64 first-stage (VT-d DMA domains, AMD v2) and Arm stage 1
  // entries cannot, so there a write-only mapping is readable too.
  const readDeniable = before.platform.iommu === 'vtd' && !isFirstStageDomain(before.platform, dom);
  expect(c.access === 'write' ? m!.write : m!.read || !readDeniable).toBe(true);
}

/** Every mapped page of every attached domain is reachable by the walk (hardware agrees with software). */
function checkReachable(s: EngineState): void {
  for (const d of s.devices.values()) {
    const dom = d.primary === null ? undefined : s.domains.get(d.primary);
    const m = dom?.mappings.find((x) => x.read);
    if (!dom || !m) continue;
    const iova = '0x' + ((m.iovaPfn + m.pages - 1) * 4096).toString(16);
    const r = applyCommand(s, { op: 'dma', device: d.id, iova, access: 'read' });
    expect(r.ok && r.result['outcome'], `${d.id} ${iova} via ${dom.id}`).toBe('translated');
  }
}

/** The same commands plus lazy (DMA_FQ) domains and the lab's skipped invalidations and flushes. */
const labCommand: fc.Arbitrary<Command> = fc.oneof(
  w(10, command),
  w(3, fc.record({ op: fc.constant('allocDomain' as const), id: dom, type: fc.constant('DMA_FQ' as const) })),
  w(1, fc.record({ op: fc.constant('skipInvalidation' as const) })),
  w(1, fc.record({ op: fc.constant('flushQueue' as const) })),
);

/**
 * The stale-hit case spelled out, so the property reaches it amid the random commands: a domain (lazy DMA_FQ, or
 * strict with a skipped invalidation) attached and mapped, a DMA that fills the IOTLB, the unmap, the same DMA again.
 * Any step may be refused by what came before (the device is elsewhere, the domain exists); the rest still runs.
 */
const staleProbe: fc.Arbitrary<Command[]> = fc
  .record({ device: fc.constantFrom(...DEVICES), domain: dom, p: page, skip: fc.boolean() })
  .map(({ device, domain, p, skip }) => {
    const iova = hexPage(p);
    const dma: Command = { op: 'dma', device, iova, access: 'read' };
    return [
      { op: 'allocDomain', id: domain, type: skip ? 'DMA' : 'DMA_FQ' },
      { op: 'attach', domain, device },
      { op: 'map', domain, iova, pa: hexPage(p + 7), size: '4KiB', prot: 'rw' },
      dma,
      ...(skip ? [{ op: 'skipInvalidation' } as const] : []),
      { op: 'unmap', domain, iova, size: '4KiB' },
      dma,
    ];
  });
const labSequence = fc
  .array(
    fc.oneof(
      w(
        12,
        labCommand.map((c) => [c]),
      ),
      w(3, staleProbe),
    ),
    { minLength: 15, maxLength: 45 },
  )
  .map((xs) => xs.flat());

describe.each(['vtd', 'smmuv3', 'amd-vi', 'amd-vi-v1', 'vtd+caches'] as const)(
  'engine invariants over random command sequences (%s)',
  (iommu) => {
    it('hold after every command', () => {
      const initial = start(iommu);
      const seen = { ok: 0, refused: 0, translated: 0, faults: 0 };
      fc.assert(
        fc.property(fc.array(command, { minLength: 20, maxLength: 60 }), (cmds) => {
          let s = initial;
          for (const c of cmds) {
            const r = applyChecked(s, c);
            if (!r.ok) {
              seen.refused++;
              continue;
            }
            seen.ok++;
            if (c.op === 'dma') {
              const result = asDma(r.result);
              checkDma(s, c, result);
              if (result.outcome === 'translated') seen.translated++;
              else seen.faults++;
            }
            s = r.state;
            checkInvariants(s);
            checkReachable(s);
          }
        }),
        { seed: SEED, numRuns: iommu === 'vtd' ? RUNS : Math.ceil(RUNS / 2) },
      );
      // The property reached its cases: translated DMAs, faulting DMAs and refused commands.
      expect(seen.translated).toBeGreaterThan(RUNS / 20);
      expect(seen.faults).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(RUNS / 2);
    }, 300_000);
  },
);

describe('engine invariants over random command sequences', () => {
  it('with lazy flushing or a skipped invalidation, a DMA that misses the page tables is always flagged stale', () => {
    const initial = start();
    let flagged = 0;
    let clean = 0;
    fc.assert(
      fc.property(labSequence, (cmds) => {
        let s = initial;
        for (const c of cmds) {
          const r = applyCommand(s, c);
          if (!r.ok) continue;
          const result = c.op === 'dma' ? asDma(r.result) : null;
          if (c.op === 'dma' && result?.outcome === 'translated') {
            if (result.hazard !== undefined) {
              flagged++;
              expect(result.iotlb).toBe('hit');
            } else {
              clean++;
              checkDma(s, c, result);
            }
          }
          s = r.state;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The property reached its case: stale hits were flagged (and clean translations were checked).
    expect(flagged).toBeGreaterThan(0);
    expect(clean).toBeGreaterThan(0);
  }, 300_000);

  it('invalidation on: no DMA reaches an unmapped page; lazy or skipped: the stale hit is reported', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(...PAGES),
        fc.constantFrom<'strict' | 'lazy' | 'skip'>('strict', 'lazy', 'skip'),
        fc.boolean(),
        fc.integer({ min: 0, max: 4095 }),
        (p, mode, remap, offset) => {
          let s = start();
          const iova = hexPage(p);
          const at = '0x' + (p * 4096 + offset).toString(16);
          const steps: Command[] = [
            { op: 'allocDomain', id: 'A', type: mode === 'lazy' ? 'DMA_FQ' : 'DMA' },
            { op: 'attach', domain: 'A', device: 'nic0' },
            { op: 'map', domain: 'A', iova, pa: '0x200000', size: '4KiB', prot: 'rw' },
            { op: 'dma', device: 'nic0', iova: at, access: 'read' },
            ...(mode === 'skip' ? [{ op: 'skipInvalidation' } as Command] : []),
            { op: 'unmap', domain: 'A', iova, size: '4KiB' },
            ...(remap ? [{ op: 'map', domain: 'A', iova, pa: '0x300000', size: '4KiB', prot: 'rw' } as Command] : []),
          ];
          for (const c of steps) {
            const r = applyCommand(s, c);
            expect(r.ok, c.op).toBe(true);
            s = r.state;
          }
          const r = applyCommand(s, { op: 'dma', device: 'nic0', iova: at, access: 'read' });
          if (!r.ok) throw new Error(r.error.message);
          const old = BigInt(0x200000 + offset);
          reached.add(`${mode} ${r.result.outcome}`);
          if (mode === 'strict') {
            if (r.result.outcome === 'translated') {
              expect(r.result.hazard).toBeUndefined();
              expect(r.result.pa).toBe(BigInt(0x300000 + offset));
            } else expect(remap).toBe(false);
          } else {
            expect(r.result).toMatchObject({ outcome: 'translated', iotlb: 'hit', hazard: { kind: 'stale-iotlb' } });
            expect(translated(r.result).pa).toBe(old);
          }
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
    // Every case was reached: strict with and without a remap, lazy and skipped (both stale hits).
    expect([...reached].sort()).toEqual(['lazy translated', 'skip translated', 'strict fault', 'strict translated']);
  });

  it('after unmap or detach no DMA reaches the old page, IOTLB or not', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...PAGES), fc.constantFrom<'unmap' | 'detach'>('unmap', 'detach'), (p, how) => {
        let s = start();
        const iova = hexPage(p);
        for (const c of [
          { op: 'allocDomain', id: 'A', type: 'DMA' },
          { op: 'attach', domain: 'A', device: 'nic0' },
          { op: 'map', domain: 'A', iova, pa: '0x200000', size: '4KiB', prot: 'rw' },
          { op: 'dma', device: 'nic0', iova, access: 'read' },
          how === 'unmap' ? { op: 'unmap', domain: 'A', iova, size: '4KiB' } : { op: 'detach', device: 'nic0' },
        ] as Command[]) {
          const r = applyCommand(s, c);
          expect(r.ok).toBe(true);
          // The first DMA translated, so the IOTLB held the page before the unmap or detach.
          if (c.op === 'dma' && r.ok) expect(asDma(r.result).outcome).toBe('translated');
          s = r.state;
        }
        reached.add(how);
        const after = applyCommand(s, { op: 'dma', device: 'nic0', iova, access: 'read' });
        expect(after.ok && after.result['outcome']).toBe('fault');
      }),
      { seed: SEED, numRuns: 30 },
    );
    expect([...reached].sort()).toEqual(['detach', 'unmap']);
  });
});
