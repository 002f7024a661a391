/**
 * Every IOMMU's words (iommu/describe.ts) are complete, keyed by IommuKind so that a new kind
 * without a record is a compile error, and the walk SVG draws each vendor's own bit strips.
 */
import { describe, expect, it } from 'vitest';
import { DESCRIBE, IOMMUS, describeOf } from '../../src/engine/iommu/registry.ts';
import { faultTextOf } from '../../src/engine/iommu/faultTexts.ts';
import type { IommuDescribe } from '../../src/engine/iommu/describe.ts';
import type { IommuKind } from '../../src/engine/iommu/types.ts';
import { Structure } from '../../src/engine/iommu/walk.ts';
import { FAULT_NAMES } from '../../src/engine/scenario/schema.ts';
import { walkSvg } from '../../src/engine/report/walkSvg.ts';
import { describePlatform, initialState, resolvePlatform } from '../../src/engine/index.ts';
import { topologyOf } from '../../src/engine/inspect/topology.ts';

const KINDS: readonly IommuKind[] = ['vtd', 'smmuv3', 'amd-vi'];

describe('IOMMU words', () => {
  it('a wording record missing a kind does not compile', () => {
    // @ts-expect-error: 'amd-vi' is missing, so the record is not a Record<IommuKind, …>.
    const partial: Record<IommuKind, string> = { vtd: 'DID', smmuv3: 'ASID' };
    expect(Object.keys(partial)).toHaveLength(2);
    const full: Record<IommuKind, IommuDescribe> = DESCRIBE;
    expect(Object.keys(full).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)('%s names every structure its walk reads, every fault and every command it issues', (kind) => {
    const hw = IOMMUS[kind];
    const words = describeOf(kind);
    expect(hw.describe).toBe(words);
    for (let code = Structure.ROOT; code < Structure.PL0; code++) {
      const name = hw.structureName(code);
      if (name.startsWith('pl')) continue; // a code this IOMMU does not use
      expect(words.structures[name]?.label, name).toBeTruthy();
      expect(hw.entryWords(code)).toBe(words.structures[name]!.words);
    }
    for (const f of FAULT_NAMES) expect(words.faults[f]).toMatch(/\.$/);
    for (const type of ['iotlb', 'p_iotlb', 'devtlb', 'wait', 'context-cache'] as const) {
      const cmd = words.commandOf({ type, granularity: 'domain' });
      expect(cmd.name.length, `${kind} ${type}`).toBeGreaterThan(0);
    }
    expect(words.commands.length).toBeGreaterThan(2);
    expect(words.pageLevel('s2-pl1')).toMatch(/^S2 PL1/);
    expect(words.aShortName).toBe(`${{ vtd: 'a', smmuv3: 'an', 'amd-vi': 'an' }[kind]} ${words.shortName}`);
  });

  it.each([
    ['vtd', /^DMAR: \[DMA Write PASID 0x3\] Request device \[3b:02\.1\] fault addr 0x5000 \[fault reason 0x59\]/],
    ['smmuv3', /^arm-smmu-v3 arm-smmu-v3\.0\.auto: event 0x10 received:/],
    ['amd-vi', /AMD-Vi: Event logged \[IO_PAGE_FAULT domain=0x0003 address=0x5000 flags=0x0/],
  ] as const)('%s logs a recorded fault in its own driver words (faultTextOf(kind).kernelLog)', (kind, first) => {
    const ev = {
      device: 'nic0',
      sourceId: 0x3b11,
      pasid: 3,
      address: 0x5000n,
      access: 'write' as const,
      reason: { vtd: 0x59, smmuv3: 0x10, 'amd-vi': 0x2 }[kind],
      fault: 'no-pasid',
    };
    const lines = faultTextOf(kind).kernelLog(ev, initialState(resolvePlatform({ iommu: kind })));
    expect(lines[0]).toMatch(first);
  });

  it('SMMUv3 speaks of SubstreamIDs and StreamIDs, AMD-Vi of DeviceIDs and DomainIDs', () => {
    expect(describeOf('smmuv3').tag.name).toBe('SubstreamID');
    expect(describeOf('smmuv3').requester.name).toBe('StreamID');
    expect(describeOf('amd-vi').domainTag).toBe('DomainID');
    expect(describeOf('vtd').tag.name).toBe('PASID');
  });

  it("the walk SVG draws each vendor's bit strips from its field layout", () => {
    const base = {
      device: 'nic0',
      rid: 0x3b10,
      pasid: 0x4c1,
      iova: '0x1000',
      access: 'read' as const,
      addressWidth: 48,
      outcome: 'fault' as const,
      fault: 'no-pasid',
      walk: [],
    };
    const vtd = walkSvg({ ...base, iommu: 'vtd' }).svg;
    expect(vtd).toContain('Requester ID 0x3b10');
    expect(vtd).toContain('PASID directory index');
    expect(vtd).toContain('>0x13<'); // PASID 0x4c1 >> 6
    const smmu = walkSvg({ ...base, iommu: 'smmuv3' }).svg;
    expect(smmu).toContain('StreamID 0x3b10');
    expect(smmu).toContain('SubstreamID 1217');
    expect(smmu).toContain('L1 CD index');
    expect(smmu).toContain('>0x1<'); // SSID 0x4c1 >> 10
    const amd = walkSvg({ ...base, iommu: 'amd-vi' }).svg;
    expect(amd).toContain('DeviceID 0x3b10');
    expect(amd).toContain('GCR3 level-1 index');
  });
});

describe("the unit's mode follows the platform's configuration", () => {
  // The graph's IOMMU node (topologyOf) and the inspector's heading (unitTitle) name the mode the platform runs.
  it.each([
    [{ iommu: 'vtd' }, 'VT-d IOMMU', 'scalable mode, 48-bit', 'IOMMU (VT-d, scalable mode)'],
    [{ iommu: 'smmuv3' }, 'SMMUv3', 'stage 1, 2-level tables, 48-bit', 'IOMMU (Arm SMMUv3, stage 1)'],
    [{ iommu: 'amd-vi' }, 'AMD-Vi IOMMU', 'v2 page tables, 48-bit', 'IOMMU (AMD-Vi, v2 page tables)'],
    [{ iommu: 'amd-vi', pageTable: 'v2' }, 'AMD-Vi IOMMU', 'v2 page tables, 48-bit', 'IOMMU (AMD-Vi, v2 page tables)'],
    [{ iommu: 'amd-vi', pageTable: 'v1' }, 'AMD-Vi IOMMU', 'v1 page tables, 48-bit', 'IOMMU (AMD-Vi, v1 page tables)'],
    [
      { iommu: 'amd-vi', pageTable: 'v2', addressWidth: 57 },
      'AMD-Vi IOMMU',
      'v2 page tables, 57-bit',
      'IOMMU (AMD-Vi, v2 page tables)',
    ],
  ] as const)('%j: node %s (%s), heading %s', (platform, label, detail, title) => {
    const state = initialState(resolvePlatform(platform));
    const unit = topologyOf(state).nodes.find((n) => n.kind === 'iommu');
    expect(unit).toMatchObject({ label, detail });
    expect(describePlatform(state.platform).unitTitle).toBe(title);
  });
});
