/**
 * Random invalid (and sometimes still valid) scenarios for the validator's property tests: a valid
 * file (a built-in scenario or a small fleet), then a few edits to its value (a field removed,
 * replaced by an odd value, an unknown field, another op) and to its text (a duplicate key, a long
 * or out-of-range number literal, deep nesting, an escaped key, a byte-order mark, a character
 * removed or inserted). Used by test/engine/parseFast.test.ts and test/engine/cleanJson.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fleetScenario } from '../../bench/fleetScenario.ts';
import { FAULT_NAMES, OP_NAMES } from '../../src/engine/index.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const DIR = 'src/scenarios';
/** The valid files the edits start from (a few steps each, kept short so each run stays fast). */
export const BASES: readonly Json[] = [
  ...readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Json),
  JSON.parse(fleetScenario(1)) as Json,
];

const deep = (levels: number): Json => {
  let v: Json = 1;
  for (let i = 0; i < levels; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
};

/** Values that sit on the edge of some field's form. */
export const ODD: readonly Json[] = [
  ...OP_NAMES,
  ...FAULT_NAMES,
  '',
  'a',
  'x'.repeat(200),
  'x'.repeat(201),
  '😀'.repeat(150), // 300 UTF-16 units, 150 code points: zod counts code points
  '😀'.repeat(201),
  '\ud800',
  '0x',
  '0x0',
  '0x1000',
  '0xfffffffffffffffff',
  '4KiB',
  '2MiB',
  '16GiB',
  '1PiB',
  '4096',
  'all',
  'vtd',
  'smmuv3',
  'amd-vi',
  'EBUSY',
  'ebusy',
  'read',
  'write',
  'r',
  'rw',
  'AUX',
  'DMA',
  'UNMANAGED',
  '0000:00:01.0',
  '00:01.0',
  'CMD_TLBI_NH_ASID',
  'CMD_SYNC',
  'pasid-atlas/scenario@1',
  0,
  -0,
  1,
  -1,
  0.5,
  7,
  8,
  39,
  48,
  57,
  4096,
  65535,
  65536,
  1048575,
  1048576,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 60,
  1e300,
  true,
  false,
  null,
  [],
  {},
  [{}],
  { cmd: 'CMD_TLBI_NH_ASID', asid: 1 },
  { table: 't' },
  { pasid: 1, table: 't' },
  { ok: true },
  { fault: 'no-context' },
  { result: { rid: '0x1' } },
  deep(63),
  deep(64),
  deep(70),
];

const KEYS = ['op', 'id', 'device', 'domain', 'extra', 'expect', 'wq', 'pasid', 'size', 'steps', 'format', 'platform'];
const ODD_KEYS = [...KEYS, '__proto__', 'constructor', 'toString', 'a.b', '[0]', 'é', ''];

/** Every path to a value inside `v` (the root excluded). */
function pathsOf(v: Json, prefix: Path = [], out: Path[] = []): Path[] {
  const visit = (key: string | number, x: Json) => {
    out.push([...prefix, key]);
    pathsOf(x, [...prefix, key], out);
  };
  if (Array.isArray(v)) v.forEach((x, i) => visit(i, x));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(k, x);
  return out;
}

function parentOf(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const seg of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[seg];
  }
  return node;
}

const valueEdit = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.constantFrom(...ODD) }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.constantFrom(...ODD_KEYS),
    value: fc.constantFrom(...ODD),
  }),
);
type ValueEdit = typeof valueEdit extends fc.Arbitrary<infer T> ? T : never;

function applyValueEdit(root: Json, edit: ValueEdit): void {
  const paths = pathsOf(root);
  const path = paths[edit.at % Math.max(paths.length, 1)];
  if (path === undefined) return;
  const parent = parentOf(root, path);
  const last = path[path.length - 1] as string | number;
  if (parent === null || typeof parent !== 'object' || parent === undefined) return;
  if (edit.kind === 'remove') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else Reflect.deleteProperty(parent, last);
  } else if (edit.kind === 'replace') {
    (parent as Record<string | number, Json>)[last] = structuredClone(edit.value);
  } else {
    const target = (parent as Record<string | number, Json>)[last];
    const host = target !== null && typeof target === 'object' && !Array.isArray(target) ? target : parent;
    if (!Array.isArray(host))
      Object.defineProperty(host, edit.key, {
        value: structuredClone(edit.value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
}

const NUMBER_LITERALS = [
  '18014398509481985',
  '9007199254740993',
  '9007199254740991',
  '9007199254740992.0',
  '123456789012345678901234567890',
  '-9007199254740993',
  '1e400',
  '-1e400',
  '1e-400',
  '2e53',
  '1.0',
  '4096.0',
  '1e3',
  '-0',
  '0.1',
];

const textEdit = fc.oneof(
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), literal: fc.constantFrom(...NUMBER_LITERALS) }),
  fc.record({ kind: fc.constant('deep' as const), at: fc.nat(), levels: fc.constantFrom(63, 64, 65, 200) }),
  fc.record({ kind: fc.constant('escape' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    char: fc.constantFrom(...'{}[],:"\\ a1-.e\u0000\t\n\ufeff'.split('')),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type TextEdit = typeof textEdit extends fc.Arbitrary<infer T> ? T : never;

function nth(text: string, re: RegExp, at: number): RegExpExecArray | undefined {
  const all = [...text.matchAll(new RegExp(re.source, 'g'))];
  return all.length === 0 ? undefined : all[at % all.length];
}

function applyTextEdit(text: string, edit: TextEdit): string {
  const splice = (i: number, remove: number, insert: string) => text.slice(0, i) + insert + text.slice(i + remove);
  switch (edit.kind) {
    case 'duplicate': {
      const m = nth(text, /"([A-Za-z]+)":/, edit.at);
      return m === undefined ? text : splice(m.index, 0, `${m[0]}1,`);
    }
    case 'number': {
      const m = nth(text, /:(-?\d+(\.\d+)?)/, edit.at) ?? nth(text, /:("[^"]*")/, edit.at);
      return m?.[1] === undefined ? text : splice(m.index + 1, m[1].length, edit.literal);
    }
    case 'deep': {
      const m = nth(text, /:("[^"]*"|-?\d+|true|false|null)/, edit.at);
      return m?.[1] === undefined
        ? text
        : splice(m.index + 1, m[1].length, '['.repeat(edit.levels) + ']'.repeat(edit.levels));
    }
    case 'escape': {
      const m = nth(text, /"([a-z])[A-Za-z]*":/, edit.at);
      return m?.[1] === undefined
        ? text
        : splice(m.index + 1, 1, `\\u00${m[1].charCodeAt(0).toString(16).padStart(2, '0')}`);
    }
    case 'bom':
      return `\ufeff${text}`;
    case 'delete':
      return text.length === 0 ? text : splice(edit.at % text.length, 1, '');
    case 'insert':
      return splice(edit.at % (text.length + 1), 0, edit.char);
    case 'truncate':
      return text.slice(0, edit.at % (text.length + 1));
  }
}

/** A scenario value with a few edits (may still be valid). */
export const mutatedValue: fc.Arbitrary<Json> = fc
  .record({ base: fc.nat(BASES.length - 1), edits: fc.array(valueEdit, { maxLength: 3 }) })
  .map(({ base, edits }) => {
    const root = structuredClone(BASES[base] ?? null);
    for (const e of edits) applyValueEdit(root, e);
    return root;
  });

/** Scenario text: a mutated value, written compact or indented, then a few edits to the text itself. */
export const mutatedText: fc.Arbitrary<string> = fc
  .record({
    value: mutatedValue,
    indent: fc.constantFrom(0, 2),
    edits: fc.array(textEdit, { maxLength: 2 }),
  })
  .map(({ value, indent, edits }) => edits.reduce(applyTextEdit, JSON.stringify(value, null, indent)));
