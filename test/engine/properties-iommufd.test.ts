/**
 * Property tests for the iommufd ops: random sequences of bind / map / unmap / copy / HWPT alloc /
 * attach / replace / detach / destroy / DMA. Invariants: failed commands change nothing, old states
 * never change, and a translated DMA lands inside an area of the IOAS behind the attached HWPT.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, initialState, resolvePlatform, type Command, type EngineState } from '../../src/engine/index.ts';
import { asDma } from '../helpers/engine.ts';
import { applyChecked } from '../helpers/fingerprint.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261128);
const RUNS = Number(process.env['FC_RUNS'] ?? 120);

const PAGES = [0, 1, 2, 16, 512, 513];
const hexPage = (p: number) => '0x' + (p * 4096).toString(16);
const dev = fc.constantFrom('nic0', 'nic1');
const ioas = fc.constantFrom('A', 'B');
const pt = fc.constantFrom('A', 'B', 'hA', 'hB', 'A.auto0', 'B.auto0');
const pasid = fc.option(fc.constantFrom(5, 9), { nil: undefined });
const size = fc.constantFrom<number | string>('4KiB', '8KiB', '2MiB');
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const noUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const command: fc.Arbitrary<Command> = fc.oneof(
  w(2, fc.record({ op: fc.constant('bindDevice' as const), device: dev })),
  w(
    5,
    fc
      .record({
        op: fc.constant('ioasMap' as const),
        ioas,
        iova: fc.option(fc.constantFrom(...PAGES).map(hexPage), { nil: undefined }),
        pa: fc.constantFrom(...PAGES).map((p) => hexPage(p + 0x100)),
        size,
        prot: fc.constantFrom<'r' | 'w' | 'rw'>('r', 'rw'),
      })
      .map(noUndefined),
  ),
  w(
    2,
    fc.record({
      op: fc.constant('ioasUnmap' as const),
      ioas,
      iova: fc.constantFrom(...PAGES).map(hexPage),
      size: fc.constantFrom<number | string>('4KiB', '8KiB', '2MiB', '1GiB'),
    }),
  ),
  w(1, fc.record({ op: fc.constant('ioasUnmap' as const), ioas, size: fc.constant('all' as const) })),
  w(
    1,
    fc.record({
      op: fc.constant('ioasCopy' as const),
      src: ioas,
      srcIova: fc.constantFrom(...PAGES).map(hexPage),
      dst: ioas,
      size: fc.constantFrom<number | string>('4KiB', '8KiB'),
    }),
  ),
  w(
    2,
    fc.record({
      op: fc.constant('hwptAlloc' as const),
      id: fc.constantFrom('hA', 'hB'),
      device: dev,
      pt: ioas,
      nestParent: fc.boolean(),
    }),
  ),
  w(4, fc.record({ op: fc.constant('deviceAttach' as const), device: dev, pt, pasid }).map(noUndefined)),
  w(3, fc.record({ op: fc.constant('deviceReplace' as const), device: dev, pt, pasid }).map(noUndefined)),
  w(2, fc.record({ op: fc.constant('deviceDetach' as const), device: dev, pasid }).map(noUndefined)),
  w(1, fc.record({ op: fc.constant('destroy' as const), id: pt })),
  w(
    8,
    fc
      .record({
        op: fc.constant('dma' as const),
        device: dev,
        pasid,
        iova: fc.constantFrom(...PAGES).map((p) => hexPage(p)),
        access: fc.constantFrom<'read' | 'write'>('read', 'write'),
      })
      .map(noUndefined),
  ),
);

function start(iommu: 'vtd' | 'smmuv3' | 'amd-vi'): EngineState {
  let s = initialState(resolvePlatform({ hostMemory: '1GiB', iommu }));
  for (const c of [
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, pasidBits: 8 },
    { op: 'addDevice', id: 'nic1', bdf: '0000:3c:00.0', kind: 'pdev', pasid: true, pasidBits: 8 },
    { op: 'ioasAlloc', id: 'A' },
    { op: 'ioasAlloc', id: 'B' },
    { op: 'bindDevice', device: 'nic0' },
  ] as Command[]) {
    const r = applyCommand(s, c);
    if (!r.ok) throw new Error(r.error.message);
    s = r.state;
  }
  return s;
}

describe.each(['vtd', 'smmuv3', 'amd-vi'] as const)(
  'iommufd invariants over random command sequences (%s)',
  (iommu) => {
    it('hold after every command', () => {
      const initial = start(iommu);
      let translated = 0;
      let autoHwpts = 0;
      fc.assert(
        fc.property(fc.array(command, { minLength: 20, maxLength: 50 }), (cmds) => {
          let s = initial;
          for (const c of cmds) {
            const r = applyChecked(s, c);
            if (!r.ok) continue;
            const dma = c.op === 'dma' ? asDma(r.result) : null;
            if (c.op === 'dma' && dma?.outcome === 'translated') {
              translated++;
              const domId = dma.domain!;
              const dom = s.domains.get(domId)!;
              const device = s.devices.get(c.device)!;
              const attached =
                c.pasid === undefined
                  ? device.primary
                  : s.pasidAttach.find((a) => a.device === c.device && a.pasid === c.pasid)?.domain;
              expect(attached).toBe(domId);
              const area = s.ioas
                .get(dom.hwpt!.ioas!)!
                .areas.find(
                  (a) =>
                    BigInt(a.iovaPfn) * 4096n <= BigInt(c.iova) && BigInt(c.iova) < BigInt(a.iovaPfn + a.pages) * 4096n,
                );
              expect(area, `${c.iova} via ${domId}`).toBeDefined();
              expect(dma.pa).toBe(BigInt(area!.pfn) * 4096n + (BigInt(c.iova) - BigInt(area!.iovaPfn) * 4096n));
            }
            s = r.state;
            // Every HWPT mirrors its IOAS exactly; auto HWPTs exist only while attached.
            for (const d of s.domains.values()) {
              if (!d.hwpt?.ioas) continue;
              const areas = s.ioas.get(d.hwpt.ioas)!.areas;
              expect(d.mappings.reduce((n, m) => n + m.pages, 0)).toBe(areas.reduce((n, a) => n + a.pages, 0));
              if (d.hwpt.auto) {
                autoHwpts++;
                expect(
                  [...s.devices.values()].some((x) => x.primary === d.id) ||
                    s.pasidAttach.some((a) => a.domain === d.id),
                ).toBe(true);
              }
            }
          }
        }),
        { seed: SEED, numRuns: iommu === 'vtd' ? RUNS : Math.ceil(RUNS / 3) },
      );
      if (process.env['FC_STATS']) console.log({ translated });
      expect(translated).toBeGreaterThan(RUNS / 30);
      expect(autoHwpts).toBeGreaterThan(0); // the auto-HWPT case was checked
    }, 300_000);
  },
);
