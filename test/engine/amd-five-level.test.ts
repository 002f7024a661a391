/**
 * AMD-Vi v2 mode on a 57-bit platform: 5-level guest (v2) tables (Linux init.c amd_iommu_gpt_level =
 * PAGE_MODE_5_LEVEL when the CPU has LA57 and EFR.GATS says so; set_dte_gcr3_table writes
 * GUEST_PGTABLE_5_LEVEL in the DTE's GuestPagingMode, bits 183:182). Paging domains, SVA processes and
 * a nested guest's tables are all x86-64 with five levels then; the walk reads pl5 (s1-pl5 nested).
 */
import { describe, expect, it } from 'vitest';
import {
  parseScenarioText,
  type Command,
  type DmaResult,
  type EngineState,
  type WalkStep,
} from '../../src/engine/index.ts';
import { build, dmaStep, entryQwords, faulted, machine, translated } from '../helpers/engine.ts';

/** A DMA that must be accepted: its typed result (translated(r) / faulted(r) narrow it). */
const dma = (state: EngineState, c: Omit<Extract<Command, { op: 'dma' }>, 'op'>) => dmaStep(state, c).r;

const amd57 = () => machine({ iommu: 'amd-vi', addressWidth: 57, hostMemory: '1GiB' });
/** GuestPagingMode: DTE qword 2 bits 55:54. */
const gpt = (entry: WalkStep['entry']) => Number((entryQwords(entry, 3)[2]! >> 54n) & 3n);
const names = (r: DmaResult) => r.walk.map((w) => w.structure);

describe('AMD-Vi 5-level guest tables (57-bit platform)', () => {
  const base = () =>
    build(
      amd57(),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true, pasidBits: 9 },
      { op: 'allocDomain', id: 'wide', type: 'UNMANAGED' },
      { op: 'attach', domain: 'wide', device: 'nic0' },
      { op: 'map', domain: 'wide', iova: '0xff000000001000', pa: '0x200000', size: '8KiB', prot: 'rw' },
    ).state;

  it('the DTE says 5 levels and a paging domain walks pl5 → pl1 above 2^48', () => {
    const s = base();
    const r = translated(dma(s, { device: 'nic0', iova: '0xff000000002008', access: 'write' }));
    expect(r.pa).toBe(0x201008n);
    expect(names(r)).toEqual(['dte', 'gcr3', 'pl5', 'pl4', 'pl3', 'pl2', 'pl1']);
    expect(r.walk[2]!.index).toBe(0xff); // IOVA bits 56:48
    expect(gpt(r.walk[0]!.entry)).toBe(1); // GUEST_PGTABLE_5_LEVEL
    // An IOTLB hit still reads the DTE alone.
    const hit = dma(build(s, { op: 'dma', device: 'nic0', iova: '0xff000000002008', access: 'read' }).state, {
      device: 'nic0',
      iova: '0xff000000002010',
      access: 'read',
    });
    expect(translated(hit)).toMatchObject({ iotlb: 'hit', pa: 0x201010n });
    expect(names(hit)).toEqual(['dte']);
  });

  it('canonical lower half only: 2^56 and above is beyond the width (IO_PAGE_FAULT)', () => {
    const r = faulted(dma(base(), { device: 'nic0', iova: '0x100000000000000', access: 'read' }));
    expect(r.fault).toBe('beyond-width');
    // A 48-bit platform: GuestPagingMode 4 levels, and 2^47 is already beyond.
    const s48 = build(
      machine({ iommu: 'amd-vi', hostMemory: '1GiB' }),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'nic0' },
      { op: 'map', domain: 'd', iova: '0x1000', pa: '0x200000', size: '4KiB', prot: 'rw' },
    ).state;
    const r48 = dma(s48, { device: 'nic0', iova: '0x1000', access: 'read' });
    expect(names(r48)).toEqual(['dte', 'gcr3', 'pl4', 'pl3', 'pl2', 'pl1']);
    expect(gpt(r48.walk[0]!.entry)).toBe(0);
    expect(faulted(dma(s48, { device: 'nic0', iova: '0x800000000000', access: 'read' })).fault).toBe('beyond-width');
  });

  it('SVA: the process table is 5-level like the CPU (LA57), its PASID walks it from pl5', () => {
    const s = build(
      amd57(),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 1 },
      { op: 'processAlloc', id: 'p' },
      { op: 'processMap', process: 'p', va: '0xff7f0000000000', pa: '0x300000', size: '4KiB', prot: 'rw' },
      { op: 'svaBind', device: 'dsa0', process: 'p' },
    ).state;
    const r = translated(dma(s, { device: 'dsa0', pasid: 1, iova: '0xff7f0000000010', access: 'read' }));
    expect(r.pa).toBe(0x300010n);
    expect(names(r)).toEqual(['dte', 'gcr3-l1', 'gcr3', 'pl5', 'pl4', 'pl3', 'pl2', 'pl1']);
    expect(gpt(r.walk[0]!.entry)).toBe(1);
  });

  it("nested: the guest's 5-level table over the host's v1 table (s1-pl5 … s1-pl1)", () => {
    const hpa = 0x4000000;
    const s = build(
      amd57(),
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'createVm', id: 'vm', memory: '16MiB', hpa: '0x' + hpa.toString(16) },
      { op: 'bindDevice', device: 'nic0' },
      { op: 'ioasAlloc', id: 'gpa' },
      { op: 'ioasMap', ioas: 'gpa', iova: '0x0', pa: '0x' + hpa.toString(16), size: '16MiB', prot: 'rw' },
      { op: 'hwptAlloc', id: 's2', device: 'nic0', pt: 'gpa', nestParent: true },
      { op: 'guestTableAlloc', id: 'g', vm: 'vm' },
      { op: 'guestMap', table: 'g', va: '0xff000000400000', gpa: '0x100000', size: '4KiB', prot: 'rw' },
      { op: 'hwptAlloc', id: 's1', device: 'nic0', pt: 's2', stage1: { table: 'g' } },
      { op: 'deviceAttach', device: 'nic0', pt: 's1' },
    ).state;
    const r = translated(dma(s, { device: 'nic0', iova: '0xff000000400abc', access: 'read' }));
    expect(r.pa).toBe(BigInt(hpa + 0x100abc));
    expect(names(r).filter((n) => n.startsWith('s1-'))).toEqual(['s1-pl5', 's1-pl4', 's1-pl3', 's1-pl2', 's1-pl1']);
    expect(gpt(r.walk[0]!.entry)).toBe(1);
  });

  it('widths: 39 is refused with v2 tables, 57 with v1 tables', () => {
    const parse = (platform: object) =>
      parseScenarioText(JSON.stringify({ format: 'pasid-atlas/scenario@1', platform, steps: [] }));
    const v2 = parse({ iommu: 'amd-vi', addressWidth: 39 });
    expect(v2.ok ? '' : v2.message).toMatch(/39 is not available on amd-vi with v2 tables/);
    const v1 = parse({ iommu: 'amd-vi', addressWidth: 57, pageTable: 'v1' });
    expect(v1.ok ? '' : v1.message).toMatch(/57 is not modelled on amd-vi with v1 tables/);
    expect(parse({ iommu: 'amd-vi', addressWidth: 57 }).ok).toBe(true);
  });
});
