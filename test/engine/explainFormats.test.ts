/**
 * Formats the fixtures do not all cover, one line each, built from the kernel's format strings
 * (drivers/iommu/intel/dmar.c, amd/iommu.c, arm-smmu-v3.c of the era named), and the CLI contract.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainLog } from '../../src/engine/explain/explainLog.ts';
import { modelFields } from '../../src/engine/explain/types.ts';
import { vtdReasonText } from '../../src/engine/explain/vtdReasons.ts';

const one = (text: string) => {
  const all = explainLog(text).map(modelFields);
  expect(all).toHaveLength(1);
  const { meaning: _m, ...rest } = all[0]!;
  return rest;
};

describe('VT-d formats', () => {
  it('4.x: no PASID, decimal reason', () => {
    expect(
      one(
        '[   31.698570] DMAR: [DMA Read] Request device [01:00.0] fault addr 7ee29000 [fault reason 12] non-zero reserved fields in PTE',
      ),
    ).toEqual({
      line: 1,
      iommu: 'vtd',
      device: '0000:01:00.0',
      pasid: null,
      addr: '0x7ee29000',
      access: 'read',
      reason: '0xc',
      structure: 'page-table',
      fault: null,
    });
  });
  it('3.x: the reason on its own DMAR: line', () => {
    expect(
      one(
        'dmar: DRHD: handling fault status reg 3\nDMAR:[DMA Read] Request device [00:02.0] fault addr ffffe000 \nDMAR:[fault reason 06] PTE Read access is not set',
      ),
    ).toMatchObject({
      line: 2,
      device: '0000:00:02.0',
      addr: '0xffffe000',
      access: 'read',
      reason: '0x6',
      fault: 'read-denied',
    });
  });
  it('5.9–5.10: [0x00:0x02.0] and NO_PASID', () => {
    expect(
      one(
        'DMAR: [DMA Write NO_PASID] Request device [0x00:0x02.0] fault addr 0x7f7ff000 [fault reason 0x05] PTE Write access is not set',
      ),
    ).toMatchObject({
      device: '0000:00:02.0',
      pasid: null,
      addr: '0x7f7ff000',
      access: 'write',
      reason: '0x5',
      fault: 'write-denied',
      structure: 'page-table',
    });
  });
  it('today: PASID 0x…, scalable-mode reasons', () => {
    expect(
      one(
        '2024-05-27T14:24:22.123456+02:00 host kernel: DMAR: [DMA Read PASID 0x2a] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] SM: Present bit in PASID Table Entry is clear',
      ),
    ).toEqual({
      line: 1,
      iommu: 'vtd',
      device: '0000:6a:01.0',
      pasid: 42,
      addr: '0x1000',
      access: 'read',
      reason: '0x59',
      structure: 'pasid-table',
      fault: 'no-pasid',
    });
    expect(
      one(
        'DMAR: [DMA Write PASID 0x1] Request device [0000:6a:01.0] fault addr 0x20000 [fault reason 0x85] SM: No write permission for Write/AtomicOp request',
      ),
    ).toMatchObject({ pasid: 1, reason: '0x85', fault: 'write-denied' });
    expect(
      one(
        'DMAR: [DMA Read NO_PASID] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x45] SM: PASID Enable field in Context Entry is clear',
      ),
    ).toMatchObject({ structure: 'context', fault: 'no-pasid' });
    expect(
      one(
        'DMAR: [DMA Read PASID 0x5] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x46] SM: PASID is larger than the max in Context Entry',
      ),
    ).toMatchObject({ structure: 'context', fault: 'no-pasid' });
    expect(
      one(
        'DMAR: [DMA Read PASID 0x5] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x71] SM: Present bit in first-level paging entry is clear',
      ),
    ).toMatchObject({ fault: 'not-mapped' });
    expect(
      one(
        'DMAR: [DMA Read NO_PASID] Request device [6a:01.0] fault addr 0x1000000000000 [fault reason 0x83] SM: Address beyond the DMA hardware max',
      ),
    ).toMatchObject({ structure: null, fault: 'beyond-width' });
  });
  it('the table dump after a fault becomes details (zero PASID-table entries left out)', () => {
    const log = readFileSync(new URL('../fixtures/kernel-logs/vtd-sm-pasid-dir.log', import.meta.url), 'utf8');
    expect(explainLog(log)[0]!.details).toEqual([
      'Dump dmar1 table entries for IOVA 0x1026a4000',
      'scalable mode root entry: hi 0x0000000102448001, low 0x0000000101b3e001',
      'context entry: hi 0x0000000000000000, low 0x0000000101b4d401',
      'pasid dir entry: 0x0000000101b4e001',
      'pasid table entry[0]: 0x0000000000000109',
      'pasid table entry[1]: 0x0000000000000001',
      'PTE not present at level 4',
    ]);
  });
  it('reason texts are the kernel tables', () => {
    expect(vtdReasonText(0x39)).toBe('SM: Present bit in Root Entry is clear');
    expect(vtdReasonText(0x2)).toBe('Present bit in context entry is clear');
    expect(vtdReasonText(0x25)).toBe('Blocked a compatibility format interrupt request');
    expect(vtdReasonText(0x34)).toBe('Unknown');
    expect(vtdReasonText(0x99)).toBe('Unknown');
  });
  it('interrupt-remapping faults and other DMAR lines are not DMA faults', () => {
    expect(
      explainLog(
        'DMAR: [INTR-REMAP] Request device [02:00.0] fault index 0x0 [fault reason 0x25] Blocked a compatibility format interrupt request\nDMAR: DRHD: handling fault status reg 2\nDMAR: Dump dmar1 table entries for IOVA 0x1000',
      ),
    ).toEqual([]);
  });
});

describe('AMD-Vi formats', () => {
  it('GN: the domain field is the PASID', () => {
    expect(
      one('idxd 0000:6a:01.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x0005 address=0x2000 flags=0x0031]'),
    ).toEqual({
      line: 1,
      iommu: 'amd-vi',
      device: '0000:6a:01.0',
      pasid: 5,
      addr: '0x2000',
      access: 'write',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'write-denied',
    });
  });
  it('interrupt requests (I) and reserved bits (RZ) are not mapping faults', () => {
    expect(
      one('AMD-Vi: Event logged [IO_PAGE_FAULT device=00:14.0 domain=0x0000 address=0xfee00000 flags=0x0008]'),
    ).toMatchObject({ fault: null, structure: null });
    expect(
      one('AMD-Vi: Event logged [IO_PAGE_FAULT device=00:14.0 domain=0x0000 address=0x1000 flags=0x0090]'),
    ).toMatchObject({ fault: null, structure: 'page-table' });
  });
  it('events without a device name the IOMMU', () => {
    expect(one('iommu ivhd0: AMD-Vi: Event logged [ILLEGAL_COMMAND_ERROR address=0x1234000]')).toEqual({
      line: 1,
      iommu: 'amd-vi',
      device: 'ivhd0',
      pasid: null,
      addr: '0x1234000',
      access: null,
      reason: 'ILLEGAL_COMMAND_ERROR',
      structure: null,
      fault: null,
    });
  });
});

describe('SMMUv3 formats', () => {
  it('an event line without its dump still names the event', () => {
    expect(one('arm-smmu-v3 arm-smmu-v3.0.auto: event 0x13 received:')).toEqual({
      line: 1,
      iommu: 'smmuv3',
      device: 'arm-smmu-v3.0.auto',
      pasid: null,
      addr: '0x0',
      access: null,
      reason: '0x13',
      structure: 'page-table',
      fault: null,
    });
  });
  it('F_PERMISSION picks write-denied from RnW clear; SSV gives the PASID', () => {
    const log = [
      'arm-smmu-v3 smmu0: event 0x13 received:',
      'arm-smmu-v3 smmu0: \t0x0000000800005813',
      'arm-smmu-v3 smmu0: \t0x0000020000000000',
      'arm-smmu-v3 smmu0: \t0x0000000000042000',
      'arm-smmu-v3 smmu0: \t0x0000000000000000',
    ].join('\n');
    expect(one(log)).toMatchObject({
      pasid: 5,
      addr: '0x42000',
      access: 'write',
      reason: '0x13',
      fault: 'write-denied',
    });
  });
});

describe('npm run -s explain', () => {
  const run = (args: string[], input?: string) =>
    // What the script runs (`tsx src/cli/explain.ts`), without npx's and tsx's extra processes.
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/explain.ts', ...args], {
      encoding: 'utf8',
      input,
      cwd: new URL('../..', import.meta.url),
    });
  it('reads standard input, prints one JSON line per event, exit 0', () => {
    const r = run(
      ['-'],
      'hello\nDMAR: [DMA Read NO_PASID] Request device [80:14.0] fault addr 0xe81759000 [fault reason 0x39] SM: Present bit in Root Entry is clear\n',
    );
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      line: 2,
      iommu: 'vtd',
      device: '0000:80:14.0',
      reason: '0x39',
      structure: 'root',
      fault: 'no-context',
    });
  }, 20000);
  it('exit 0 with no output when nothing is found; 2 when the file cannot be read', () => {
    const none = run(['-'], 'nothing here\n');
    expect([none.status, none.stdout]).toEqual([0, '']);
    const missing = run(['/nonexistent/kernel.log']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  }, 20000);
});
