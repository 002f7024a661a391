/**
 * Entry arithmetic every IOMMU shares: its table pointers and page frames sit in bits 51:12 of a
 * 64-bit entry held as two little-endian 32-bit words (VT-d §9, SMMUv3 §3.4 / Arm LPAE, AMD-Vi §2.2).
 */
import { hi32, lo32 } from '../hex.ts';

export const ADDR_LO_MASK = 0xfffff000; // bits 31:12 of the low word
export const ADDR_HI_MASK = 0x000fffff; // bits 51:32 (in the high word)

/** The 52-bit address field (bits 51:12) of a 64-bit entry given as two words. */
export function entryAddr(lo: number, hi: number): number {
  return (hi & ADDR_HI_MASK) * 0x1_0000_0000 + ((lo & ADDR_LO_MASK) >>> 0);
}

/** A pointer entry: `addr` (4 KiB aligned) in bits 51:12 plus flag bits in the low word. */
export function pointerWords(addr: number, flags: number): [number, number] {
  return [(lo32(addr) | flags) >>> 0, hi32(addr)];
}
