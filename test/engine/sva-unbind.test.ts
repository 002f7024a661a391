/**
 * svaUnbind on every IOMMU (iommu_sva_unbind_device): the PASID entry goes, the driver's teardown
 * invalidations are issued (SMMUv3: CMD_CFGI_CD, CMD_TLBI_NH_ASID, CMD_ATC_INV, CMD_SYNC), the SVA
 * domain goes with its last bind, and so does the process's PASID.
 */
import { describe, expect, it } from 'vitest';
import type { EngineState, Platform } from '../../src/engine/index.ts';
import { build, dmaStep, faulted, machine, refused, translated } from '../helpers/engine.ts';

const VA = '0x7f0000000123';

function bound(iommu: Platform['iommu'], ats = false): EngineState {
  return build(
    machine({ iommu, hostMemory: '256MiB', caches: 'all' }),
    { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2, ats },
    { op: 'addDevice', id: 'iax0', bdf: '0000:6a:02.0', kind: 'parent', wqs: 2 },
    { op: 'processAlloc', id: 'p' },
    { op: 'processMap', process: 'p', va: '0x7f0000000000', pa: '0x200000', size: '4KiB', prot: 'rw' },
    { op: 'svaBind', device: 'dsa0', process: 'p' },
    { op: 'svaBind', device: 'iax0', process: 'p' },
  ).state;
}

describe.each(['vtd', 'smmuv3', 'amd-vi'] as const)('svaUnbind on %s', (iommu) => {
  it('the unbound device faults no-pasid, the other still translates; the PASID goes with the last bind', () => {
    let s = bound(iommu);
    const pasid = s.processes.get('p')!.pasid!;
    let d = dmaStep(s, { device: 'dsa0', pasid, iova: VA, access: 'read' });
    expect(translated(d.r).pa).toBe(0x200123n);
    s = d.state;
    const first = build(s, { op: 'svaUnbind', device: 'dsa0', process: 'p' });
    expect(first.result).toEqual({ pasid, domain: 'p.sva', pasidFreed: false });
    s = first.state;
    d = dmaStep(s, { device: 'dsa0', pasid, iova: VA, access: 'read' });
    expect(faulted(d.r).fault).toBe('no-pasid');
    // A cached translation or entry would answer here if the teardown had not invalidated.
    expect(d.r.hazard).toBeUndefined();
    expect(translated(dmaStep(s, { device: 'iax0', pasid, iova: VA, access: 'read' }).r).pa).toBe(0x200123n);
    expect(s.domains.has('p.sva')).toBe(true);
    // By PASID this time: the last bind takes the SVA domain and the process's PASID with it.
    const last = build(s, { op: 'svaUnbind', device: 'iax0', pasid });
    expect(last.result).toEqual({ pasid, domain: 'p.sva', pasidFreed: true });
    s = last.state;
    expect(s.domains.has('p.sva')).toBe(false);
    expect(s.processes.get('p')!.pasid).toBeNull();
    expect(faulted(dmaStep(s, { device: 'iax0', pasid, iova: VA, access: 'read' }).r).fault).toBe('no-pasid');
    // Binding again works and translates again.
    s = build(s, { op: 'svaBind', device: 'dsa0', process: 'p' }).state;
    const again = s.processes.get('p')!.pasid!;
    expect(translated(dmaStep(s, { device: 'dsa0', pasid: again, iova: VA, access: 'read' }).r).pa).toBe(0x200123n);
  });

  it('refuses what names no bind, and changes nothing', () => {
    const s = bound(iommu);
    const pasid = s.processes.get('p')!.pasid!;
    refused(s, { op: 'svaUnbind', device: 'dsa0' }, 'EINVAL');
    refused(s, { op: 'svaUnbind', device: 'dsa0', process: 'p', pasid: pasid + 1 }, 'EINVAL');
    refused(s, { op: 'svaUnbind', device: 'dsa0', pasid: pasid + 1 }, 'ENOENT');
    refused(s, { op: 'svaUnbind', device: 'nope', process: 'p' }, 'ENOENT');
    refused(s, { op: 'svaUnbind', device: 'dsa0', process: 'q' }, 'ENOENT');
    const once = build(s, { op: 'svaUnbind', device: 'dsa0', process: 'p' }).state;
    refused(once, { op: 'svaUnbind', device: 'dsa0', process: 'p' }, 'EINVAL');
  });
});

describe('svaUnbind on SMMUv3: the commands arm_smmu_remove_dev_pasid issues', () => {
  it('CMD_CFGI_CD, CMD_TLBI_NH_ASID, CMD_ATC_INV (ATS device), CMD_SYNC', () => {
    let s = bound('smmuv3', true);
    const pasid = s.processes.get('p')!.pasid!;
    const asid = s.domains.get('p.sva')!.did!;
    s = dmaStep(s, { device: 'dsa0', pasid, iova: VA, access: 'read' }).state;
    const n = s.invalidations.length;
    s = build(s, { op: 'svaUnbind', device: 'dsa0', process: 'p' }).state;
    expect(s.invalidations.slice(n).map((i) => [i.type, i.granularity, i.pasid ?? i.did])).toEqual([
      ['pasid-cache', 'pasid', pasid],
      ['iotlb', 'domain', asid],
      ['devtlb', 'pasid', pasid],
      ['wait', 'global', undefined],
    ]);
  });

  it('a skipped CMD_CFGI_CD leaves the unbound CD cached: the DMA still translates, flagged stale', () => {
    let s = bound('smmuv3');
    const pasid = s.processes.get('p')!.pasid!;
    s = dmaStep(s, { device: 'dsa0', pasid, iova: VA, access: 'read' }).state;
    s = build(s, { op: 'skipInvalidation' }, { op: 'svaUnbind', device: 'dsa0', process: 'p' }).state;
    const d = dmaStep(s, { device: 'dsa0', pasid, iova: VA, access: 'read' });
    expect(d.r).toMatchObject({ caches: { pasid: 'hit' }, hazard: { kind: 'stale-entry-cache' } });
  });
});
