/**
 * The Intel IOMMU debugfs dumps, printed from the model's simulated memory exactly as the Linux
 * kernel prints them from real memory (drivers/iommu/intel/debugfs.c):
 *
 *  - `dmar_translation_struct` (root_tbl_walk → ctx_tbl_walk → pasid_dir_walk → pasid_tbl_walk →
 *    print_tbl_walk): one line per present PASID-table entry of every present context entry.
 *  - `domain_translation_struct` in its per-device / per-PASID form (Linux 6.7+, Jingqi Liu 2023:
 *    /sys/kernel/debug/iommu/intel/<dev>/domain_translation_struct and <dev>/<pasid>/…): the
 *    PASID entry's page table walked by pgtable_walk_level, one line per present leaf with the
 *    raw entry at every level (dump_page_info).
 *
 * Everything is read from `state.memory.frames`, the way the kernel reads through phys_to_virt;
 * the software records (devices, domains) are used only to know which device/PASID to dump.
 * The model has one remapping unit, named `dmar0` like the kernel's first unit, with translation
 * enabled (GSTS.TES) in scalable mode (RTADDR.SMT), so the scalable branches are the ones taken.
 */
import type { EngineState } from '../model.ts';
import {
  CTX_PDTS_MASK,
  CTX_PDTS_SHIFT,
  P,
  PASID_PDE_SHIFT,
  PASID_TABLE_MASK,
  PE_AW_MASK,
  PE_AW_SHIFT,
  PE_PGTT_MASK,
  PE_PGTT_SHIFT,
  PGTT,
  PTE_SIZE,
  SL_PS,
  SL_R,
  SL_W,
} from '../vtd/layout.ts';
import {
  contextEntryAt,
  pasidDirEntries,
  pasidDirEntryAt,
  pasidEntryAt,
  rootEntryAt,
  rootHalfAt,
} from '../vtd/locate.ts';
import { readQword } from '../frames.ts';

/** The kernel names units dmar0, dmar1…; the model has one. */
export const IOMMU_NAME = 'dmar0';
/** IOMMU_NO_PASID: what the per-device (not per-PASID) file dumps. */
export const NO_PASID = 0;

/** Column header of dmar_translation_struct (root_tbl_walk's seq_puts). */
export const DMAR_HEADER = 'B.D.F\tRoot_entry\t\t\t\tContext_entry\t\t\t\tPASID\tPASID_table_entry';

/**
 * Column header of domain_translation_struct since Linux 6.7:
 * seq_printf("%-17s\t%-18s\t%-18s\t%-18s\t%-18s\t%-s\n", "IOVA_PFN", "PML5E", "PML4E", "PDPE", "PDE", "PTE").
 */
export const DOMAIN_HEADER = `${'IOVA_PFN'.padEnd(17)}\t${'PML5E'.padEnd(18)}\t${'PML4E'.padEnd(18)}\t${'PDPE'.padEnd(18)}\t${'PDE'.padEnd(18)}\tPTE`;

type Frames = EngineState['memory']['frames'];

/** A 64-bit memory quantity as bigint (the kernel's u64). */
const q = readQword;

const VTD_PAGE_MASK = ~0xfffn & 0xffff_ffff_ffff_ffffn;

/** printf("%0Nllx") of an unsigned 64-bit value. */
function hexw(v: bigint, width: number): string {
  return v.toString(16).padStart(width, '0');
}
/** printf("0x%016llx"). */
function x16(v: bigint): string {
  return '0x' + hexw(v, 16);
}
/** printf("%02x:%02x.%x", bus, PCI_SLOT(devfn), PCI_FUNC(devfn)). */
function bdfShort(bus: number, devfn: number): string {
  return `${bus.toString(16).padStart(2, '0')}:${(devfn >> 3).toString(16).padStart(2, '0')}.${(devfn & 7).toString(16)}`;
}

/**
 * iommu_context_addr(iommu, bus, devfn, 0) in scalable mode: the root entry's lower half serves
 * devfn 0-127, the upper half 128-255; NULL when that half is not present.
 */
function contextAddr(frames: Frames, root: number, bus: number, devfn: number): number | null {
  const e = q(frames, rootHalfAt(root, bus, devfn));
  if ((e & BigInt(P)) === 0n) return null;
  return contextEntryAt(Number(e & VTD_PAGE_MASK), devfn);
}

/** One present PASID-table entry as dmar_translation_struct shows it. */
export interface DmarRow {
  readonly bus: number;
  readonly devfn: number;
  readonly rootHi: bigint;
  readonly rootLo: bigint;
  readonly ctxHi: bigint;
  readonly ctxLo: bigint;
  readonly pasid: number;
  /** val[0], val[1], val[2] of the PASID entry. */
  readonly val: readonly [bigint, bigint, bigint];
}

/** The walk of root_tbl_walk, as data (the printer and the tests use it). */
export function dmarRows(state: EngineState): DmarRow[] {
  const frames = state.memory.frames;
  const rows: DmarRow[] = [];
  for (let bus = 0; bus < 256; bus++) {
    const rootAddr = rootEntryAt(state.rootTable, bus);
    for (let devfn = 0; devfn < 256; devfn++) {
      const ctx = contextAddr(frames, state.rootTable, bus, devfn);
      // ctx_tbl_walk returns (not continues) when iommu_context_addr gives NULL: as in the kernel,
      // a bus whose lower half is absent shows none of its devfn 128-255 either.
      if (ctx === null) break;
      const ctxLo = q(frames, ctx);
      if ((ctxLo & BigInt(P)) === 0n) continue;
      const ctxHi = q(frames, ctx + 8);
      const rootLo = q(frames, rootAddr);
      const rootHi = q(frames, rootAddr + 8);
      // Scalable mode (RTADDR.SMT): pasid_dir_walk over get_pasid_dir_size() = 2^(PDTS+7) entries.
      const dir = Number(ctxLo & VTD_PAGE_MASK);
      const dirSize = pasidDirEntries((Number(ctxLo & 0xffffn) & CTX_PDTS_MASK) >>> CTX_PDTS_SHIFT);
      for (let dirIdx = 0; dirIdx < dirSize; dirIdx++) {
        const pde = q(frames, pasidDirEntryAt(dir, dirIdx << PASID_PDE_SHIFT));
        if ((pde & BigInt(P)) === 0n) continue; // get_pasid_table_from_pde() gives NULL
        const table = Number(pde & VTD_PAGE_MASK);
        for (let tblIdx = 0; tblIdx <= PASID_TABLE_MASK; tblIdx++) {
          const pe = pasidEntryAt(table, tblIdx);
          const v0 = q(frames, pe);
          if ((v0 & BigInt(P)) === 0n) continue; // pasid_pte_is_present()
          rows.push({
            bus,
            devfn,
            rootHi,
            rootLo,
            ctxHi,
            ctxLo,
            pasid: (dirIdx << PASID_PDE_SHIFT) + tblIdx,
            val: [v0, q(frames, pe + 8), q(frames, pe + 16)],
          });
        }
      }
    }
  }
  return rows;
}

/** print_tbl_walk: "%02x:%02x.%x\t0x%016llx:0x%016llx\t0x%016llx:0x%016llx\t" then "%-6d\t0x%016llx:0x%016llx:0x%016llx\n". */
export function formatDmarRow(r: DmarRow): string {
  return (
    `${bdfShort(r.bus, r.devfn)}\t${x16(r.rootHi)}:${x16(r.rootLo)}\t${x16(r.ctxHi)}:${x16(r.ctxLo)}\t` +
    `${String(r.pasid).padEnd(6)}\t${x16(r.val[2])}:${x16(r.val[1])}:${x16(r.val[0])}`
  );
}

/**
 * /sys/kernel/debug/iommu/intel/dmar_translation_struct for the model's state (dmar_translation_struct_show):
 * "IOMMU %s: Root Table Address: 0x%llx\n", the header, one line per present PASID entry, then an empty line.
 */
export function dmarTranslationStruct(state: EngineState): string {
  const lines = [`IOMMU ${IOMMU_NAME}: Root Table Address: 0x${state.rootTable.toString(16)}`, DMAR_HEADER];
  for (const r of dmarRows(state)) lines.push(formatDmarRow(r));
  return lines.join('\n') + '\n\n';
}

/** One present leaf: IOVA page number and the raw entry at each level (index = level, 1..5; 0 = not on the path). */
export interface LeafLine {
  readonly iovaPfn: bigint;
  readonly path: readonly bigint[]; // length 6, path[level]
}

/** pgtable_walk_level: depth-first over present entries ((val & 3) != 0), a leaf at level 1 or with PS set. */
function walkLevel(frames: Frames, table: number, level: number, start: bigint, path: bigint[], out: LeafLine[]): void {
  if (level > 5 || level < 1) return;
  const span = 1n << BigInt(12 + 9 * (level - 1));
  for (let i = 0; i < 512; i++) {
    const pde = q(frames, table + i * PTE_SIZE);
    const iova = start + BigInt(i) * span;
    if ((pde & BigInt(SL_R | SL_W)) === 0n) continue; // dma_pte_present()
    path[level] = pde;
    if ((pde & BigInt(SL_PS)) !== 0n || level === 1) out.push({ iovaPfn: iova >> 12n, path: [...path] });
    else walkLevel(frames, Number(pde & VTD_PAGE_MASK & 0x000f_ffff_ffff_f000n), level - 1, iova, path, out);
    path[level] = 0n;
  }
}

/**
 * dump_page_info since Linux 6.7 (PDE and PTE columns only when that level is on the path):
 * "0x%013lx |\t0x%016llx\t0x%016llx\t0x%016llx" [+ "\t0x%016llx" path[2] [+ "\t0x%016llx" path[1]]].
 */
export function formatLeafLine(l: LeafLine): string {
  const p = (lvl: number) => l.path[lvl] ?? 0n;
  let s = `0x${hexw(l.iovaPfn, 13)} |\t${x16(p(5))}\t${x16(p(4))}\t${x16(p(3))}`;
  if (p(2) !== 0n) {
    s += `\t${x16(p(2))}`;
    if (p(1) !== 0n) s += `\t${x16(p(1))}`;
  }
  return s;
}

/** The page table behind one (device, PASID), as domain_translation_struct_show finds it; null when it prints nothing. */
export interface DomainDump {
  readonly segment: number;
  readonly bus: number;
  readonly devfn: number;
  readonly pasid: number;
  readonly pgd: bigint;
  readonly leaves: LeafLine[];
}

export function domainDump(state: EngineState, deviceId: string, pasid: number = NO_PASID): DomainDump | null {
  const dev = state.devices.get(deviceId);
  if (!dev) return null;
  const frames = state.memory.frames;
  const ctx = contextAddr(frames, state.rootTable, dev.bus, dev.devfn);
  if (ctx === null) return null;
  const ctxLo = q(frames, ctx);
  if ((ctxLo & BigInt(P)) === 0n) return null;
  const dir = Number(ctxLo & VTD_PAGE_MASK);
  const pde = q(frames, pasidDirEntryAt(dir, pasid));
  if ((pde & BigInt(P)) === 0n) return null;
  const pe = pasidEntryAt(Number(pde & VTD_PAGE_MASK), pasid);
  const v0 = q(frames, pe);
  if ((v0 & BigInt(P)) === 0n) return null;
  const pgtt = (Number(v0 & 0xffffn) & PE_PGTT_MASK) >>> PE_PGTT_SHIFT;
  const agaw = (Number(v0 & 0xffffn) & PE_AW_MASK) >>> PE_AW_SHIFT;
  let pgd: bigint;
  if (pgtt === PGTT.FIRST_ONLY) pgd = q(frames, pe + 16);
  else if (pgtt === PGTT.SECOND_ONLY || pgtt === PGTT.NESTED) pgd = v0;
  else return null; // pass-through: `goto iommu_unlock`, nothing printed
  pgd &= VTD_PAGE_MASK;
  // A first-stage table has 4 levels, or 5 with FLPM = 1, whatever the unit's AW.
  const levels = pgtt === PGTT.FIRST_ONLY ? (((q(frames, pe + 16) >> 2n) & 3n) === 1n ? 5 : 4) : agaw + 2;
  const leaves: LeafLine[] = [];
  walkLevel(frames, Number(pgd), levels, 0n, [0n, 0n, 0n, 0n, 0n, 0n], leaves);
  return { segment: parseInt(dev.bdf.slice(0, 4), 16) || 0, bus: dev.bus, devfn: dev.devfn, pasid, pgd, leaves };
}

/** "Device %04x:%02x:%02x.%x " + "with pasid %x @0x%llx\n", then the header and the leaves. */
export function formatDomainDump(d: DomainDump): string {
  const lines = [
    `Device ${d.segment.toString(16).padStart(4, '0')}:${bdfShort(d.bus, d.devfn)} with pasid ${d.pasid.toString(16)} @0x${d.pgd.toString(16)}`,
    DOMAIN_HEADER,
    ...d.leaves.map(formatLeafLine),
  ];
  return lines.join('\n') + '\n';
}

/**
 * /sys/kernel/debug/iommu/intel/<dev>/domain_translation_struct (no `pasid`: IOMMU_NO_PASID) or
 * …/<dev>/<pasid>/domain_translation_struct. Empty text when the kernel would print nothing (no
 * context entry, no PASID entry, or a pass-through entry, which has no page table).
 */
export function domainTranslationStruct(state: EngineState, deviceId: string, pasid?: number): string {
  const d = domainDump(state, deviceId, pasid ?? NO_PASID);
  return d === null ? '' : formatDomainDump(d);
}

/** Every (device, PASID) with a present PASID entry, in the order dmar_translation_struct lists them. */
export function dumpTargets(state: EngineState): { device: string; pasid: number }[] {
  const byRid = new Map<number, string>();
  for (const dev of state.devices.values()) byRid.set(dev.rid, dev.id);
  const out: { device: string; pasid: number }[] = [];
  for (const r of dmarRows(state)) {
    const device = byRid.get((r.bus << 8) | r.devfn);
    if (device !== undefined) out.push({ device, pasid: r.pasid });
  }
  return out;
}

/** Every per-device and per-PASID domain_translation_struct file, concatenated (what cat-ing every such file gives). */
export function allDomainTranslationStructs(state: EngineState): string {
  return dumpTargets(state)
    .map((t) => domainTranslationStruct(state, t.device, t.pasid))
    .filter((s) => s !== '')
    .join('');
}
