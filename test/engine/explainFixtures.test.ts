/**
 * The explainer on real kernel logs (test/fixtures/kernel-logs, sources in its README): every field
 * MODEL.md names, exactly. `meaning` is checked to be the vendor table's words for that code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amdEvent } from '../../src/engine/explain/amdEvents.ts';
import { explainLog } from '../../src/engine/explain/explainLog.ts';
import { smmuEvent } from '../../src/engine/explain/smmuEvents.ts';
import { modelFields, type ExplainedFault } from '../../src/engine/explain/types.ts';
import { vtdReason } from '../../src/engine/explain/vtdReasons.ts';

const DIR = new URL('../fixtures/kernel-logs/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, DIR), 'utf8');

const EXPECTED: Record<string, object[]> = {
  'amd-ice-journal.log': [
    {
      line: 1,
      iommu: 'amd-vi',
      device: '0000:c7:00.0',
      pasid: null,
      addr: '0x4000180000',
      access: 'write',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'not-mapped',
    },
    {
      line: 2,
      iommu: 'amd-vi',
      device: '0000:c7:00.0',
      pasid: null,
      addr: '0x4000180000',
      access: 'write',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'not-mapped',
    },
    {
      line: 4,
      iommu: 'amd-vi',
      device: '0000:c7:00.0',
      pasid: null,
      addr: '0x4000180000',
      access: 'write',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'not-mapped',
    },
    {
      line: 6,
      iommu: 'amd-vi',
      device: '0000:c7:00.1',
      pasid: null,
      addr: '0x4000180000',
      access: 'write',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'not-mapped',
    },
    {
      line: 8,
      iommu: 'amd-vi',
      device: '0000:c7:00.1',
      pasid: null,
      addr: '0x4000180000',
      access: 'write',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'not-mapped',
    },
  ],
  'amd-illegal-dte.log': [
    {
      line: 1,
      iommu: 'amd-vi',
      device: '0000:06:00.0',
      pasid: null,
      addr: '0x135300000',
      access: 'read',
      reason: 'ILLEGAL_DEV_TABLE_ENTRY',
      structure: 'dte',
      fault: 'no-context',
    },
  ],
  'amd-invalid-device-request.log': [
    {
      line: 2,
      iommu: 'amd-vi',
      device: '0000:00:00.0',
      pasid: null,
      addr: '0xfffffffdf8000000',
      access: 'read',
      reason: 'INVALID_DEVICE_REQUEST',
      structure: 'dte',
      fault: null,
    },
  ],
  'amd-navi-both-forms.log': [
    {
      line: 1,
      iommu: 'amd-vi',
      device: '0000:07:00.0',
      pasid: null,
      addr: '0xffffc02000',
      access: 'read',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'not-mapped',
    },
    {
      line: 2,
      iommu: 'amd-vi',
      device: '0000:07:00.0',
      pasid: null,
      addr: '0xffffc02000',
      access: 'read',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'not-mapped',
    },
  ],
  'amd-old-device-form.log': [
    {
      line: 3,
      iommu: 'amd-vi',
      device: '0000:02:00.0',
      pasid: null,
      addr: '0xbe9f9880',
      access: 'read',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'read-denied',
    },
  ],
  'amd-read-of-writeonly.log': [
    {
      line: 1,
      iommu: 'amd-vi',
      device: '0000:01:00.0',
      pasid: null,
      addr: '0xffffc080',
      access: 'read',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'read-denied',
    },
    {
      line: 2,
      iommu: 'amd-vi',
      device: '0000:01:00.0',
      pasid: null,
      addr: '0xffffc000',
      access: 'read',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'read-denied',
    },
  ],
  'amd-split-event.log': [
    {
      line: 1,
      iommu: 'amd-vi',
      device: '0000:00:14.0',
      pasid: null,
      addr: '0xcbb7c000',
      access: 'write',
      reason: 'IO_PAGE_FAULT',
      structure: 'page-table',
      fault: 'not-mapped',
    },
  ],
  'smmu-bad-cd.log': [
    {
      line: 1,
      iommu: 'smmuv3',
      device: 'arm-smmu-v3.34.auto',
      pasid: 2,
      addr: '0x34e8670',
      access: null,
      reason: '0xa',
      structure: 'cd',
      fault: 'no-pasid',
    },
  ],
  'smmu-bad-streamid-interleaved.log': [
    {
      line: 2,
      iommu: 'smmuv3',
      device: 'arm-smmu-v3.0.auto',
      pasid: null,
      addr: '0x0',
      access: null,
      reason: '0x2',
      structure: 'ste',
      fault: 'no-context',
    },
  ],
  'smmu-roce-ssid.log': [
    {
      line: 1,
      iommu: 'smmuv3',
      device: 'arm-smmu-v3.1.auto',
      pasid: null,
      addr: '0xf47cf000',
      access: 'read',
      reason: '0x10',
      structure: 'page-table',
      fault: 'not-mapped',
    },
  ],
  'smmu-tegra-timestamps.log': [
    {
      line: 4,
      iommu: 'smmuv3',
      device: '8806000000.iommu',
      pasid: null,
      addr: '0x7ffd105a00',
      access: 'read',
      reason: '0x10',
      structure: 'page-table',
      fault: 'not-mapped',
    },
  ],
  'smmu-translation-decoded.log': [
    {
      line: 1,
      iommu: 'smmuv3',
      device: '0000:01:00.0',
      pasid: null,
      addr: '0x9b0cc000',
      access: 'read',
      reason: '0x10',
      structure: 'page-table',
      fault: 'not-mapped',
    },
  ],
  'vtd-intr-remap.log': [],
  'vtd-journal-wrapped.log': [
    {
      line: 2,
      iommu: 'vtd',
      device: '0000:02:00.0',
      pasid: null,
      addr: '0xffe4c000',
      access: 'write',
      reason: '0x5',
      structure: 'page-table',
      fault: 'write-denied',
    },
  ],
  'vtd-legacy-pasid-ffffffff.log': [
    {
      line: 2,
      iommu: 'vtd',
      device: '0000:02:00.0',
      pasid: null,
      addr: '0x791dd000',
      access: 'read',
      reason: '0x2',
      structure: 'context',
      fault: 'no-context',
    },
    {
      line: 6,
      iommu: 'vtd',
      device: '0000:07:00.0',
      pasid: null,
      addr: '0x791dd000',
      access: 'read',
      reason: '0x2',
      structure: 'context',
      fault: 'no-context',
    },
    {
      line: 8,
      iommu: 'vtd',
      device: '0000:07:00.0',
      pasid: null,
      addr: '0x791dd000',
      access: 'read',
      reason: '0x2',
      structure: 'context',
      fault: 'no-context',
    },
  ],
  'vtd-sm-pasid-dir.log': [
    {
      line: 2,
      iommu: 'vtd',
      device: '0000:00:0d.2',
      pasid: null,
      addr: '0x1026a4000',
      access: 'read',
      reason: '0x51',
      structure: 'pasid-dir',
      fault: 'no-pasid',
    },
  ],
  'vtd-sm-root-kdump.log': [
    {
      line: 1,
      iommu: 'vtd',
      device: '0000:80:14.0',
      pasid: null,
      addr: '0xe81759000',
      access: 'read',
      reason: '0x39',
      structure: 'root',
      fault: 'no-context',
    },
  ],
  'vtd-usb-addr0-5x.log': [
    {
      line: 1,
      iommu: 'vtd',
      device: '0000:00:14.0',
      pasid: null,
      addr: '0x0',
      access: 'write',
      reason: '0x5',
      structure: 'page-table',
      fault: 'write-denied',
    },
  ],
  'vtd-write-addr0-quoted.log': [
    {
      line: 3,
      iommu: 'vtd',
      device: '0000:00:1a.0',
      pasid: null,
      addr: '0x0',
      access: 'write',
      reason: '0x5',
      structure: 'page-table',
      fault: 'write-denied',
    },
  ],
};

function tableMeaning(f: ExplainedFault): string {
  if (f.iommu === 'vtd') return vtdReason(Number(f.reason)).meaning;
  if (f.iommu === 'smmuv3') return smmuEvent(Number(f.reason), f.access).meaning;
  const flags = f.details.find((d) => d.startsWith('flags '));
  return amdEvent(f.reason, flags === undefined ? null : Number(flags.split(' ')[1])).meaning;
}

describe('explainer on real kernel logs', () => {
  it('has an expectation for every fixture', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.log'))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const faults = explainLog(read(file));
    expect(
      faults.map((f) => {
        const { meaning: _m, ...rest } = modelFields(f);
        return rest;
      }),
    ).toEqual(expected);
    for (const f of faults) {
      expect(Object.keys(modelFields(f))).toEqual([
        'line',
        'iommu',
        'device',
        'pasid',
        'addr',
        'access',
        'reason',
        'meaning',
        'structure',
        'fault',
      ]);
      expect(f.meaning.length).toBeGreaterThan(20);
      expect(f.meaning).toBe(tableMeaning(f));
    }
  });
});
