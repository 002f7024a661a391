/**
 * Addresses and sizes at the engine boundary. Scenario files carry addresses as hex strings
 * (they may exceed 2^53), sizes as byte counts or strings with a unit. Inside the engine,
 * physical addresses and page numbers are exact doubles (< 2^53); IOVAs stay bigint until they
 * are split into a page number and an offset.
 */
export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;

const HEX_RE = /^0x[0-9a-fA-F]+$/;
const SIZE_RE = /^(\d+)\s*(B|KiB|MiB|GiB|TiB)?$/;
const UNIT: Record<string, bigint> = {
  B: 1n,
  KiB: 1n << 10n,
  MiB: 1n << 20n,
  GiB: 1n << 30n,
  TiB: 1n << 40n,
};

export function isHex(text: string): boolean {
  return HEX_RE.test(text);
}

/** Parse a `0x…` string; the caller has validated its form. */
export function parseHex(text: string): bigint {
  return BigInt(text);
}

/** Parse a size: a byte count, `"4KiB"`-style text, or a hex string. Returns null when malformed. */
export function parseSize(value: number | string): bigint | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
  }
  if (HEX_RE.test(value)) return BigInt(value);
  const m = SIZE_RE.exec(value);
  if (!m || m[1] === undefined) return null;
  return BigInt(m[1]) * (UNIT[m[2] ?? 'B'] ?? 1n);
}

/** Lowercase hex with `0x` and no leading zeros, as MODEL.md prints every address. */
export function hex(value: number | bigint): string {
  return '0x' + value.toString(16);
}

/**
 * `hex` for a value a file supplied, which may be absurdly wide (MODEL.md sets no digit limit): past 24
 * digits it is cut, so a refusal stays one short sentence (`0x1000000000000000… (300 hex digits)`).
 */
export function hexBrief(value: bigint): string {
  const s = value.toString(16);
  return s.length <= 24 ? '0x' + s : `0x${s.slice(0, 16)}… (${s.length} hex digits)`;
}

/** A readable size: `2MiB`, `1GiB`, `12KiB`, or a byte count. */
export function formatSize(bytes: number | bigint): string {
  const b = BigInt(bytes);
  for (const [unit, mult] of [
    ['TiB', 1n << 40n],
    ['GiB', 1n << 30n],
    ['MiB', 1n << 20n],
    ['KiB', 1n << 10n],
  ] as const) {
    if (b >= mult && b % mult === 0n) return `${b / mult}${unit}`;
  }
  return `${b}B`;
}

/** Hex of an entry held as little-endian 32-bit words (word 0 = bits 31:0), no leading zeros. */
export function wordsToHex(words: ArrayLike<number>, start: number, count: number): string {
  let s = '';
  for (let i = start + count - 1; i >= start; i--) {
    s += ((words[i] ?? 0) >>> 0).toString(16).padStart(8, '0');
  }
  s = s.replace(/^0+/, '');
  return '0x' + (s === '' ? '0' : s);
}

/** Exact split of a 64-bit quantity held in a double (< 2^53) into 32-bit halves. */
export function lo32(value: number): number {
  return (value % 0x1_0000_0000) >>> 0;
}
export function hi32(value: number): number {
  return Math.floor(value / 0x1_0000_0000) >>> 0;
}
