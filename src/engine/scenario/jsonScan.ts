/**
 * A strict, non-recursive JSON checker run before `JSON.parse` (issue 9). `JSON.parse` keeps the
 * last of two equal keys without a word, accepts nesting deep enough to overflow every recursive
 * consumer after it (a 10,000-level `expect.result` crashed the runner and the UI's Share), rounds
 * integers above 2^53 silently, and words its syntax errors in V8's terms. This scanner walks the
 * text once with an explicit stack and reports, in the project's words and with the JSON path:
 *  - a syntax error, with line and column ("the file ends inside an array" for a truncated file);
 *  - nesting deeper than `MAX_JSON_DEPTH`;
 *  - a key that appears twice in one object;
 * and lists every number literal that a double cannot hold exactly (docs/limits.md).
 * A text it accepts is valid JSON (RFC 8259), so `JSON.parse` after it cannot throw.
 */

/** Deepest nesting of objects and arrays a scenario may use (a real one nests about 7 deep). */
export const MAX_JSON_DEPTH = 64;

export type JsonPath = (string | number)[];

/** A number literal that a double does not hold exactly (an integer above 2^53 − 1, or out of range). */
export interface InexactNumber {
  readonly path: JsonPath;
  readonly literal: string;
}

export type JsonScan =
  | { readonly ok: true; readonly inexact: readonly InexactNumber[] }
  | {
      readonly ok: false;
      readonly kind: 'syntax' | 'depth' | 'duplicate';
      readonly path: JsonPath;
      readonly message: string;
    };

interface Frame {
  readonly array: boolean;
  readonly keys: Set<string> | null;
  /** Current key (object) or index (array). */
  at: string | number;
}

// Parser states
const VALUE = 0; // a value must come next
const VALUE_OR_END_ARRAY = 1; // just after '['
const KEY_OR_END_OBJECT = 2; // just after '{'
const KEY = 3; // after ',' in an object
const COLON = 4;
const AFTER_VALUE = 5; // ',' or the closing bracket
const DONE = 6; // only whitespace may follow

const WHAT: Record<number, string> = {
  [VALUE]: 'a value',
  [VALUE_OR_END_ARRAY]: 'a value or "]"',
  [KEY_OR_END_OBJECT]: 'a key in double quotes or "}"',
  [KEY]: 'a key in double quotes',
  [COLON]: '":" after the key',
  [AFTER_VALUE]: '"," or a closing bracket',
  [DONE]: 'the end of the text',
};

function lineCol(text: string, at: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

function pathOf(stack: readonly Frame[]): JsonPath {
  return stack.map((f) => f.at);
}

function shown(code: number): string {
  if (code < 0x20 || code === 0x7f)
    return `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()})`;
  if (code === 0xfeff) return 'a byte-order mark';
  return `"${String.fromCharCode(code)}"`;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Check `text` as JSON; see the module comment. */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonScan {
  const n = text.length;
  const stack: Frame[] = [];
  const inexact: InexactNumber[] = [];
  let state = VALUE;
  let i = 0;

  const syntax = (at: number, message: string): JsonScan => ({
    ok: false,
    kind: 'syntax',
    path: pathOf(stack),
    message: `not valid JSON at ${lineCol(text, at)}: ${message}`,
  });
  const endedEarly = (): JsonScan => {
    const top = stack[stack.length - 1];
    const inside =
      top === undefined
        ? ''
        : top.array
          ? ' inside an array (a "]" is missing)'
          : ' inside an object (a "}" is missing)';
    return {
      ok: false,
      kind: 'syntax',
      path: pathOf(stack),
      message: `not valid JSON: the text ends early${inside}; is the file cut short?`,
    };
  };
  /** After a complete value: back in the container, or done. */
  const valueDone = () => {
    state = stack.length === 0 ? DONE : AFTER_VALUE;
  };

  /** Scan a string starting at the quote at `i`; returns the index after its closing quote, or a problem. */
  const scanString = (): number | JsonScan => {
    let j = i + 1;
    for (;;) {
      if (j >= n)
        return {
          ok: false,
          kind: 'syntax',
          path: pathOf(stack),
          message: 'not valid JSON: the text ends inside a string (a closing " is missing); is the file cut short?',
        };
      const c = text.charCodeAt(j);
      if (c === 34) return j + 1;
      if (c === 92) {
        const e = text.charCodeAt(j + 1);
        if (e === 117) {
          for (let k = 2; k < 6; k++)
            if (!isHex(text.charCodeAt(j + k))) return syntax(j, 'a \\u escape needs four hex digits');
          j += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116)
          j += 2;
        else return syntax(j, `${j + 1 < n ? shown(e) : 'nothing'} cannot follow a backslash in a string`);
        continue;
      }
      if (c < 0x20) return syntax(j, `${shown(c)} must be escaped inside a string`);
      j++;
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (state === VALUE || state === VALUE_OR_END_ARRAY) {
      if (c === 93 && state === VALUE_OR_END_ARRAY) {
        stack.pop();
        i++;
        valueDone();
        continue;
      }
      if (c === 123 || c === 91) {
        if (stack.length >= maxDepth) {
          return {
            ok: false,
            kind: 'depth',
            path: pathOf(stack),
            message: `nests objects and arrays more than ${maxDepth} levels deep, the most a scenario may use`,
          };
        }
        const array = c === 91;
        stack.push({ array, keys: array ? null : new Set(), at: array ? 0 : '' });
        state = array ? VALUE_OR_END_ARRAY : KEY_OR_END_OBJECT;
        i++;
        continue;
      }
      if (c === 34) {
        const end = scanString();
        if (typeof end !== 'number') return end;
        i = end;
        valueDone();
        continue;
      }
      if (c === 45 || isDigit(c)) {
        const start = i;
        let j = c === 45 ? i + 1 : i;
        if (!isDigit(text.charCodeAt(j))) return syntax(j, 'a "-" must be followed by digits');
        if (text.charCodeAt(j) === 48) j++;
        else while (isDigit(text.charCodeAt(j))) j++;
        let plain = true;
        if (text.charCodeAt(j) === 46) {
          plain = false;
          j++;
          if (!isDigit(text.charCodeAt(j))) return syntax(j, 'a decimal point must be followed by digits');
          while (isDigit(text.charCodeAt(j))) j++;
        }
        if (text.charCodeAt(j) === 101 || text.charCodeAt(j) === 69) {
          plain = false;
          j++;
          if (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) j++;
          if (!isDigit(text.charCodeAt(j))) return syntax(j, 'an exponent must have digits');
          while (isDigit(text.charCodeAt(j))) j++;
        }
        // Only long literals can be inexact: 15 digits always fit a double exactly.
        if (!plain || j - start > 15) {
          const literal = text.slice(start, j);
          const v = Number(literal);
          if (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))
            inexact.push({ path: pathOf(stack), literal });
        }
        i = j;
        valueDone();
        continue;
      }
      const word = c === 116 ? 'true' : c === 102 ? 'false' : c === 110 ? 'null' : null;
      if (word !== null && text.startsWith(word, i)) {
        i += word.length;
        valueDone();
        continue;
      }
      return syntax(i, `expected ${WHAT[state]}, found ${shown(c)}`);
    }
    const top = stack[stack.length - 1];
    if (state === KEY_OR_END_OBJECT || state === KEY) {
      if (c === 125 && state === KEY_OR_END_OBJECT) {
        stack.pop();
        i++;
        valueDone();
        continue;
      }
      if (c !== 34 || top === undefined || top.keys === null)
        return syntax(i, `expected ${WHAT[state]}, found ${shown(c)}`);
      const end = scanString();
      if (typeof end !== 'number') return end;
      const raw = text.slice(i + 1, end - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
      top.at = key;
      if (top.keys.has(key)) {
        return {
          ok: false,
          kind: 'duplicate',
          path: pathOf(stack),
          message: `the key "${key}" appears twice in one object; JSON would keep only the last, so write each field once`,
        };
      }
      top.keys.add(key);
      i = end;
      state = COLON;
      continue;
    }
    if (state === COLON) {
      if (c !== 58) return syntax(i, `expected ${WHAT[state]}, found ${shown(c)}`);
      i++;
      state = VALUE;
      continue;
    }
    if (state === AFTER_VALUE && top !== undefined) {
      if (c === 44) {
        if (top.array) {
          top.at = (top.at as number) + 1;
          state = VALUE;
        } else state = KEY;
        i++;
        continue;
      }
      if ((c === 93 && top.array) || (c === 125 && !top.array)) {
        stack.pop();
        i++;
        valueDone();
        continue;
      }
      return syntax(i, `expected ${top.array ? '"," or "]"' : '"," or "}"'}, found ${shown(c)}`);
    }
    return syntax(i, `expected ${WHAT[state]}, found ${shown(c)}`);
  }
  if (state !== DONE)
    return stack.length === 0 && state === VALUE
      ? { ok: false, kind: 'syntax', path: [], message: 'not valid JSON: the text is empty' }
      : endedEarly();
  return { ok: true, inexact };
}
