/** Checking op arguments whose form the schema accepted but whose value may still be refused (EINVAL). */
import { fail } from '../errors.ts';
import { PAGE_SIZE, formatSize, hex, hexBrief, parseHex, parseSize } from '../hex.ts';

const PAGE = BigInt(PAGE_SIZE);
/** Host physical addresses are at most 52 bits (the address field of every VT-d entry). */
export const HAW_BITS = 52;

/** A 4 KiB-aligned address below 2^`bits`, as a page number. */
export function pageAddress(field: string, text: string, bits: number): number {
  const v = parseHex(text);
  if (v % PAGE !== 0n) fail('EINVAL', `${field} ${hexBrief(v)} is not 4KiB aligned`);
  if (v >= 1n << BigInt(bits)) fail('EINVAL', `${field} ${hexBrief(v)} lies beyond the ${bits}-bit address width`);
  return Number(v / PAGE);
}

/** A non-zero size that is a multiple of 4 KiB, as a page count. */
export function pageCount(field: string, value: number | string): number {
  const v = parseSize(value);
  if (v === null) fail('EINVAL', `${field} ${JSON.stringify(value)} is not a size`);
  if (v === 0n) fail('EINVAL', `${field} must not be zero`);
  if (v % PAGE !== 0n) fail('EINVAL', `${field} ${formatSize(v)} is not a multiple of 4KiB`);
  if (v > 1n << 57n)
    fail('EINVAL', `${field} ${v < 1n << 80n ? formatSize(v) : hexBrief(v)} is larger than any address space`);
  return Number(v / PAGE);
}

/** Fail unless [start, start + pages) fits below 2^bits (page units). */
export function checkRangeFits(field: string, startPfn: number, pages: number, bits: number): void {
  if (startPfn + pages > 2 ** (bits - 12)) {
    fail(
      'EINVAL',
      `${field} range ${hex(BigInt(startPfn) * PAGE)}+${formatSize(BigInt(pages) * PAGE)} runs beyond the ${bits}-bit address width`,
    );
  }
}

export function bytesOf(pages: number): number {
  return pages * PAGE_SIZE;
}

export function addrOfPfn(pfn: number): bigint {
  return BigInt(pfn) * PAGE;
}
