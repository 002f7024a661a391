/**
 * Where VT-d scalable-mode entries sit (VT-d §3.4.3, §9.1-9.6; kernel iommu_context_addr,
 * intel_pasid_get_entry): the one copy of the root → context → PASID directory → PASID table
 * arithmetic, shared by programming (tables.ts), the walk (translate.ts), the table dumps
 * (inspect/) and the debugfs export.
 */
import {
  CONTEXT_ENTRY_SIZE,
  PASID_DIR_ENTRY_SIZE,
  PASID_ENTRY_SIZE,
  PASID_PDE_SHIFT,
  PASID_TABLE_MASK,
  ROOT_ENTRY_SIZE,
  ROOT_UPPER_DEVFN,
} from './layout.ts';

/** The root entry of `bus` (qword 0 serves devfn 0-127, qword 1 devfn 128-255). */
export function rootEntryAt(rootTable: number, bus: number): number {
  return rootTable + bus * ROOT_ENTRY_SIZE;
}

/** The root-entry half (LCTP or UCTP) that points at the context table holding `devfn`. */
export function rootHalfAt(rootTable: number, bus: number, devfn: number): number {
  return rootEntryAt(rootTable, bus) + (devfn >= ROOT_UPPER_DEVFN ? 8 : 0);
}

/** Index of `devfn` in its (128-entry) scalable-mode context table. */
export function contextIndex(devfn: number): number {
  return devfn & 0x7f;
}

export function contextEntryAt(contextTable: number, devfn: number): number {
  return contextTable + contextIndex(devfn) * CONTEXT_ENTRY_SIZE;
}

/** PASID[19:6] indexes the directory. */
export function pasidDirIndex(pasid: number): number {
  return pasid >>> PASID_PDE_SHIFT;
}

export function pasidDirEntryAt(pasidDir: number, pasid: number): number {
  return pasidDir + pasidDirIndex(pasid) * PASID_DIR_ENTRY_SIZE;
}

/** PASID[5:0] indexes the 64-entry PASID table. */
export function pasidTableIndex(pasid: number): number {
  return pasid & PASID_TABLE_MASK;
}

export function pasidEntryAt(pasidTable: number, pasid: number): number {
  return pasidTable + pasidTableIndex(pasid) * PASID_ENTRY_SIZE;
}

/** The directory has 2^(PDTS+7) entries (context entry bits 11:9). */
export function pasidDirEntries(pdts: number): number {
  return 1 << (pdts + 7);
}
