/**
 * A page-table entry format: the radix layout (512 entries per 4 KiB table, 9 index bits per
 * level, leaves at 4 KiB, 2 MiB or 1 GiB; level 1 is the last level) is the same for VT-d's two
 * stages, Arm LPAE stage 1/2 and AMD-Vi v1/v2; only the entry bits differ. `bits` is the one
 * decode that map, unmap (pagetable.ts) and the walk (radix.ts) share; `leaf`/`table` encode.
 * The decode is data, not callbacks, so the walk (the engine's hot path) reads it without a call.
 */

/** How a 64-bit entry (two 32-bit words, `lo` = bits 31:0) decodes. */
export interface PteBits {
  /** The entry is present when `lo & present` is non-zero. */
  readonly present: number;
  /** Above level 1 the entry is a (large) leaf when `(lo & leafMask) === leafValue`, at levels up to `maxLeafLevel`. */
  readonly leafMask: number;
  readonly leafValue: number;
  readonly maxLeafLevel: number;
  /** Read is granted when `(lo & readLo) | (hi & readHi)` is non-zero; `readAlways`: the format cannot deny reads. */
  readonly readAlways: boolean;
  readonly readLo: number;
  readonly readHi: number;
  /** Write is granted when `(lo & writeLo) | (hi & writeHi)` is non-zero, or zero with `writeWhenClear` (Arm AP[2]). */
  readonly writeLo: number;
  readonly writeHi: number;
  readonly writeWhenClear: boolean;
  /** Permissions are ANDed over every level (VT-d second stage, x86-64), or read from the leaf only (Arm, AMD v1). */
  readonly permsEveryLevel: boolean;
}

/** The fault reason (VT-d) or event code (SMMUv3, AMD-Vi) the walk records, by cause. */
export interface PteFaults {
  readonly notPresent: number;
  readonly read: number;
  readonly write: number;
}

export interface PteFormat {
  /** Short name of the format, for inspectors and tests (`vtd-ss`, `x86-64`, `arm-lpae-s1`…). */
  readonly name: string;
  readonly bits: PteBits;
  readonly faults: PteFaults;
  /** A leaf at `level` mapping the page at `addr`. */
  readonly leaf: (addr: number, read: boolean, write: boolean, level: number) => [number, number];
  /** A pointer at `level` to the table one level down. */
  readonly table: (addr: number, level: number) => [number, number];
}

/** Build a format; one constructor keeps every format the same shape, so the walk's reads stay monomorphic. */
export function pteFormat(
  name: string,
  bits: PteBits,
  faults: PteFaults,
  leaf: PteFormat['leaf'],
  table: PteFormat['table'],
): PteFormat {
  return { name, bits, faults, leaf, table };
}

/** The same format with another IOMMU's fault codes (x86-64 tables on VT-d and on AMD-Vi). */
export function withFaults(fmt: PteFormat, name: string, faults: PteFaults): PteFormat {
  return pteFormat(name, fmt.bits, faults, fmt.leaf, fmt.table);
}

export function ptePresent(b: PteBits, lo: number): boolean {
  return (lo & b.present) !== 0;
}

/** A present entry at `level` maps a page (rather than pointing at a table). */
export function pteIsLeaf(b: PteBits, lo: number, level: number): boolean {
  return level === 1 || (level <= b.maxLeafLevel && (lo & b.leafMask) === b.leafValue);
}

export function pteRead(b: PteBits, lo: number, hi: number): boolean {
  return b.readAlways || ((lo & b.readLo) | (hi & b.readHi)) !== 0;
}

export function pteWrite(b: PteBits, lo: number, hi: number): boolean {
  return (((lo & b.writeLo) | (hi & b.writeHi)) !== 0) !== b.writeWhenClear;
}
