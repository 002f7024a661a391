/** The reproduction plan of an explained fault: which ops, what it reuses, and that the model gives the fault. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainLog } from '../../src/engine/explain/explainLog.ts';
import { reproducePlan } from '../../src/engine/explain/reproduce.ts';
import {
  applyCommand,
  initialState,
  parseScenarioText,
  resolvePlatform,
  runScenario,
  runSteps,
  type Command,
  type CommandResult,
  type EngineState,
  type Step,
} from '../../src/engine/index.ts';
import { faultLogLines } from '../../src/engine/report/faultLog.ts';

const vtd = () => initialState(resolvePlatform(undefined));
const fault = (line: string) => explainLog(line)[0]!;
const plan = (state: EngineState, line: string) => {
  const out = reproducePlan(state, fault(line));
  if (!out.ok) throw new Error(out.message);
  return out.plan;
};
/** Apply the plan and return the DMA's result. */
function run(state: EngineState, commands: readonly Command[]) {
  let s = state;
  let last: CommandResult = {};
  for (const c of commands) {
    const a = applyCommand(s, c);
    expect(a.ok).toBe(true);
    if (!a.ok) break;
    s = a.state;
    last = a.result;
  }
  return last;
}

describe('reproducePlan', () => {
  it('root entry not present: a device at the BDF, nothing attached', () => {
    const p = plan(
      vtd(),
      'DMAR: [DMA Read NO_PASID] Request device [80:14.0] fault addr 0xe81759000 [fault reason 0x39] SM: Present bit in Root Entry is clear',
    );
    expect(p.commands).toEqual([
      { op: 'addDevice', id: 'dev-80-14-0', bdf: '0000:80:14.0', kind: 'pdev', pasid: false },
      { op: 'dma', device: 'dev-80-14-0', iova: '0xe81759000', access: 'read' },
    ]);
    expect(p.fault).toBe('no-context');
    expect(run(vtd(), p.commands)).toMatchObject({ outcome: 'fault', fault: 'no-context' });
    expect(p.walkLength).toBeGreaterThan(0);
  });

  it('write to address 0: a domain with a read-only mapping there', () => {
    const p = plan(
      vtd(),
      '[   33.862175] DMAR: [DMA Write] Request device [00:14.0] PASID ffffffff fault addr 0 [fault reason 05] PTE Write access is not set',
    );
    expect(p.commands.map((c) => c.op)).toEqual(['addDevice', 'allocDomain', 'attach', 'map', 'dma']);
    expect(p.commands[3]).toMatchObject({ op: 'map', iova: '0x0', prot: 'r' });
    expect(p.summary).toMatch(/^Adds device dev-00-14-0 at 0000:00:14\.0, allocates UNMANAGED domain dev-00-14-0-dom/);
    expect(run(vtd(), p.commands)).toMatchObject({ outcome: 'fault', fault: 'write-denied' });
  });

  it('AMD-Vi: a write to a read-only page reproduces; a read-denied is refused where v2 tables cannot express it', () => {
    const amd = initialState(resolvePlatform({ iommu: 'amd-vi' }));
    const p = plan(
      amd,
      'amdgpu 0000:05:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x0000 address=0x122201800 flags=0x0070]',
    );
    expect(p.commands.find((c) => c.op === 'map')).toMatchObject({ iova: '0x122201000', prot: 'r' });
    expect(run(amd, p.commands)).toMatchObject({ outcome: 'fault', fault: 'write-denied' });
    // x86-64-format (v2) entries have no read permission: present means readable.
    const read = reproducePlan(
      amd,
      fault('nvme 0000:01:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x000c address=0xffffc080 flags=0x0050]'),
    );
    expect(read).toEqual({
      ok: false,
      message: 'In the current state the model gives a translation for this request, not read-denied.',
    });
  });

  it('a PASID not attached: RID attached, the PASID left out', () => {
    const p = plan(
      vtd(),
      'DMAR: [DMA Read PASID 0x2a] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] SM: Present bit in PASID Table Entry is clear',
    );
    expect(p.commands.map((c) => c.op)).toEqual(['addDevice', 'allocDomain', 'attach', 'dma']);
    expect(p.commands.at(-1)).toMatchObject({ pasid: 42 });
    expect(p.fault).toBe('no-pasid');
  });

  it("NO_PASID with the PASID entry missing is the model's blocked RID", () => {
    const p = plan(
      vtd(),
      'DMAR: [DMA Read NO_PASID] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] SM: Present bit in PASID Table Entry is clear',
    );
    expect(p.commands.map((c) => c.op)).toEqual(['addDevice', 'bindDevice', 'dma']);
    expect(p.fault).toBe('blocked');
  });

  it('a first-stage miss with a PASID: iommufd PASID attach, nothing mapped', () => {
    const p = plan(
      vtd(),
      'DMAR: [DMA Write PASID 0x5] Request device [20:00.0] fault addr 0x1234600000 [fault reason 0x71] SM: Present bit in first-level paging entry is clear',
    );
    expect(p.commands.map((c) => c.op)).toEqual([
      'addDevice',
      'bindDevice',
      'ioasAlloc',
      'deviceAttach',
      'deviceAttach',
      'dma',
    ]);
    expect(run(vtd(), p.commands)).toMatchObject({ outcome: 'fault', fault: 'not-mapped' });
  });

  it('beyond the width: a domain, no mapping', () => {
    const p = plan(
      vtd(),
      'DMAR: [DMA Read NO_PASID] Request device [6a:01.0] fault addr 0x1000000000000 [fault reason 0x83] SM: Address beyond the DMA hardware max',
    );
    expect(p.commands.map((c) => c.op)).toEqual(['addDevice', 'allocDomain', 'attach', 'dma']);
    expect(p.fault).toBe('beyond-width');
  });

  it('reuses the device, domain and read-only mapping the state has', () => {
    const steps = [
      { op: 'addDevice', id: 'nic0', bdf: '0000:00:14.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd1', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd1', device: 'nic0' },
      { op: 'map', domain: 'd1', iova: '0x0', pa: '0x200000', size: '8KiB', prot: 'r' },
    ] as Step[];
    const state = runSteps(vtd(), steps).state;
    const p = plan(
      state,
      'DMAR: [DMA Write NO_PASID] Request device [00:14.0] fault addr 0x1000 [fault reason 0x05] PTE Write access is not set',
    );
    expect(p.commands).toEqual([{ op: 'dma', device: 'nic0', iova: '0x1000', access: 'write' }]);
    expect(p.summary).toBe(
      'Reuses device nic0 (0000:00:14.0), reuses d1, reuses the read-only mapping of 0x1000, then issues the write at 0x1000.',
    );
  });

  it.each([['a writable mapping', 'rw', /is mapped writable in d1/]])(
    'refuses when the state would translate (%s)',
    (_name, prot, message) => {
      const steps = [
        { op: 'addDevice', id: 'nic0', bdf: '0000:00:14.0', kind: 'pdev' },
        { op: 'allocDomain', id: 'd1', type: 'UNMANAGED' },
        { op: 'attach', domain: 'd1', device: 'nic0' },
        { op: 'map', domain: 'd1', iova: '0x0', pa: '0x200000', size: '4KiB', prot },
      ] as Step[];
      const out = reproducePlan(
        runSteps(vtd(), steps).state,
        fault(
          'DMAR: [DMA Write NO_PASID] Request device [00:14.0] fault addr 0x0 [fault reason 0x05] PTE Write access is not set',
        ),
      );
      expect(out).toMatchObject({ ok: false });
      if (!out.ok) expect(out.message).toMatch(message);
    },
  );

  it('SMMUv3: a real F_TRANSLATION with its decoded client reproduces on an SMMUv3 document', () => {
    const smmu = initialState(resolvePlatform({ iommu: 'smmuv3' }));
    const log = readFileSync(new URL('../fixtures/kernel-logs/smmu-translation-decoded.log', import.meta.url), 'utf8');
    const out = reproducePlan(smmu, explainLog(log)[0]!);
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.commands.map((c) => c.op)).toEqual(['addDevice', 'allocDomain', 'attach', 'dma']);
    expect(run(smmu, out.plan.commands)).toMatchObject({ outcome: 'fault', fault: 'not-mapped' });
  });

  it('refuses another IOMMU, a fault without a model name, and an SMMU without a client', () => {
    const amd = reproducePlan(
      vtd(),
      fault('nvme 0000:01:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x000c address=0xffffc080 flags=0x0050]'),
    );
    expect(amd).toEqual({
      ok: false,
      message:
        'This is an AMD-Vi fault but the workbench models VT-d: load a scenario with platform.iommu "amd-vi" to reproduce it.',
    });
    const reserved = reproducePlan(
      vtd(),
      fault(
        'DMAR: [DMA Read] Request device [01:00.0] fault addr 7ee29000 [fault reason 12] non-zero reserved fields in PTE',
      ),
    );
    expect(reserved).toMatchObject({ ok: false });
    const smmu = reproducePlan(
      initialState(resolvePlatform({ iommu: 'smmuv3' })),
      fault('arm-smmu-v3 arm-smmu-v3.0.auto: event 0x10 received:'),
    );
    expect(smmu).toMatchObject({ ok: false, message: expect.stringMatching(/names only the IOMMU/) });
  });
});

describe("the model's own faults, printed, explained and reproduced", () => {
  it.each(['fault-gallery.json', 'three-wqs-smmuv3.json', 'three-wqs-amd.json'])(
    '%s: every record reproduces to the same fault',
    (file) => {
      const parsed = parseScenarioText(readFileSync(new URL(`../../src/scenarios/${file}`, import.meta.url), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.message);
      const state = runScenario(parsed.value).state;
      expect(state.faults.length).toBeGreaterThan(1);
      for (const record of state.faults) {
        const [explained] = explainLog(faultLogLines(state, record).join('\n'));
        const out = reproducePlan(state, explained!);
        expect(out.ok, out.ok ? '' : out.message).toBe(true);
        if (!out.ok) continue;
        expect(out.plan.fault).toBe(record.fault);
        expect(run(state, out.plan.commands)).toMatchObject({ outcome: 'fault', fault: record.fault });
      }
    },
  );

  // The refusal names the log's IOMMU after its article (describe record `aShortName`): a VT-d, an SMMUv3, an AMD-Vi.
  it.each([
    ['vtd', 'smmuv3', 'vtd-write-addr0-quoted.log', 'This is a VT-d fault but the workbench models SMMUv3'],
    ['smmuv3', 'amd-vi', 'smmu-translation-decoded.log', 'This is an SMMUv3 fault but the workbench models AMD-Vi'],
    ['amd-vi', 'vtd', 'amd-read-of-writeonly.log', 'This is an AMD-Vi fault but the workbench models VT-d'],
  ] as const)('a %s fault on a %s workbench is refused with the right article', (kind, platform, log, text) => {
    const text0 = readFileSync(new URL(`../fixtures/kernel-logs/${log}`, import.meta.url), 'utf8');
    const f = explainLog(text0).find((e) => e.fault !== null)!;
    expect(f.iommu).toBe(kind);
    const out = reproducePlan(initialState(resolvePlatform({ iommu: platform })), f);
    expect(out).toMatchObject({ ok: false, message: expect.stringContaining(text) });
  });
});
