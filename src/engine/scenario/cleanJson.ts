/**
 * The common case of jsonScan, without its character-by-character walk (issue 11: on a page's
 * first run that walk is interpreted, ~18 ms for the 64×16 share link in Chromium). `JSON.parse`
 * reads the text natively; then three checks, each of which only decides "clean" or "not sure":
 *  - nesting: no object or array deeper than `MAX_JSON_DEPTH` (walked without recursion);
 *  - numbers: none that jsonScan would list as inexact (an integer above 2^53 − 1, or not finite),
 *    which `JSON.parse` rounds to exactly the double jsonScan tests;
 *  - duplicate keys: `JSON.parse` keeps one of two equal keys, so a text with a duplicate has more
 *    keys than its value. The text's keys are its colons outside strings (in valid JSON a colon
 *    outside a string always follows a key), counted after a native regex drops the strings.
 * On "not sure" (text `JSON.parse` refuses included) the caller runs jsonScan, which finds and
 * words the problem, so every message still comes from jsonScan.
 *
 * Every text `JSON.parse` accepts, jsonScan's grammar accepts too (both are RFC 8259: the same
 * four whitespace characters, escapes, number form; no byte-order mark), so "clean" here means
 * jsonScan would answer `{ ok: true, inexact: [] }` (test/engine/cleanJson.test.ts compares them).
 */
import { MAX_JSON_DEPTH } from './jsonScan.ts';

/** A JSON string, escapes included (the text is valid JSON when this runs). */
const STRING = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"/g;

/** Keys written in `text`: its colons outside strings. */
function keysInText(text: string): number {
  return text.replace(STRING, '').split(':').length - 1;
}

/** A number jsonScan lists as inexact: `JSON.parse` gives the same double jsonScan tests. */
const inexact = (x: number) => !Number.isFinite(x) || (Number.isInteger(x) && !Number.isSafeInteger(x));

/** Keys held by `value`, or -1 when it nests too deep or holds a number jsonScan would call inexact. */
function keysInValue(value: unknown): number {
  if (typeof value === 'number') return inexact(value) ? -1 : 0;
  let keys = 0;
  const todo: unknown[] = [value];
  const depths: number[] = [0];
  for (let v = todo.pop(); v !== undefined; v = todo.pop()) {
    const depth = depths.pop() ?? 0;
    if (typeof v !== 'object' || v === null) continue;
    // jsonScan refuses to open a container when MAX_JSON_DEPTH are already open.
    if (depth >= MAX_JSON_DEPTH) return -1;
    // Only containers go on the stack: most values are strings and numbers, checked here.
    if (Array.isArray(v)) {
      for (const x of v as unknown[]) {
        if (typeof x === 'object' && x !== null) {
          todo.push(x);
          depths.push(depth + 1);
        } else if (typeof x === 'number' && inexact(x)) return -1;
      }
    } else {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        keys++;
        const x = o[k];
        if (typeof x === 'object' && x !== null) {
          todo.push(x);
          depths.push(depth + 1);
        } else if (typeof x === 'number' && inexact(x)) return -1;
      }
    }
  }
  return keys;
}

/** `true` when `value` has nothing for jsonScan's depth and number checks to say (a value from the UI, not text). */
export function cleanValue(value: unknown): boolean {
  return keysInValue(value) >= 0;
}

/** The value of `text` when jsonScan would find nothing to say about it; `undefined` when it might. */
export function parseCleanJson(text: string): { readonly value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keys = keysInValue(value);
  if (keys < 0) return undefined;
  try {
    return keysInText(text) === keys ? { value } : undefined;
  } catch {
    return undefined; // a regex that ran out of stack on a huge string: let jsonScan decide
  }
}
