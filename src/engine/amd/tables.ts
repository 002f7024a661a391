/** Programming the AMD-Vi device table and GCR3 tables in simulated memory (see layout.ts). */
import type { MemoryDraft } from '../memory.ts';
import { entryAddr } from '../vtd/layout.ts';
import type { DeviceTables, PasidTarget } from '../vtd/tables.ts';
import {
  DEV_TABLE_ENTRIES,
  DTE_GIOV_HI,
  DTE_SIZE,
  DTE_V,
  GCR3_ENTRY_SIZE,
  dteWords,
  gcr3EntryWords,
} from './layout.ts';

/** AMD parts report at most 16 PASID bits (EFR.PASmax). */
export const AMD_PASID_BITS = 16;

/** The device table: one contiguous 2 MiB table, 65,536 DTEs. */
export function allocDeviceTable(mem: MemoryDraft): number {
  return mem.allocContiguous((DEV_TABLE_ENTRIES * DTE_SIZE) / 4096, 'the device table');
}

/** The device's GCR3 root table: one level for up to 512 PASIDs, two above (setup_gcr3_table). */
export function allocGcr3Table(
  mem: MemoryDraft,
  pasidCap: boolean,
  pasidBits: number,
  what: string,
): { pasidDir: number; pdts: number } {
  const bits = pasidCap ? Math.min(pasidBits, AMD_PASID_BITS) : 0;
  return { pasidDir: mem.allocFrame(`the GCR3 table of ${what}`), pdts: bits };
}

function glxOf(dev: DeviceTables): number {
  return dev.pdts > 9 ? 1 : 0;
}

function dteAddr(root: number, dev: DeviceTables): number {
  return root + ((dev.bus << 8) | dev.devfn) * DTE_SIZE;
}

function writeDte(mem: MemoryDraft, root: number, dev: DeviceTables, giov: boolean): void {
  mem.write(dteAddr(root, dev), dteWords(dev.pasidDir, glxOf(dev), dev.tag ?? 0, giov));
}

/** Make the DTE valid: guest (v2) translation through the GCR3 table, untagged traffic via GCR3[0]. */
export function programDte(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  if ((mem.word(dteAddr(root, dev), 0) & DTE_V) === 0) writeDte(mem, root, dev, true);
}

export function clearDte(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  mem.clear(dteAddr(root, dev), DTE_SIZE / 4);
}

function gcr3Addr(mem: MemoryDraft, dev: DeviceTables, pasid: number, alloc: boolean): number | null {
  if (glxOf(dev) === 0) return dev.pasidDir + pasid * GCR3_ENTRY_SIZE;
  const l1 = dev.pasidDir + (pasid >>> 9) * GCR3_ENTRY_SIZE;
  const lo = mem.word(l1, 0);
  let table: number;
  if (lo & 1) {
    table = entryAddr(lo, mem.word(l1, 1));
  } else {
    if (!alloc) return null;
    table = mem.allocFrame(`a GCR3 table (PASIDs from ${pasid & ~511})`);
    mem.write(l1, gcr3EntryWords(table));
  }
  return table + (pasid & 511) * GCR3_ENTRY_SIZE;
}

/** Point a PASID at a domain's v2 table; an identity RID clears GIoV so untagged traffic is not translated. */
export function setGcr3(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number, target: PasidTarget): void {
  if (target.kind === 'pass-through') {
    if (pasid === 0) writeDte(mem, root, dev, false);
    return;
  }
  if (target.kind !== 'second-stage') throw new Error(`AMD-Vi: ${target.kind} entries are not modelled`);
  const dte = dteAddr(root, dev);
  if ((mem.word(dte, 0) & DTE_V) === 0 || (pasid === 0 && (mem.word(dte, 1) & DTE_GIOV_HI) === 0))
    writeDte(mem, root, dev, true);
  const addr = gcr3Addr(mem, dev, pasid, true);
  if (addr !== null) mem.write(addr, gcr3EntryWords(target.pgd));
}

export function clearGcr3(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number): void {
  const dte = dteAddr(root, dev);
  if (pasid === 0 && (mem.word(dte, 0) & DTE_V) !== 0 && (mem.word(dte, 1) & DTE_GIOV_HI) === 0)
    writeDte(mem, root, dev, true);
  const addr = gcr3Addr(mem, dev, pasid, false);
  if (addr !== null) mem.clear(addr, GCR3_ENTRY_SIZE / 4);
}
