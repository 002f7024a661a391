/**
 * JSON text for output lines, with every integer exact. `JSON.stringify` prints a double such as
 * 2^57 as `144115188075855870` (the shortest text that reads back as the same double), not as the
 * integer it holds (144115188075855872), and throws on a bigint. Byte counts in results can exceed
 * 2^53 (a 2^54-byte unmap), so integers beyond Number.MAX_SAFE_INTEGER and bigints are printed as
 * their exact decimal literal (docs/limits.md "Numbers"). The common case pays one regex test.
 */

const MARK = '\u0000exact:';
const MARKED = /"\\u0000exact:(-?\d+)"/g;
/** A number token of 16+ digits or in exponent form, right after `:`, `,` or `[` (where values start). */
const SUSPECT = /[:,[]-?(\d{16,}|\d(\.\d+)?e[+-]?\d+)/;

function exact(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${MARK}${value.toString()}`;
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return `${MARK}${BigInt(value).toString()}`;
  return value;
}

/** `JSON.stringify(value)` with exact integers (bigints included). */
export function stringifyExact(value: unknown): string {
  let fast: string | undefined;
  try {
    fast = JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e; // a bigint: take the exact path
  }
  if (fast !== undefined && !SUSPECT.test(fast)) return fast;
  return (JSON.stringify(value, exact) ?? 'null').replace(MARKED, '$1');
}
