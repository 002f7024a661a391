import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { nestedGroups, WalkView } from '../../src/app/walk/WalkView.tsx';
import { dmaResultOf, parseScenarioValue, runScenario } from '../../src/engine/index.ts';
import smmu from '../../src/scenarios/three-wqs-smmuv3.json';
import amd from '../../src/scenarios/three-wqs-amd.json';
import nestedSmmu from '../../src/scenarios/nested-smmuv3.json';
import nestedAmd from '../../src/scenarios/nested-amd.json';

function lastTranslated(value: unknown, first = false) {
  const p = parseScenarioValue(value);
  if (!p.ok) throw new Error(p.message);
  const run = runScenario(p.value);
  const ok = run.lines.map((l) => dmaResultOf(l)?.outcome === 'translated');
  const i = first ? ok.indexOf(true) : ok.lastIndexOf(true);
  const step = p.value.scenario.steps[i] as unknown as {
    device: string;
    iova: string;
    access: 'read' | 'write';
    pasid?: number;
  };
  return {
    state: run.states[i + 1]!,
    result: dmaResultOf(run.lines[i]!),
    request: {
      device: step.device,
      iova: step.iova,
      access: step.access,
      ...(step.pasid === undefined ? {} : { pasid: step.pasid }),
    },
  };
}

const strip = (name: RegExp) =>
  within(screen.getByRole('figure', { name }))
    .getAllByText(/:/)
    .map((e) => e.textContent);

describe('WalkView on other IOMMUs', () => {
  it('SMMUv3: StreamID and SubstreamID strips, STE decoded, Arm level names, ASID in the outcome', () => {
    const { state, result, request } = lastTranslated(smmu);
    render(<WalkView state={state} result={result} request={request} />);
    expect(strip(/^StreamID/)).toEqual(['15:8 L1 index (bus)', '7:0 STE index (devfn)']);
    expect(strip(/^SubstreamID/)).toEqual(['19:10 L1 CD index', '9:0 CD index']);
    expect(screen.getByRole('figure', { name: /^Address/ }).textContent).toContain('L0');
    expect(screen.getByText('Stream table entry (ste)')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Outcome' }).textContent).toMatch(/ASID \d+/);
  });

  it('AMD-Vi: DeviceID and PASID [17:9]/[8:0] strips, the DTE first', () => {
    const { state, result, request } = lastTranslated(amd);
    render(<WalkView state={state} result={result} request={request} />);
    expect(strip(/^DeviceID/)).toEqual(['15:0 DTE index (DeviceID)']);
    expect(strip(/^PASID/)).toEqual(['17:9 GCR3 level-1 index', '8:0 GCR3 index']);
    const current = screen.getAllByRole('listitem').find((c) => c.getAttribute('aria-current') === 'step')!;
    expect(current.textContent).toContain('Device table entry (dte)');
    expect(current.textContent).toContain('DomainID');
  });

  it('AMD-Vi: the PASID strip has the GCR3 levels the walk read (one level for a 9-bit device, GLX 0)', () => {
    const p = parseScenarioValue({
      format: 'pasid-atlas/scenario@1',
      platform: { iommu: 'amd-vi' },
      steps: [
        { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, pasidBits: 9 },
        { op: 'bindDevice', device: 'nic0' },
        { op: 'ioasAlloc', id: 'io' },
        { op: 'ioasMap', ioas: 'io', iova: '0x10000', pa: '0x200000', size: '4KiB', prot: 'rw' },
        { op: 'deviceAttach', device: 'nic0', pt: 'io', pasid: 0x105 },
        { op: 'dma', device: 'nic0', pasid: 0x105, iova: '0x10008', access: 'read' },
      ],
    });
    if (!p.ok) throw new Error(p.message);
    const run = runScenario(p.value);
    const result = dmaResultOf(run.lines.at(-1)!);
    expect(result?.walk.map((s) => s.structure).slice(0, 2)).toEqual(['dte', 'gcr3']);
    render(
      <WalkView
        state={run.state}
        result={result}
        request={{ device: 'nic0', pasid: 0x105, iova: '0x10008', access: 'read' }}
      />,
    );
    expect(strip(/^PASID/)).toEqual(['8:0 GCR3 index']);
  });

  it('SMMUv3 nested: the nested STE decoded, stage-2 runs for the guest CD and each S1 level', () => {
    const { state, result, request } = lastTranslated(nestedSmmu, true);
    render(<WalkView state={state} result={result} request={request} />);
    expect(screen.getByText(/Second stage for the guest's cd: \d reads/)).toBeInTheDocument();
    expect(screen.getAllByText(/^Second stage for S1 PL/)).toHaveLength(4);
    expect(screen.getByText(/^Second stage for the output/)).toBeInTheDocument();
    expect(screen.getAllByText(/nested \(stage 1 \+ stage 2\)/).length).toBeGreaterThan(0);
  });

  // Stage 2 faults while fetching the guest's CD (SMMUv3: nested-smmuv3 step 27, after the IOAS was unmapped) or
  // GCR3 entry (AMD-Vi: nested-amd with that unmap before its first DMA): the run ends the walk, and it served that
  // fetch, not the output.
  const amdUnmapped = {
    ...nestedAmd,
    steps: [
      ...nestedAmd.steps.slice(0, 17),
      { op: 'ioasUnmap', ioas: 'gpa', iova: '0x0', size: '64MiB' },
      nestedAmd.steps[17]!,
    ],
  };
  it.each([
    ['SMMUv3', { ...nestedSmmu, steps: nestedSmmu.steps.slice(0, 28) }, 'cd'],
    ['AMD-Vi', { ...amdUnmapped, steps: amdUnmapped.steps.slice(0, 19) }, 'gcr3'],
  ])('%s nested: a stage-2 fault on the guest structure fetch names that structure', (_name, scenario, serves) => {
    const p = parseScenarioValue(scenario);
    if (!p.ok) throw new Error(p.message);
    const run = runScenario(p.value);
    const result = dmaResultOf(run.lines.at(-1)!);
    expect(result).toMatchObject({ outcome: 'fault', fault: 'not-mapped' });
    const s2 = result!.walk.filter((w) => w.stage === 2);
    expect(result!.walk.at(-1)!.stage).toBe(2);
    expect(s2.map((w) => w.serves)).toEqual(s2.map(() => serves));
    render(
      <WalkView state={run.state} result={result} request={{ device: 'nic0', iova: '0x400123', access: 'read' }} />,
    );
    expect(screen.getByText(new RegExp(`^Second stage for the guest's ${serves}: \\d reads`))).toBeInTheDocument();
    expect(screen.queryByText(/^Second stage for the output/)).toBeNull();
  });

  it('groups nested second-stage runs under the first-stage read they serve', () => {
    const step = (structure: string, serves: string) => ({
      stage: structure.startsWith('s2-') ? (2 as const) : structure.startsWith('s1-') ? (1 as const) : null,
      serves,
    });
    const g = nestedGroups([
      step('root', 'device'),
      step('context', 'device'),
      step('s2-pl2', 's1-pl2'),
      step('s2-pl1', 's1-pl2'),
      step('s1-pl2', 'page'),
      step('s2-pl2', 's1-pl1'),
      step('s2-pl1', 's1-pl1'),
      step('s1-pl1', 'page'),
      step('s2-pl2', 'output'),
      step('s2-pl1', 'output'),
    ]);
    expect(g[2]).toMatch(/^Second stage for S1 PL2: 2 reads/);
    expect(g[3]).toBeNull();
    expect(g[5]).toMatch(/^Second stage for S1 PL1/);
    expect(g[8]).toMatch(/^Second stage for the output/);
    // A walk that faulted in its last run: that run never reached an HPA, and says so.
    const cut = nestedGroups(
      [
        step('root', 'device'),
        step('s2-pl2', 's1-pl2'),
        step('s2-pl1', 's1-pl2'),
        step('s1-pl2', 'page'),
        step('s2-pl2', 's1-pl1'),
      ],
      true,
    );
    expect(cut[1]).toBe("Second stage for S1 PL2: 2 reads turn the table's GPA into an HPA");
    expect(cut[4]).toBe("Second stage for S1 PL1: 1 read, then the fault: the table's GPA never reached an HPA");
  });
});
