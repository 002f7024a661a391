/**
 * hwptInvalidate on SMMUv3: a guest's own invalidations through its vSMMU (arm_vsmmu_cache_invalidate,
 * arm_vsmmu_convert_user_cmd): TLBI_NH_* confined to the VMID's ASIDs, CFGI_CD/CFGI_CD_ALL and ATC_INV
 * on the physical StreamID of a vDEVICE, a CMD_SYNC after the batch; EIO for what it does not pass.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, validateCommand, type Command, type EngineState } from '../../src/engine/index.ts';
import { smmuCommandOf } from '../../src/engine/smmu/commands.ts';
import { build, dmaStep, machine, refused, translated } from '../helpers/engine.ts';

const VM_HPA = 0x4000000;

/** nic0 (ATS) runs a nested HWPT whose guest CD table has CD 0 (g0) and CD 5 (g5); host0 has its own S1 HWPT. */
function setup(caches: 'all' | 'iotlb' = 'all'): EngineState {
  return build(
    machine({ iommu: 'smmuv3', hostMemory: '1GiB', caches }),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, pasidBits: 8, ats: true },
    { op: 'addDevice', id: 'host0', bdf: '0000:3c:00.0', kind: 'pdev' },
    { op: 'createVm', id: 'vm', memory: '16MiB', hpa: '0x' + VM_HPA.toString(16) },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'bindDevice', device: 'host0' },
    { op: 'ioasAlloc', id: 'gpa' },
    { op: 'ioasMap', ioas: 'gpa', iova: '0x0', pa: '0x' + VM_HPA.toString(16), size: '16MiB', prot: 'rw' },
    { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
    { op: 'guestTableAlloc', id: 'g0', vm: 'vm' },
    { op: 'guestMap', table: 'g0', va: '0x400000', gpa: '0x100000', size: '8KiB', prot: 'rw' },
    { op: 'guestTableAlloc', id: 'g5', vm: 'vm' },
    { op: 'guestMap', table: 'g5', va: '0x400000', gpa: '0x105000', size: '4KiB', prot: 'rw' },
    {
      op: 'hwptAlloc',
      id: 's1',
      device: 'nic0',
      pt: 's2',
      stage1: { table: 'g0', pasids: [{ pasid: 5, table: 'g5' }] },
    },
    { op: 'deviceAttach', device: 'nic0', pt: 's1' },
    { op: 'ioasAlloc', id: 'host' },
    { op: 'ioasMap', ioas: 'host', iova: '0x400000', pa: '0x200000', size: '4KiB', prot: 'rw' },
    { op: 'deviceAttach', device: 'host0', pt: 'host' },
  ).state;
}

/** Warm every cache: each DMA twice. */
function warm(s: EngineState): EngineState {
  for (const c of [
    { device: 'nic0', iova: '0x400000' },
    { device: 'nic0', pasid: 5, iova: '0x400000' },
    { device: 'host0', iova: '0x400000' },
  ])
    for (let i = 0; i < 2; i++) s = dmaStep(s, { ...c, access: 'read' }).state;
  return s;
}

const inv = (s: EngineState, commands: unknown[]) => {
  const v = validateCommand({ op: 'hwptInvalidate', hwpt: 's1', commands });
  if (!v.ok) throw new Error(v.message);
  const r = applyCommand(s, v.command);
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return {
    state: r.state,
    names: r.state.invalidations.slice(s.invalidations.length).map((i) => smmuCommandOf(i).name),
  };
};

const asids = (s: EngineState) => ({
  rid: s.domains.get('s1')!.did!,
  ssid5: s.domains.get('s1')!.stage1!.pasids![0]!.tag,
  host: s.domains.get('host.auto0')!.did!,
});

/** Which of the three address spaces' IOTLB entries survive (no ATC: the IOMMU's own TLB). */
function tlbHits(s: EngineState): boolean[] {
  const shown = [
    { device: 'host0', iova: '0x400000' },
    { device: 'nic0', iova: '0x400000' },
    { device: 'nic0', pasid: 5, iova: '0x400000' },
  ];
  return shown.map((c) => dmaStep(s, { ...c, access: 'read' }).r).map((r) => translated(r).iotlb === 'hit');
}

describe('hwptInvalidate: TLB commands', () => {
  it('CMD_TLBI_NH_VA drops one ASID’s range; CMD_SYNC ends the batch', () => {
    const s = warm(setup('iotlb'));
    expect(tlbHits(s)).toEqual([true, true, true]);
    const { rid } = asids(s);
    const r = inv(s, [{ cmd: 'CMD_TLBI_NH_VA', asid: rid, iova: '0x400000', size: '4KiB' }]);
    expect(r.names).toEqual(['CMD_TLBI_NH_VA', 'CMD_SYNC']);
    expect(tlbHits(r.state)).toEqual([true, false, true]);
    // Outside the range nothing goes.
    const other = inv(s, [{ cmd: 'CMD_TLBI_NH_VA', asid: rid, iova: '0x800000', size: '4KiB' }]);
    expect(tlbHits(other.state)).toEqual([true, true, true]);
  });

  it('CMD_TLBI_NH_ASID drops one CD’s ASID; NH_VAA, NH_ALL and NSNH_ALL every guest ASID — never the host’s', () => {
    const s = warm(setup('iotlb'));
    const { ssid5, host } = asids(s);
    expect(tlbHits(inv(s, [{ cmd: 'CMD_TLBI_NH_ASID', asid: ssid5 }]).state)).toEqual([true, true, false]);
    // The VMID is the host's to set: a guest naming the host's ASID reaches nothing.
    expect(tlbHits(inv(s, [{ cmd: 'CMD_TLBI_NH_ASID', asid: host }]).state)).toEqual([true, true, true]);
    const vaa = inv(s, [{ cmd: 'CMD_TLBI_NH_VAA', iova: '0x400000', size: '4KiB' }]);
    expect(vaa.names).toEqual(['CMD_TLBI_NH_VAA', 'CMD_SYNC']);
    expect(tlbHits(vaa.state)).toEqual([true, false, false]);
    expect(tlbHits(inv(s, [{ cmd: 'CMD_TLBI_NH_ALL' }]).state)).toEqual([true, false, false]);
    // NSNH_ALL is converted to NH_ALL for the VMID (arm_vsmmu_convert_user_cmd).
    const nsnh = inv(s, [{ cmd: 'CMD_TLBI_NSNH_ALL' }]);
    expect(nsnh.names).toEqual(['CMD_TLBI_NH_ALL', 'CMD_SYNC']);
    expect(tlbHits(nsnh.state)).toEqual([true, false, false]);
  });
});

describe('hwptInvalidate: configuration and ATC commands', () => {
  it('CMD_CFGI_CD drops one cached CD, CMD_CFGI_CD_ALL every CD of the StreamID', () => {
    const s = warm(setup());
    const cd = (st: EngineState, pasid?: number) =>
      dmaStep(st, { device: 'nic0', ...(pasid === undefined ? {} : { pasid }), iova: '0x401000', access: 'read' }).r
        .caches?.pasid;
    // 0x401000: not in the ATC, so the SMMU walks (and its CD cache answers).
    expect([cd(s), cd(s, 5)]).toEqual(['hit', 'hit']);
    const one = inv(s, [{ cmd: 'CMD_CFGI_CD', device: 'nic0', pasid: 5 }]);
    expect(one.names).toEqual(['CMD_CFGI_CD', 'CMD_SYNC']);
    expect([cd(one.state), cd(one.state, 5)]).toEqual(['hit', 'miss']);
    const all = inv(s, [{ cmd: 'CMD_CFGI_CD_ALL', device: 'nic0' }]);
    expect(all.names).toEqual(['CMD_CFGI_CD_ALL', 'CMD_SYNC']);
    expect([cd(all.state), cd(all.state, 5)]).toEqual(['miss', 'miss']);
  });

  it('CMD_ATC_INV with a PASID drops that SubstreamID’s ATC entries; without one, every PASID’s', () => {
    const s = warm(setup());
    const atc = (st: EngineState, pasid?: number) =>
      dmaStep(st, { device: 'nic0', ...(pasid === undefined ? {} : { pasid }), iova: '0x400000', access: 'read' }).r
        .caches?.atc;
    expect([atc(s), atc(s, 5)]).toEqual(['hit', 'hit']);
    const one = inv(s, [{ cmd: 'CMD_ATC_INV', device: 'nic0', pasid: 5, iova: '0x400000', size: '4KiB' }]);
    expect(one.names).toEqual(['CMD_ATC_INV', 'CMD_SYNC']);
    expect([atc(one.state), atc(one.state, 5)]).toEqual(['hit', 'miss']);
    const all = inv(s, [{ cmd: 'CMD_ATC_INV', device: 'nic0' }]);
    expect([atc(all.state), atc(all.state, 5)]).toEqual(['miss', 'miss']);
  });
});

describe('hwptInvalidate: refusals', () => {
  const cmd = (hwpt: string, commands: unknown[]) => {
    const v = validateCommand({ op: 'hwptInvalidate', hwpt, commands });
    if (!v.ok) throw new Error(v.message);
    return v.command as Command;
  };

  it('EIO for commands the vSMMU does not pass and devices without a vDEVICE; nothing is issued', () => {
    const s = setup();
    for (const c of ['CMD_CFGI_STE', 'CMD_CFGI_ALL', 'CMD_TLBI_S2_IPA', 'CMD_TLBI_S12_VMALL', 'CMD_SYNC'])
      expect(refused(s, cmd('s1', [{ cmd: 'CMD_TLBI_NH_ALL' }, { cmd: c }]), 'EIO')).toMatch(/commands\[1\]/);
    expect(refused(s, cmd('s1', [{ cmd: 'CMD_CFGI_CD', device: 'host0', pasid: 0 }]), 'EIO')).toMatch(/vDEVICE/);
    refused(s, cmd('s1', [{ cmd: 'CMD_ATC_INV', device: 'nope' }]), 'ENOENT');
    refused(s, cmd('s1', [{ cmd: 'CMD_TLBI_NH_VA', asid: 1, iova: '0x400800', size: '4KiB' }]), 'EINVAL');
    refused(s, cmd('s1', [{ cmd: 'CMD_ATC_INV', device: 'nic0', iova: '0x400000' }]), 'EINVAL');
  });

  it('EINVAL on a paging HWPT or an IOAS, ENOENT for a name, EOPNOTSUPP on VT-d', () => {
    const s = setup();
    refused(s, cmd('s2', [{ cmd: 'CMD_TLBI_NH_ALL' }]), 'EINVAL');
    refused(s, cmd('gpa', [{ cmd: 'CMD_TLBI_NH_ALL' }]), 'EINVAL');
    refused(s, cmd('nope', [{ cmd: 'CMD_TLBI_NH_ALL' }]), 'ENOENT');
    const vtd = build(
      machine({ hostMemory: '1GiB' }),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'createVm', id: 'vm', memory: '16MiB' },
      { op: 'bindDevice', device: 'nic0' },
      { op: 'ioasAlloc', id: 'gpa' },
      { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
      { op: 'guestTableAlloc', id: 'g0', vm: 'vm' },
      { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g0' } },
    ).state;
    refused(vtd, cmd('s1', [{ cmd: 'CMD_TLBI_NH_ALL' }]), 'EOPNOTSUPP');
  });

  it('a command of the wrong form makes the step invalid (a missing field, an unknown command)', () => {
    const bad = (commands: unknown) => validateCommand({ op: 'hwptInvalidate', hwpt: 's1', commands });
    expect(bad([{ cmd: 'CMD_TLBI_NH_VA', asid: 1 }]).ok).toBe(false);
    expect(bad([{ cmd: 'CMD_NOPE' }]).ok).toBe(false);
    expect(bad([{ cmd: 'CMD_TLBI_NH_ALL', asid: 1 }]).ok).toBe(false);
    expect(bad([]).ok).toBe(false);
    const r = bad([{ cmd: 'CMD_TLBI_NH_VA', asid: 1 }]);
    if (!r.ok) expect(r.message).toMatch(/commands\[0\]\.iova/);
  });
});
