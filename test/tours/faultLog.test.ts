/**
 * Each IOMMU's faults read as its kernel prints them (each IOMMU's FaultText kernelLog: engine/iommu/faultTexts.ts), and the explainer reads
 * them back: a round trip through the log text keeps the requester, PASID, address, access and fault.
 */
import { describe, expect, it } from 'vitest';
import { explainLog } from '../../src/engine/explain/explainLog.ts';
import { initialState, resolvePlatform, runSteps, type Step } from '../../src/engine/index.ts';
import { faultLogLines } from '../../src/engine/report/faultLog.ts';

const STEPS: Step[] = [
  { op: 'addDevice', id: 'd0', bdf: '0000:6a:01.0', kind: 'pdev', pasid: true },
  { op: 'allocDomain', id: 'dom', type: 'UNMANAGED' },
  { op: 'attach', domain: 'dom', device: 'd0' },
  { op: 'map', domain: 'dom', iova: '0x10000', pa: '0x100000', size: '4KiB', prot: 'r' },
  { op: 'dma', device: 'd0', iova: '0x10000', access: 'write' },
  { op: 'dma', device: 'd0', iova: '0x20000', access: 'read' },
  { op: 'addDevice', id: 'd1', bdf: '0000:6b:00.0', kind: 'pdev' },
  { op: 'dma', device: 'd1', iova: '0x1000', access: 'read' },
] as Step[];

function faultsOn(iommu: 'vtd' | 'amd-vi' | 'smmuv3') {
  const run = runSteps(initialState(resolvePlatform({ iommu })), STEPS);
  expect(run.failures).toEqual([]);
  expect(run.lines.every((l) => l.ok)).toBe(true);
  return { state: run.state, records: run.state.faults };
}

describe("fault log in each kernel's words", () => {
  it('VT-d: DMAR lines', () => {
    const { state, records } = faultsOn('vtd');
    const lines = records.map((r) => faultLogLines(state, r));
    expect(
      lines.every(
        (l) =>
          l.length === 1 &&
          /^DMAR: \[DMA (Read|Write) NO_PASID\] Request device \[6[ab]:0[01]\.0\] fault addr 0x[0-9a-f]+ \[fault reason 0x[0-9a-f]{2}\] \S/.test(
            l[0]!,
          ),
      ),
    ).toBe(true);
  });

  it('AMD-Vi: IO_PAGE_FAULT through the driver, ILLEGAL_DEV_TABLE_ENTRY through the IOMMU', () => {
    const { state, records } = faultsOn('amd-vi');
    const text = records.map((r) => faultLogLines(state, r).join('\n'));
    expect(text[0]).toMatch(
      /^pci 0000:6a:01\.0: AMD-Vi: Event logged \[IO_PAGE_FAULT domain=0x[0-9a-f]{4} address=0x10000 flags=0x0070\]$/,
    );
    expect(text[1]).toMatch(
      /^pci 0000:6a:01\.0: AMD-Vi: Event logged \[IO_PAGE_FAULT domain=0x[0-9a-f]{4} address=0x20000 flags=0x0000\]$/,
    );
    expect(text[2]).toBe(
      'iommu ivhd0: AMD-Vi: Event logged [ILLEGAL_DEV_TABLE_ENTRY device=0000:6b:00.0 pasid=0x00000 address=0x1000 flags=0x0000]',
    );
    expect(text.join('\n')).not.toMatch(/fault reason/);
  });

  it('SMMUv3: event line, four dwords, decoded lines', () => {
    const { state, records } = faultsOn('smmuv3');
    const lines = faultLogLines(state, records[0]!);
    expect(lines[0]).toBe('arm-smmu-v3 arm-smmu-v3.0.auto: event 0x13 received:');
    expect(lines.slice(1, 5).every((l) => /^arm-smmu-v3 arm-smmu-v3\.0\.auto: \t0x[0-9a-f]{16}$/.test(l))).toBe(true);
    expect(lines[5]).toBe(
      'arm-smmu-v3 arm-smmu-v3.0.auto: event: F_PERMISSION client: 0000:6a:01.0 sid: 0x6a08 ssid: 0x0 iova: 0x10000 ipa: 0x0',
    );
    const translation = faultLogLines(state, records[1]!);
    expect(translation[0]).toBe('arm-smmu-v3 arm-smmu-v3.0.auto: event 0x10 received:');
  });

  it.each(['vtd', 'amd-vi', 'smmuv3'] as const)('%s: the explainer reads the log back', (iommu) => {
    const { state, records } = faultsOn(iommu);
    const text = records.map((r) => faultLogLines(state, r).join('\n')).join('\n');
    const explained = explainLog(text);
    expect(explained).toHaveLength(records.length);
    explained.forEach((e, i) => {
      const r = records[i]!;
      const dev = state.devices.get(r.device)!;
      expect(e.iommu).toBe(iommu);
      expect(e.device).toBe(dev.bdf);
      expect(e.pasid).toBe(r.pasid);
      expect(e.addr).toBe(e.reason === '0x2' && iommu === 'smmuv3' ? '0x0' : '0x' + r.address.toString(16));
      if (iommu !== 'vtd' || !(e.iommu === 'vtd' && r.fault === 'not-mapped')) expect(e.fault).toBe(r.fault);
      // Second-stage VT-d entries have no present bit: an unmapped page logs as a permission reason.
      else expect(['read-denied', 'write-denied', 'not-mapped']).toContain(e.fault);
      if (e.access !== null) expect(e.access).toBe(r.access);
    });
  });
});
