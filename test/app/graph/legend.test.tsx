/** The graph legend names the primary and aux edges in the IOMMU's words (src/app/graph/GraphLegend.tsx). */
import { describe, expect, it } from 'vitest';
import { describePlatform, resolvePlatform } from '../../../src/engine/index.ts';
import { legendItems } from '../../../src/app/graph/GraphLegend.tsx';

const labels = (platform: Parameters<typeof resolvePlatform>[0]) =>
  legendItems(new Set(['pasid']), describePlatform(resolvePlatform(platform))).map(([, label]) => label);

describe('the legend in each IOMMU’s words', () => {
  it('VT-d: RID_PASID, PASIDs', () => {
    expect(labels({ iommu: 'vtd' }).slice(0, 3)).toEqual(['primary (RID_PASID 0)', 'aux PASID', 'PASID attach']);
  });
  it('SMMUv3: SubstreamIDs', () => {
    expect(labels({ iommu: 'smmuv3' }).slice(0, 3)).toEqual(['primary (SSID 0)', 'aux SSID', 'SSID attach']);
  });
  it('AMD-Vi: GCR3[0] with v2 tables, untagged with v1', () => {
    expect(labels({ iommu: 'amd-vi', pageTable: 'v2' })[0]).toBe('primary (GCR3[0])');
    expect(labels({ iommu: 'amd-vi', pageTable: 'v1' })[0]).toBe('primary (untagged)');
  });
});
