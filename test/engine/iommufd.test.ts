/**
 * iommufd ops, checked against the behaviours the kernel's selftests assert
 * (tools/testing/selftests/iommu/iommufd.c; reference/iommu.md §7), plus nested translation and SVA.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, type Command, type EngineState } from '../../src/engine/index.ts';
import { build, machine, readQword, refused } from '../helpers/engine.ts';

const bound = () =>
  build(
    machine(),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
    { op: 'addDevice', id: 'nic1', bdf: '0000:3c:00.0', kind: 'pdev', pasid: true },
    { op: 'bindDevice', device: 'nic0' },
    { op: 'ioasAlloc', id: 'ioas' },
  ).state;

function dma(state: EngineState, c: Omit<Extract<Command, { op: 'dma' }>, 'op'>) {
  const r = applyCommand(state, { op: 'dma', ...c });
  if (!r.ok) throw new Error(r.error.message);
  return r.result;
}

describe('objects and ids', () => {
  it('shares one id space from 1 across devices, IOAS and HWPTs', () => {
    const s = build(bound(), { op: 'bindDevice', device: 'nic1' });
    expect(s.result).toEqual({ devId: 3 });
    expect(build(s.state, { op: 'hwptAlloc', id: 'h', device: 'nic1', pt: 'ioas' }).result).toEqual({ hwptId: 4 });
  });

  it('refuses to bind twice, to bind an aux-era attached device, and HWPTs for unbound devices', () => {
    const s = bound();
    refused(s, { op: 'bindDevice', device: 'nic0' }, 'EBUSY');
    const s2 = build(
      s,
      { op: 'allocDomain', id: 'd', type: 'DMA' },
      { op: 'attach', domain: 'd', device: 'nic1' },
    ).state;
    refused(s2, { op: 'bindDevice', device: 'nic1' }, 'EBUSY');
    refused(s, { op: 'hwptAlloc', id: 'h', device: 'nic1', pt: 'ioas' }, 'ENOENT');
    refused(s, { op: 'attach', domain: 'x', device: 'nic0' }, 'ENOENT');
  });
});

describe('IOAS areas (selftest iommufd_ioas.area, unmap_fully_contained_areas, area_auto_iova)', () => {
  it('unmap of an empty IOAS is ENOENT, "all" of an empty IOAS is 0', () => {
    refused(bound(), { op: 'ioasUnmap', ioas: 'ioas', iova: '0x0', size: '4KiB' }, 'ENOENT');
    expect(build(bound(), { op: 'ioasUnmap', ioas: 'ioas', size: 'all' }).result).toEqual({ unmapped: 0 });
  });

  it('a map overlapping an area at the same start, inside, or across either edge is EEXIST', () => {
    const s = build(bound(), {
      op: 'ioasMap',
      ioas: 'ioas',
      iova: '0x10000',
      pa: '0x0',
      size: '16KiB',
      prot: 'rw',
    }).state;
    for (const iova of ['0x10000', '0x11000', '0xf000', '0x13000']) {
      refused(s, { op: 'ioasMap', ioas: 'ioas', iova, pa: '0x100000', size: '8KiB', prot: 'rw' }, 'EEXIST');
    }
  });

  it('unmap must cover whole areas and reports the bytes actually removed', () => {
    let s = bound();
    for (let i = 0; i < 4; i++) {
      s = build(s, {
        op: 'ioasMap',
        ioas: 'ioas',
        iova: '0x' + (i * 16 * 4096).toString(16),
        pa: '0x200000',
        size: 8 * 4096,
        prot: 'rw',
      }).state;
    }
    refused(s, { op: 'ioasUnmap', ioas: 'ioas', iova: '0x0', size: 4 * 4096 }, 'ENOENT');
    refused(s, { op: 'ioasUnmap', ioas: 'ioas', iova: '0x1000', size: 64 * 4096 }, 'ENOENT');
    expect(build(s, { op: 'ioasUnmap', ioas: 'ioas', iova: '0x0', size: 64 * 4096 }).result).toEqual({
      unmapped: 32 * 4096,
    });
  });

  it('a kernel-chosen IOVA is aligned to the lowest set bit of the length', () => {
    let s = build(bound(), { op: 'ioasMap', ioas: 'ioas', iova: '0x0', pa: '0x0', size: '4KiB', prot: 'r' }).state;
    const r = build(s, { op: 'ioasMap', ioas: 'ioas', pa: '0x200000', size: '2MiB', prot: 'r' });
    expect(r.result).toEqual({ iova: 0x200000n });
    s = build(r.state, { op: 'ioasMap', ioas: 'ioas', pa: '0x0', size: 3 * 4096, prot: 'r' }).state;
    expect(s.ioas.get('ioas')?.areas.map((a) => a.iovaPfn)).toEqual([0, 1, 0x200]);
  });

  it('copy takes pieces of areas (copy_sweep) and refuses a source not fully mapped', () => {
    const s = build(
      bound(),
      { op: 'ioasMap', ioas: 'ioas', iova: '0x10000', pa: '0x800000', size: '16KiB', prot: 'rw' },
      { op: 'ioasAlloc', id: 'dst' },
    ).state;
    expect(
      build(s, {
        op: 'ioasCopy',
        src: 'ioas',
        srcIova: '0x11000',
        dst: 'dst',
        dstIova: '0x5000',
        size: '8KiB',
      }).state.ioas.get('dst')?.areas,
    ).toEqual([{ iovaPfn: 5, pfn: 0x801, pages: 2, read: true, write: true }]);
    refused(s, { op: 'ioasCopy', src: 'ioas', srcIova: '0x13000', dst: 'dst', size: '8KiB' }, 'ENOENT');
    refused(s, { op: 'ioasCopy', src: 'ioas', srcIova: '0xf000', dst: 'dst', size: '8KiB' }, 'ENOENT');
  });
});

describe('HWPTs and attach (selftest mock_domain.replace, alloc_hwpt, alloc_hwpt_nested, device_pasid)', () => {
  it('attaching to an IOAS that holds areas fills the new domain with them (all_aligns_copy)', () => {
    const s = build(
      bound(),
      { op: 'ioasMap', ioas: 'ioas', iova: '0x40000000', pa: '0x80000000', size: '1GiB', prot: 'rw' },
      { op: 'deviceAttach', device: 'nic0', pt: 'ioas' },
    );
    expect(s.result).toEqual({ hwpt: 'ioas.auto0' });
    expect(dma(s.state, { device: 'nic0', iova: '0x7fffffff', access: 'write' })).toMatchObject({
      pa: 0xbfffffffn,
      pageSize: 1 << 30,
    });
    // the auto HWPT's PL4[0] → PL3[1] is a 1 GiB leaf
    const dom = s.state.domains.get('ioas.auto0')!;
    const pl3 = Number(readQword(s.state, dom.pgd!) & 0xffffffffff000n);
    expect(readQword(s.state, pl3 + 8)).toBe(0x80000083n);
  });

  it('maps added later reach every HWPT on the IOAS, and unmaps leave none behind', () => {
    let s = build(
      bound(),
      { op: 'deviceAttach', device: 'nic0', pt: 'ioas' },
      { op: 'bindDevice', device: 'nic1' },
      { op: 'hwptAlloc', id: 'h', device: 'nic1', pt: 'ioas' },
      { op: 'deviceAttach', device: 'nic1', pt: 'h' },
    ).state;
    s = build(s, { op: 'ioasMap', ioas: 'ioas', iova: '0x1000', pa: '0x9000', size: '4KiB', prot: 'rw' }).state;
    expect(dma(s, { device: 'nic0', iova: '0x1000', access: 'read' })).toMatchObject({
      pa: 0x9000n,
      domain: 'ioas.auto0',
    });
    expect(dma(s, { device: 'nic1', iova: '0x1000', access: 'read' })).toMatchObject({ pa: 0x9000n, domain: 'h' });
    s = build(s, { op: 'ioasUnmap', ioas: 'ioas', size: 'all' }).state;
    expect(dma(s, { device: 'nic1', iova: '0x1000', access: 'read' })).toMatchObject({
      outcome: 'fault',
      fault: 'not-mapped',
    });
  });

  it('replace frees the old auto HWPT; replacing back to its id is ENOENT; replacing to the current one is fine', () => {
    let s = build(bound(), { op: 'deviceAttach', device: 'nic0', pt: 'ioas' }, { op: 'ioasAlloc', id: 'ioas2' }).state;
    s = build(s, { op: 'deviceReplace', device: 'nic0', pt: 'ioas2' }).state;
    expect(s.domains.has('ioas.auto0')).toBe(false);
    refused(s, { op: 'deviceReplace', device: 'nic0', pt: 'ioas.auto0' }, 'ENOENT');
    expect(build(s, { op: 'deviceReplace', device: 'nic0', pt: 'ioas2' }).result).toEqual({ hwpt: 'ioas2.auto0' });
  });

  it('destroy is EBUSY while referenced, ENOENT for unknown ids', () => {
    const s = build(
      bound(),
      { op: 'hwptAlloc', id: 'p', device: 'nic0', pt: 'ioas', nestParent: true },
      { op: 'deviceAttach', device: 'nic0', pt: 'p' },
    ).state;
    refused(s, { op: 'destroy', id: 'p' }, 'EBUSY');
    refused(s, { op: 'destroy', id: 'ioas' }, 'EBUSY');
    refused(s, { op: 'destroy', id: 'nope' }, 'ENOENT');
    const s2 = build(
      s,
      { op: 'deviceDetach', device: 'nic0' },
      { op: 'destroy', id: 'p' },
      { op: 'destroy', id: 'ioas' },
    ).state;
    expect(s2.domains.size + s2.ioas.size).toBe(0);
  });

  it('nested allocation rules: parent must be NEST_PARENT, no nesting on nested, stage1 only with a parent', () => {
    const s = build(
      bound(),
      { op: 'createVm', id: 'vm', memory: '16MiB' },
      { op: 'guestTableAlloc', id: 'g', vm: 'vm' },
      { op: 'hwptAlloc', id: 'plain', device: 'nic0', pt: 'ioas' },
      { op: 'hwptAlloc', id: 'parent', device: 'nic0', pt: 'ioas', nestParent: true },
      { op: 'hwptAlloc', id: 'child', device: 'nic0', pt: 'parent', stage1: { table: 'g' } },
    ).state;
    refused(s, { op: 'hwptAlloc', id: 'x', device: 'nic0', pt: 'plain', stage1: { table: 'g' } }, 'EINVAL');
    refused(s, { op: 'hwptAlloc', id: 'x', device: 'nic0', pt: 'child', stage1: { table: 'g' } }, 'EINVAL');
    refused(s, { op: 'hwptAlloc', id: 'x', device: 'nic0', pt: 'ioas', stage1: { table: 'g' } }, 'EINVAL');
    refused(s, { op: 'hwptAlloc', id: 'x', device: 'nic0', pt: 'parent' }, 'EINVAL');
    refused(
      s,
      { op: 'hwptAlloc', id: 'x', device: 'nic0', pt: 'parent', nestParent: true, stage1: { table: 'g' } },
      'EOPNOTSUPP',
    );
    refused(s, { op: 'hwptAlloc', id: 'x', device: 'nic0', pt: 'nope' }, 'ENOENT');
    refused(s, { op: 'destroy', id: 'parent' }, 'EBUSY');
  });

  it('PASID attach: EBUSY when taken, replace needs an attach, detach leaves no-pasid', () => {
    let s = build(
      bound(),
      { op: 'ioasMap', ioas: 'ioas', iova: '0x0', pa: '0x100000', size: '4KiB', prot: 'rw' },
      { op: 'deviceAttach', device: 'nic0', pasid: 100, pt: 'ioas' },
    ).state;
    // Again to the HWPT it already has: success, nothing changes (selftest pasid_attach); another HWPT: EBUSY.
    expect(applyCommand(s, { op: 'deviceAttach', device: 'nic0', pasid: 100, pt: 'ioas' })).toMatchObject({
      ok: true,
      result: { hwpt: 'ioas.auto0' },
    });
    const other = build(s, { op: 'hwptAlloc', id: 'h2', device: 'nic0', pt: 'ioas' }).state;
    refused(other, { op: 'deviceAttach', device: 'nic0', pasid: 100, pt: 'h2' }, 'EBUSY');
    refused(s, { op: 'deviceReplace', device: 'nic0', pasid: 200, pt: 'ioas' }, 'EINVAL');
    refused(s, { op: 'deviceAttach', device: 'nic0', pasid: 0, pt: 'ioas' }, 'EINVAL');
    expect(dma(s, { device: 'nic0', pasid: 100, iova: '0x10', access: 'read' })).toMatchObject({
      pa: 0x100010n,
      pasid: 100,
    });
    expect(dma(s, { device: 'nic0', iova: '0x10', access: 'read' })).toMatchObject({ fault: 'blocked' });
    s = build(s, { op: 'deviceDetach', device: 'nic0', pasid: 100 }).state;
    expect(dma(s, { device: 'nic0', pasid: 100, iova: '0x10', access: 'read' })).toMatchObject({ fault: 'no-pasid' });
    expect(s.domains.has('ioas.auto0')).toBe(false);
  });
});

describe('nested translation and SVA', () => {
  it('a nested walk reads 24 first/second-stage entries for 4-level over 4-level 4 KiB pages', () => {
    const s = build(
      bound(),
      { op: 'createVm', id: 'vm', memory: '16MiB', hpa: '0x10001000' },
      { op: 'ioasMap', ioas: 'ioas', iova: '0x0', pa: '0x10001000', size: '16MiB', prot: 'rw' },
      { op: 'hwptAlloc', id: 'parent', device: 'nic0', pt: 'ioas', nestParent: true },
      { op: 'guestTableAlloc', id: 'g', vm: 'vm' },
      { op: 'guestMap', table: 'g', va: '0x7000000', gpa: '0x5000', size: '4KiB', prot: 'rw' },
      { op: 'hwptAlloc', id: 'child', device: 'nic0', pt: 'parent', stage1: { table: 'g' } },
      { op: 'deviceAttach', device: 'nic0', pt: 'child' },
    ).state;
    const r = dma(s, { device: 'nic0', iova: '0x7000abc', access: 'write' });
    expect(r).toMatchObject({ outcome: 'translated', pa: 0x10006abcn, target: { vm: 'vm', gpa: 0x5abcn } });
    const walk = (r['walk'] as { structure: string }[]).map((w) => w.structure);
    expect(walk.filter((x) => x.startsWith('s1-') || x.startsWith('s2-')).length).toBe(24);
    expect(walk.slice(4, 9)).toEqual(['s2-pl4', 's2-pl3', 's2-pl2', 's2-pl1', 's1-pl4']);
    // Unmapping the guest RAM in the parent reaches the nested domain's cached translation too.
    const hit = applyCommand(s, { op: 'dma', device: 'nic0', iova: '0x7000abc', access: 'write' });
    if (!hit.ok) throw new Error();
    const after = build(hit.state, { op: 'ioasUnmap', ioas: 'ioas', size: 'all' }).state;
    expect(dma(after, { device: 'nic0', iova: '0x7000abc', access: 'write' })).toMatchObject({
      outcome: 'fault',
      fault: 'not-mapped',
    });
  });

  it('SVA: one PASID per process on every device; needs the PASID capability', () => {
    const s = build(
      machine(),
      { op: 'addDevice', id: 'a', bdf: '0000:01:00.0', kind: 'parent', wqs: 1 },
      { op: 'addDevice', id: 'b', bdf: '0000:02:00.0', kind: 'parent', wqs: 1 },
      { op: 'addDevice', id: 'c', bdf: '0000:03:00.0', kind: 'pdev' },
      { op: 'processAlloc', id: 'p' },
      { op: 'processAlloc', id: 'q' },
      { op: 'processMap', process: 'p', va: '0x1000', pa: '0x5000', size: '4KiB', prot: 'rw' },
    ).state;
    const a = build(s, { op: 'svaBind', device: 'a', process: 'p' });
    expect(a.result).toEqual({ pasid: 1, domain: 'p.sva' });
    const b = build(
      a.state,
      { op: 'svaBind', device: 'b', process: 'p' },
      { op: 'svaBind', device: 'a', process: 'q' },
    );
    expect(b.state.processes.get('q')?.pasid).toBe(2);
    expect(b.state.pasidAttach.filter((x) => x.domain === 'p.sva').map((x) => [x.device, x.pasid])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    refused(a.state, { op: 'svaBind', device: 'c', process: 'p' }, 'ENODEV');
    expect(dma(b.state, { device: 'b', pasid: 1, iova: '0x1234', access: 'write' })).toMatchObject({
      pa: 0x5234n,
      domain: 'p.sva',
    });
    expect(dma(b.state, { device: 'a', pasid: 2, iova: '0x1234', access: 'read' })).toMatchObject({
      fault: 'not-mapped',
    });
  });
});
