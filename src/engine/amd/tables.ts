/**
 * Programming the AMD-Vi device table and GCR3 tables in simulated memory (see layout.ts), as the
 * Linux driver does in v2 mode: a DTE per device (set_dte_entry), its GCR3 table allocated at probe
 * (setup_gcr3_table) and one GCR3 entry per PASID (amd_iommu_set_gcr3, update_gcr3). A NEST_PARENT
 * domain is a v1 (host) table (amd_iommu_domain_alloc_paging_flags: nesting needs the v1 format) and
 * a nested domain's DTE holds it under the guest's GCR3 table (nested.c set_dte_nested).
 */
import { fail } from '../errors.ts';
import type { MemoryDraft } from '../memory.ts';
import { entryAddr } from '../iommu/entry.ts';
import type { DeviceTables, PasidTableInfo, PasidTarget } from '../iommu/types.ts';
import {
  DEV_TABLE_ENTRIES,
  DTE_GIOV_HI,
  DTE_MODE_SHIFT,
  DTE_SIZE,
  DTE_V,
  GCR3_ENTRY_SIZE,
  dteFieldsWords,
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
export function allocGcr3Table(mem: MemoryDraft, pasidCap: boolean, pasidBits: number, what: string): PasidTableInfo {
  const bits = pasidCap ? Math.min(pasidBits, AMD_PASID_BITS) : 0;
  return { pasidDir: mem.allocFrame(`the GCR3 table of ${what}`), pasidTableSize: bits };
}

function glxOf(dev: DeviceTables): number {
  return dev.pasidTableSize > 9 ? 1 : 0;
}

export function dteAddr(root: number, dev: DeviceTables): number {
  return root + ((dev.bus << 8) | dev.devfn) * DTE_SIZE;
}

/** The DTE's host page-table Mode (0: no host table, the device is in v2 mode). */
function hostMode(mem: MemoryDraft, dte: number): number {
  return (mem.word(dte, 0) >>> DTE_MODE_SHIFT) & 0b111;
}

function writeDte(mem: MemoryDraft, root: number, dev: DeviceTables, giov: boolean): void {
  mem.write(dteAddr(root, dev), dteWords(dev.pasidDir, glxOf(dev), dev.tag ?? 0, giov, dev.ats === true));
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

/** Whether a PASID above 0 has a present GCR3 entry (the device's PASID attachments, as the hardware sees them). */
function pasidsInUse(mem: MemoryDraft, dev: DeviceTables): boolean {
  const tables: { at: number; first: number }[] = [];
  if (glxOf(dev) === 0) tables.push({ at: dev.pasidDir, first: 0 });
  else
    for (let i = 0; i < 512; i++) {
      const l1 = dev.pasidDir + i * GCR3_ENTRY_SIZE;
      if (mem.word(l1, 0) & 1) tables.push({ at: entryAddr(mem.word(l1, 0), mem.word(l1, 1)), first: i * 512 });
    }
  return tables.some(({ at, first }) => {
    for (let i = first === 0 ? 1 : 0; i < 512; i++) if (mem.word(at + i * GCR3_ENTRY_SIZE, 0) & 1) return true;
    return false;
  });
}

/**
 * The RID's DTE holds a host (v1) table: for a NEST_PARENT domain (amd_iommu_set_dte_v1) or, with the
 * guest's GCR3 table (a GPA) and GV, for a nested domain (set_dte_nested). PASIDs cannot live beside
 * it: nested_attach_device refuses a device with PASIDs enabled (-EINVAL), and a GCR3 entry would
 * then be walked as a guest table through the host's.
 */
function setHostDte(mem: MemoryDraft, root: number, dev: DeviceTables, target: PasidTarget): void {
  if (pasidsInUse(mem, dev))
    fail(
      'EINVAL',
      `the DTE cannot hold a host (v1) table while PASIDs of the device are attached (they need a PASID-compatible v2 RID domain): detach them first`,
    );
  const at = gcr3Addr(mem, dev, 0, false);
  if (at !== null) mem.clear(at, GCR3_ENTRY_SIZE / 4);
  const ats = dev.ats === true;
  if (target.kind === 'nested')
    mem.write(
      dteAddr(root, dev),
      dteFieldsWords({
        host: { root: target.pgd, levels: target.levels ?? 3 },
        guest: { gcr3: target.context ?? 0, glx: 0, giov: true },
        domainId: target.did,
        access: true,
        ats,
      }),
    );
  else if (target.kind === 'second-stage')
    mem.write(
      dteAddr(root, dev),
      dteFieldsWords({
        host: { root: target.pgd, levels: target.levels ?? 3 },
        domainId: target.did,
        access: true,
        ats,
      }),
    );
}

/** Point a PASID at a domain's v2 table; an identity RID clears GIoV so untagged traffic is not translated. */
export function setGcr3(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number, target: PasidTarget): void {
  const dte = dteAddr(root, dev);
  const hostTable = target.kind === 'nested' || (target.kind === 'second-stage' && target.stage2 === true);
  if (hostTable) {
    if (pasid !== 0)
      fail(
        target.kind === 'nested' ? 'EOPNOTSUPP' : 'EINVAL',
        target.kind === 'nested'
          ? `an AMD-Vi nested domain attaches to a RID only (the guest's GCR3 table holds its PASIDs)`
          : `a NEST_PARENT domain is a v1 (host) table: a GCR3 entry can only point at a v2 table`,
      );
    return setHostDte(mem, root, dev, target);
  }
  const valid = (mem.word(dte, 0) & DTE_V) !== 0;
  if (pasid !== 0 && valid && hostMode(mem, dte) !== 0)
    fail(
      'EINVAL',
      `the device's RID holds a host (v1) table, which is not PASID-compatible: replace it with a v2 domain before attaching PASIDs`,
    );
  if (target.kind === 'pass-through') {
    if (pasid === 0) writeDte(mem, root, dev, false);
    return;
  }
  const table = target.kind === 'first-stage' ? target.root : target.pgd;
  if (!valid || (pasid === 0 && ((mem.word(dte, 1) & DTE_GIOV_HI) === 0 || hostMode(mem, dte) !== 0)))
    writeDte(mem, root, dev, true);
  const addr = gcr3Addr(mem, dev, pasid, true);
  if (addr !== null) mem.write(addr, gcr3EntryWords(table));
}

export function clearGcr3(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number): void {
  const dte = dteAddr(root, dev);
  if (
    pasid === 0 &&
    (mem.word(dte, 0) & DTE_V) !== 0 &&
    ((mem.word(dte, 1) & DTE_GIOV_HI) === 0 || hostMode(mem, dte) !== 0)
  )
    writeDte(mem, root, dev, true);
  const addr = gcr3Addr(mem, dev, pasid, false);
  if (addr !== null) mem.clear(addr, GCR3_ENTRY_SIZE / 4);
}

/**
 * The guest's own GCR3 table for a nested domain: the guest's vIOMMU driver allocates it in guest RAM
 * and passes its GPA in the gDTE (iommu_hwpt_amd_guest); entry 0 (untagged traffic, GIoV) points at
 * the guest's v2 table. `alloc` takes a zeroed guest page; `write` writes at a GPA.
 */
export function buildGuestGcr3(
  space: { write(gpa: number, words: ArrayLike<number>): void; allocTable(): number },
  s1Root: number,
): number {
  const gcr3 = space.allocTable();
  space.write(gcr3, gcr3EntryWords(s1Root));
  return gcr3;
}
