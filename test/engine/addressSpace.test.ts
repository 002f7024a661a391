/** map / unmap and the /dev/ioasid-style ops, checked against the page tables in memory. */
import { describe, expect, it } from 'vitest';
import { applyCommand, type Command } from '../../src/engine/index.ts';
import { SEED_DEVICES, build, machine, readQword, refused } from '../helpers/engine.ts';

const withDomain = () =>
  build(
    machine(),
    ...SEED_DEVICES,
    { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
    { op: 'attach', domain: 'd', device: 'nic0' },
  ).state;

function translate(state: ReturnType<typeof withDomain>, iova: string) {
  const r = applyCommand(state, { op: 'dma', device: 'nic0', iova, access: 'read' });
  if (!r.ok) throw new Error(r.error.message);
  return r.result;
}

describe('map', () => {
  it('writes a 1 GiB leaf at PL3 when IOVA, PA and size allow it', () => {
    const { state } = build(withDomain(), {
      op: 'map',
      domain: 'd',
      iova: '0x40000000',
      pa: '0xc0000000',
      size: '1GiB',
      prot: 'rw',
    });
    const pgd = state.domains.get('d')?.pgd ?? 0;
    const pl4 = readQword(state, pgd);
    const pl3 = Number(pl4 & 0xffffffffff000n);
    // PL3 entry 1: 0xc0000000 | PS | W | R.
    expect(readQword(state, pl3 + 8)).toBe(0xc0000083n);
  });

  it('records mappings and leaf counts', () => {
    const { state, result } = build(withDomain(), {
      op: 'map',
      domain: 'd',
      iova: '0x1ff000',
      pa: '0x3ff000',
      size: '2MiB',
      prot: 'r',
    });
    expect(result).toEqual({ mapped: 2 << 20, leaves: { '4KiB': 512, '2MiB': 0, '1GiB': 0 } });
    expect(state.domains.get('d')?.mappings).toEqual([
      { iovaPfn: 0x1ff, pfn: 0x3ff, pages: 512, read: true, write: false },
    ]);
  });

  it.each<[string, Command, string]>([
    ['an unaligned iova', { op: 'map', domain: 'd', iova: '0x1001', pa: '0x0', size: '4KiB', prot: 'r' }, 'EINVAL'],
    ['an unaligned pa', { op: 'map', domain: 'd', iova: '0x1000', pa: '0x10', size: '4KiB', prot: 'r' }, 'EINVAL'],
    [
      'a size not a 4KiB multiple',
      { op: 'map', domain: 'd', iova: '0x1000', pa: '0x0', size: 6000, prot: 'r' },
      'EINVAL',
    ],
    ['a zero size', { op: 'map', domain: 'd', iova: '0x1000', pa: '0x0', size: 0, prot: 'r' }, 'EINVAL'],
    [
      'an iova beyond the width',
      { op: 'map', domain: 'd', iova: '0x1000000000000', pa: '0x0', size: '4KiB', prot: 'r' },
      'EINVAL',
    ],
    [
      'a range running past the width',
      { op: 'map', domain: 'd', iova: '0xfffffffff000', pa: '0x0', size: '8KiB', prot: 'r' },
      'EINVAL',
    ],
    ['an overlap', { op: 'map', domain: 'd', iova: '0x8000', pa: '0x0', size: '8KiB', prot: 'r' }, 'EEXIST'],
    ['a missing domain', { op: 'map', domain: 'x', iova: '0x0', pa: '0x0', size: '4KiB', prot: 'r' }, 'ENOENT'],
  ])('refuses %s', (_n, cmd, code) => {
    refused(
      build(withDomain(), { op: 'map', domain: 'd', iova: '0x9000', pa: '0x0', size: '4KiB', prot: 'r' }).state,
      cmd,
      code,
    );
  });

  it('refuses IDENTITY and BLOCKED domains', () => {
    const { state } = build(
      machine(),
      { op: 'allocDomain', id: 'i', type: 'IDENTITY' },
      { op: 'allocDomain', id: 'b', type: 'BLOCKED' },
    );
    refused(state, { op: 'map', domain: 'i', iova: '0x0', pa: '0x0', size: '4KiB', prot: 'r' }, 'EINVAL');
    refused(state, { op: 'unmap', domain: 'b', iova: '0x0', size: '4KiB' }, 'EINVAL');
  });
});

describe('unmap', () => {
  it('removes exactly the range, splits the mapping and frees covered tables', () => {
    const s1 = build(withDomain(), {
      op: 'map',
      domain: 'd',
      iova: '0x0',
      pa: '0x100000',
      size: '16KiB',
      prot: 'rw',
    }).state;
    const { state, result } = build(s1, { op: 'unmap', domain: 'd', iova: '0x1000', size: '8KiB' });
    expect(result).toEqual({ unmapped: 8192 });
    expect(state.domains.get('d')?.mappings.map((m) => [m.iovaPfn, m.pfn, m.pages])).toEqual([
      [0, 0x100, 1],
      [3, 0x103, 1],
    ]);
    expect(translate(state, '0x1000')).toMatchObject({ fault: 'not-mapped' });
    expect(translate(state, '0x3000')).toMatchObject({ pa: 0x103000n });
    const empty = build(state, { op: 'unmap', domain: 'd', iova: '0x0', size: '1GiB' }).state;
    expect(empty.memory.frames.size).toBe(s1.memory.frames.size - 2);
  });

  it('a partly covered large page goes whole (intel_iommu_unmap)', () => {
    const s = build(withDomain(), {
      op: 'map',
      domain: 'd',
      iova: '0x200000',
      pa: '0x400000',
      size: '2MiB',
      prot: 'rw',
    }).state;
    expect(build(s, { op: 'unmap', domain: 'd', iova: '0x201000', size: '4KiB' }).result).toEqual({
      unmapped: 2 << 20,
    });
  });

  it('ENOENT when nothing is mapped there', () => {
    refused(withDomain(), { op: 'unmap', domain: 'd', iova: '0x0', size: '4KiB' }, 'ENOENT');
  });
});

describe('IOASIDs', () => {
  it('an IOASID owns one UNMANAGED domain; map and attach go through it', () => {
    const { state, result } = build(machine(), ...SEED_DEVICES, { op: 'ioasidAlloc', id: 'gpa' });
    expect(result).toEqual({ domain: 'gpa.domain', did: 2 });
    const s = build(
      state,
      { op: 'ioasidMap', ioasid: 'gpa', iova: '0x0', pa: '0x200000', size: '2MiB', prot: 'rw' },
      { op: 'ioasidAttach', ioasid: 'gpa', device: 'nic0' },
      { op: 'ioasidUnmap', ioasid: 'gpa', iova: '0x0', size: '4KiB' },
    ).state;
    expect(s.domains.get('gpa.domain')).toMatchObject({ type: 'UNMANAGED', ioasid: 'gpa', mappings: [] });
    expect(s.devices.get('nic0')?.primary).toBe('gpa.domain');
  });

  it('refuses a taken id and a missing IOASID', () => {
    const { state } = build(machine(), { op: 'ioasidAlloc', id: 'gpa' });
    refused(state, { op: 'ioasidAlloc', id: 'gpa' }, 'EEXIST');
    refused(state, { op: 'ioasidMap', ioasid: 'nope', iova: '0x0', pa: '0x0', size: '4KiB', prot: 'r' }, 'ENOENT');
  });
});
