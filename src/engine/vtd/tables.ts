/**
 * Programming the VT-d scalable-mode structures in simulated memory, as the Intel driver does:
 * root/context (iommu.c iommu_context_addr, context_entry_set_pasid_table), the PASID directory
 * allocated at probe and its leaf tables allocated on first use (pasid.c intel_pasid_alloc_table,
 * intel_pasid_get_entry), and PASID entries set up and torn down (intel_pasid_setup_second_level,
 * intel_pasid_setup_pass_through, intel_pasid_tear_down_entry).
 */
import type { MemoryDraft } from '../memory.ts';
import { PAGE_SIZE } from '../hex.ts';
import { entryAddr, pointerWords } from '../iommu/entry.ts';
import type { DeviceTables, PasidTableInfo, PasidTarget } from '../iommu/types.ts';
import {
  CONTEXT_ENTRY_SIZE,
  FLPT_DEFAULT_DID,
  P,
  PASID_DIR_ENTRY_SIZE,
  PASID_ENTRY_SIZE,
  PASID_TABLE_MASK,
  PGTT,
  agawOf,
  contextEntryWords,
  pasidEntryWords,
} from './layout.ts';
import { contextEntryAt, pasidDirEntryAt, pasidEntryAt, rootHalfAt } from './locate.ts';

export function allocRootTable(mem: MemoryDraft): number {
  return mem.allocFrame('the root table');
}

/**
 * Allocate the PASID directory for a device, sized like intel_pasid_alloc_table: 2^pasidBits PASIDs
 * for a PASID-capable device (one page per 32768 PASIDs), one page otherwise.
 * Returns its address and, as its size, the context entry's PDTS (directory has 2^(PDTS+7) entries).
 */
export function allocPasidDirectory(
  mem: MemoryDraft,
  pasidCap: boolean,
  pasidBits: number,
  what: string,
): PasidTableInfo {
  const order = pasidCap ? Math.max(0, pasidBits - 15) : 0;
  const pasidDir = mem.allocContiguous(2 ** order, `the PASID directory of ${what}`);
  return { pasidDir, pasidTableSize: order + 2 };
}

/** Address of the device's scalable-mode context entry, allocating its context table if asked. */
function contextEntryAddr(mem: MemoryDraft, root: number, dev: DeviceTables, alloc: boolean): number | null {
  const half = rootHalfAt(root, dev.bus, dev.devfn);
  const lo = mem.word(half, 0);
  let table: number;
  if (lo & P) {
    table = entryAddr(lo, mem.word(half, 1));
  } else {
    if (!alloc) return null;
    table = mem.allocFrame(`the context table of bus ${dev.bus.toString(16)}`);
    mem.write(half, pointerWords(table, P));
  }
  return contextEntryAt(table, dev.devfn);
}

/** Make the device's context entry present, pointing at its PASID directory, RID_PASID = 0. */
export function programContext(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  const addr = contextEntryAddr(mem, root, dev, true);
  if (addr === null) return;
  mem.write(
    addr,
    contextEntryWords({
      pasidDir: dev.pasidDir,
      pdts: dev.pasidTableSize,
      pasidEnable: dev.pasidCap,
      ridPasid: 0,
      dte: dev.ats === true,
    }),
  );
}

/** Clear the device's context entry (domain_context_clear_one); tables stay allocated. */
export function clearContext(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  const addr = contextEntryAddr(mem, root, dev, false);
  if (addr !== null) mem.clear(addr, CONTEXT_ENTRY_SIZE / 4);
}

export function contextPresent(mem: MemoryDraft, root: number, dev: DeviceTables): boolean {
  const addr = contextEntryAddr(mem, root, dev, false);
  return addr !== null && (mem.word(addr, 0) & P) !== 0;
}

/** Address of the PASID entry, allocating its leaf table on first use if asked. */
function pasidEntryAddr(mem: MemoryDraft, dev: DeviceTables, pasid: number, alloc: boolean): number | null {
  const dirEntry = pasidDirEntryAt(dev.pasidDir, pasid);
  const lo = mem.word(dirEntry, 0);
  let table: number;
  if (lo & P) {
    table = entryAddr(lo, mem.word(dirEntry, 1));
  } else {
    if (!alloc) return null;
    table = mem.allocFrame(`a PASID table (PASIDs ${pasid & ~PASID_TABLE_MASK}-${pasid | PASID_TABLE_MASK})`);
    mem.write(dirEntry, pointerWords(table, P));
  }
  return pasidEntryAt(table, pasid);
}

export function setPasidEntry(mem: MemoryDraft, dev: DeviceTables, pasid: number, target: PasidTarget): void {
  const addr = pasidEntryAddr(mem, dev, pasid, true);
  if (addr === null) return;
  mem.write(addr, pasidWordsFor(target));
}

function pasidWordsFor(t: PasidTarget): number[] {
  const aw = agawOf(t.width);
  const flpm = t.width === 57 ? 1 : 0;
  switch (t.kind) {
    case 'second-stage':
      return pasidEntryWords({ pgtt: PGTT.SECOND_ONLY, did: t.did, aw, ssptptr: t.pgd, pwsnp: true });
    case 'pass-through':
      return pasidEntryWords({ pgtt: PGTT.PASS_THROUGH, did: FLPT_DEFAULT_DID, aw, ssptptr: 0, pwsnp: true });
    case 'first-stage':
      return pasidEntryWords({ pgtt: PGTT.FIRST_ONLY, did: t.did, aw, ssptptr: 0, pwsnp: true, fsptptr: t.root, flpm });
    case 'nested':
      return pasidEntryWords({
        pgtt: PGTT.NESTED,
        did: t.did,
        aw,
        ssptptr: t.pgd,
        pwsnp: true,
        fsptptr: t.s1Root,
        flpm,
      });
  }
}

export function clearPasidEntry(mem: MemoryDraft, dev: DeviceTables, pasid: number): void {
  const addr = pasidEntryAddr(mem, dev, pasid, false);
  if (addr !== null) mem.clear(addr, PASID_ENTRY_SIZE / 4);
}

/** Frames the device's PASID directory spans (for inspectors). */
export function pasidDirectoryBytes(pdts: number): number {
  return Math.max(PAGE_SIZE, 2 ** (pdts + 7) * PASID_DIR_ENTRY_SIZE);
}
