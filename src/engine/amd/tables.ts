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

/**
 * PASID bits of the simulated unit: EFR.PASmax = 15, 16-bit PASIDs. Linux refuses more
 * (init.c iommu_init_pci: BUG_ON(max_pasids & ~PASID_MASK), PASID_MASK 0xffff: "the current driver
 * only supports 16-bit PASID"), so a GCR3 table Linux builds has one or two levels (GLX 0 or 1). The
 * hardware's third level (GLX = 2, PASmax 19) is walked, but only a hand-built table reaches it.
 */
export const AMD_PASID_BITS = 16;

/** The device table: one contiguous 2 MiB table, 65,536 DTEs. */
export function allocDeviceTable(mem: MemoryDraft): number {
  return mem.allocContiguous((DEV_TABLE_ENTRIES * DTE_SIZE) / 4096, 'the device table');
}

/** The device's GCR3 root table, allocated at probe: its size field is the PASID bits it covers. */
export function allocGcr3Table(mem: MemoryDraft, pasidCap: boolean, pasidBits: number, what: string): PasidTableInfo {
  const bits = pasidCap ? Math.min(pasidBits, AMD_PASID_BITS) : 0;
  return { pasidDir: mem.allocFrame(`the GCR3 table of ${what}`), pasidTableSize: bits };
}

/**
 * GLX, the GCR3 table's levels - 1, as setup_gcr3_table picks it (iommu.c get_gcr3_levels): 9 PASID
 * bits per 4 KiB level, DIV_ROUND_UP(get_count_order(max_pasids), 9) - 1, where max_pasids is the
 * device's PASID count capped by the unit's (a device without PASIDs gets one entry: GLX 0).
 */
export function glxOfBits(bits: number): number {
  return bits <= 0 ? 0 : Math.ceil(bits / 9) - 1;
}

function glxOf(dev: DeviceTables): number {
  return glxOfBits(dev.pasidTableSize);
}

/** The index of `pasid` in the GCR3 table level `level` (0 = the leaf): __get_gcr3_pte's (pasid >> 9·level) & 0x1ff. */
export function gcr3Index(pasid: number, level: number): number {
  return Math.floor(pasid / 2 ** (9 * level)) & 511;
}

export function dteAddr(root: number, dev: DeviceTables): number {
  return root + ((dev.bus << 8) | dev.devfn) * DTE_SIZE;
}

/** The DTE's host page-table Mode (0: no host table, the device is in v2 mode). */
function hostMode(mem: MemoryDraft, dte: number): number {
  return (mem.word(dte, 0) >>> DTE_MODE_SHIFT) & 0b111;
}

/**
 * Guest (v2) table levels, the DTE's GuestPagingMode: 4, or 5 when the platform has 5-level tables
 * (init.c: amd_iommu_gpt_level = PAGE_MODE_5_LEVEL when the CPU has LA57 and EFR.GATS says 5 levels;
 * set_dte_gcr3_table writes GUEST_PGTABLE_5_LEVEL then).
 */
export type GuestLevels = 4 | 5;

function writeDte(mem: MemoryDraft, root: number, dev: DeviceTables, giov: boolean, gpt: GuestLevels): void {
  mem.write(dteAddr(root, dev), dteWords(dev.pasidDir, glxOf(dev), dev.tag ?? 0, giov, dev.ats === true, gpt));
}

/** Make the DTE valid: guest (v2) translation through the GCR3 table, untagged traffic via GCR3[0]. */
export function programDte(mem: MemoryDraft, root: number, dev: DeviceTables, gpt: GuestLevels = 4): void {
  if ((mem.word(dteAddr(root, dev), 0) & DTE_V) === 0) writeDte(mem, root, dev, true, gpt);
}

export function clearDte(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  mem.clear(dteAddr(root, dev), DTE_SIZE / 4);
}

/**
 * The GCR3 entry of `pasid` (__get_gcr3_pte): from the root down GLX levels of 512 entries each,
 * allocating a missing lower-level table when `alloc`; null when one is missing and `alloc` is false.
 */
function gcr3Addr(mem: MemoryDraft, dev: DeviceTables, pasid: number, alloc: boolean): number | null {
  let table = dev.pasidDir;
  for (let level = glxOf(dev); level > 0; level--) {
    const at = table + gcr3Index(pasid, level) * GCR3_ENTRY_SIZE;
    const lo = mem.word(at, 0);
    if (lo & 1) {
      table = entryAddr(lo, mem.word(at, 1));
      continue;
    }
    if (!alloc) return null;
    const span = 2 ** (9 * level);
    table = mem.allocFrame(`a GCR3 level-${level - 1} table (PASIDs from ${Math.floor(pasid / span) * span})`);
    mem.write(at, gcr3EntryWords(table));
  }
  return table + gcr3Index(pasid, 0) * GCR3_ENTRY_SIZE;
}

/** Where (device, PASID)'s GCR3 entry is, or null when a level above it was never allocated. */
export function gcr3EntryAt(mem: MemoryDraft, dev: DeviceTables, pasid: number): number | null {
  return gcr3Addr(mem, dev, pasid, false);
}

/** Whether a PASID above 0 has a present GCR3 entry (the device's PASID attachments, as the hardware sees them). */
function pasidsInUse(mem: MemoryDraft, dev: DeviceTables): boolean {
  const visit = (table: number, level: number, first: number): boolean => {
    for (let i = 0; i < 512; i++) {
      const at = table + i * GCR3_ENTRY_SIZE;
      const lo = mem.word(at, 0);
      if ((lo & 1) === 0) continue;
      const pasid = first + i * 2 ** (9 * level);
      // PASID 0 is the RID's own entry (untagged traffic, GIoV): it does not count.
      if (level === 0 ? pasid !== 0 : visit(entryAddr(lo, mem.word(at, 1)), level - 1, pasid)) return true;
    }
    return false;
  };
  return visit(dev.pasidDir, glxOf(dev), 0);
}

/**
 * The RID's DTE holds a host (v1) table: for a NEST_PARENT domain (amd_iommu_set_dte_v1) or, with the
 * guest's GCR3 table (a GPA) and GV, for a nested domain (set_dte_nested). PASIDs cannot live beside
 * it: nested_attach_device refuses a device with PASIDs enabled (-EINVAL), and a GCR3 entry would
 * then be walked as a guest table through the host's.
 */
function setHostDte(mem: MemoryDraft, root: number, dev: DeviceTables, target: PasidTarget, gpt: GuestLevels): void {
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
        guest: { gcr3: target.context ?? 0, glx: 0, giov: true, levels: gpt },
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
export function setGcr3(
  mem: MemoryDraft,
  root: number,
  dev: DeviceTables,
  pasid: number,
  target: PasidTarget,
  gpt: GuestLevels = 4,
): void {
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
    return setHostDte(mem, root, dev, target, gpt);
  }
  // dev_data->max_pasids = min(the unit's (1 << (PASmax + 1)) - 1, the device's 1 << width): PASIDs from
  // it up are refused (pasid.c is_pasid_valid: 0 < pasid < max_pasids; iommu-sva.c checks an mm's
  // PASID against the device's max_pasids too). The table covers min(device, unit) bits; at the
  // unit's width its last PASID is out.
  const bits = dev.pasidTableSize;
  const maxPasids = bits >= AMD_PASID_BITS ? 2 ** bits - 1 : 2 ** bits;
  if (pasid !== 0 && pasid >= maxPasids)
    fail(
      'EINVAL',
      `PASID ${pasid} is beyond the ${maxPasids} PASIDs ${bits >= AMD_PASID_BITS ? 'this AMD-Vi unit supports (EFR.PASmax: 16 bits)' : `of the device's ${bits}-bit PASID capability`}`,
    );
  const valid = (mem.word(dte, 0) & DTE_V) !== 0;
  if (pasid !== 0 && valid && hostMode(mem, dte) !== 0)
    fail(
      'EINVAL',
      `the device's RID holds a host (v1) table, which is not PASID-compatible: replace it with a v2 domain before attaching PASIDs`,
    );
  if (target.kind === 'pass-through') {
    if (pasid === 0) writeDte(mem, root, dev, false, gpt);
    return;
  }
  const table = target.kind === 'first-stage' ? target.root : target.pgd;
  if (!valid || (pasid === 0 && ((mem.word(dte, 1) & DTE_GIOV_HI) === 0 || hostMode(mem, dte) !== 0)))
    writeDte(mem, root, dev, true, gpt);
  const addr = gcr3Addr(mem, dev, pasid, true);
  if (addr !== null) mem.write(addr, gcr3EntryWords(table));
}

export function clearGcr3(
  mem: MemoryDraft,
  root: number,
  dev: DeviceTables,
  pasid: number,
  gpt: GuestLevels = 4,
): void {
  const dte = dteAddr(root, dev);
  if (
    pasid === 0 &&
    (mem.word(dte, 0) & DTE_V) !== 0 &&
    ((mem.word(dte, 1) & DTE_GIOV_HI) === 0 || hostMode(mem, dte) !== 0)
  )
    writeDte(mem, root, dev, true, gpt);
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
