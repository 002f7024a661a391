/**
 * A yes-only shortcut for the scenario schemas (issue 11: validating the 64×16 share link sat on
 * the first graph's critical path). zod answers every input with its issues, which is what a bad
 * file needs, but a good one pays for it too: a payload per field, issue arrays, and on the first
 * parse in a page one `new Function` per object schema (zod's JIT fast path), all run cold.
 *
 * `quickAccept(schema)` reads a zod/mini schema's definition once and returns a plain predicate that
 * answers `true` only for a value zod accepts. It may answer `false` for a value zod would accept
 * (a schema kind or check it does not model, a length counted in code points): the caller then asks
 * zod, which also words the problem. So no message ever comes from here; the schemas stay the only
 * definition of the format (a new kind of field slows validation, it cannot loosen it), and
 * test/engine/quickAccept.test.ts checks "true ⇒ zod accepts" on random values.
 */
import * as z from 'zod/mini';

/** `true` only when zod accepts the value; `false` means "ask zod". */
export type Accept = (value: unknown) => boolean;

const NEVER: Accept = () => false;
const ALWAYS: Accept = () => true;

/** What a schema uses that this does not model: its predicate answers `false` (ask zod). */
class Unmodelled extends Error {}

type CheckDef = z.core.$ZodChecks['_zod']['def'];

/**
 * A number's checks, folded into one test (the closures below are what runs cold, interpreted:
 * one call and no loop per field, no array iterators).
 */
function numberAccept(checks: readonly z.core.$ZodCheck[]): Accept {
  let int = false;
  let min = -Infinity; // v >= min
  let above = -Infinity; // v > above
  let max = Infinity; // v <= max
  let below = Infinity; // v < below
  for (const check of checks) {
    const def = check._zod.def as CheckDef;
    if (def.check === 'number_format') {
      // zod: Number.isInteger, then the format's range; a safe integer passes both.
      if (def.format !== 'safeint') throw new Unmodelled(def.format);
      int = true;
    } else if (def.check === 'greater_than' || def.check === 'less_than') {
      const { value, inclusive } = def;
      if (typeof value !== 'number') throw new Unmodelled('a non-number bound');
      if (def.check === 'greater_than') {
        if (inclusive) min = Math.max(min, value);
        else above = Math.max(above, value);
      } else if (inclusive) max = Math.min(max, value);
      else below = Math.min(below, value);
    } else throw new Unmodelled(def.check);
  }
  // zod's number refuses NaN and ±Infinity before any check.
  return (v) =>
    typeof v === 'number' &&
    (int ? Number.isSafeInteger(v) : Number.isFinite(v)) &&
    v >= min &&
    v > above &&
    v <= max &&
    v < below;
}

/** Length bounds of a string or an array, as `[at least, at most]` units or items, and a string's patterns. */
function lengthBounds(checks: readonly z.core.$ZodCheck[], strings: boolean) {
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  for (const check of checks) {
    const def = check._zod.def as CheckDef;
    if (def.check === 'min_length') {
      // zod counts a string in code points (one or two UTF-16 units each): `n` units hold at
      // least ceil(n / 2) code points, so 2 × minimum − 1 units are surely enough.
      min = Math.max(min, strings ? 2 * def.minimum - 1 : def.minimum);
    } else if (def.check === 'max_length') {
      max = Math.min(max, def.maximum); // at most `n` code points in `n` units
    } else if (def.check === 'string_format' && strings && def.format === 'regex' && def.pattern !== undefined) {
      patterns.push(def.pattern);
    } else throw new Unmodelled(def.check);
  }
  return { min, max, patterns };
}

function stringAccept(checks: readonly z.core.$ZodCheck[]): Accept {
  const { min, max, patterns } = lengthBounds(checks, true);
  const [pattern, ...more] = patterns;
  if (pattern === undefined) return (v) => typeof v === 'string' && v.length >= min && v.length <= max;
  if (more.length > 0) throw new Unmodelled('several patterns');
  return (v) => {
    if (typeof v !== 'string' || v.length < min || v.length > max) return false;
    pattern.lastIndex = 0; // as zod does: a global or sticky pattern remembers where it stopped
    return pattern.test(v);
  };
}

function any(preds: readonly Accept[]): Accept {
  return (v) => {
    for (let i = 0; i < preds.length; i++) if (preds[i]?.(v) === true) return true;
    return false;
  };
}

/** A strict or stripping object: every shape key checked as zod's object parse does (`input[key]`, `key in input`). */
function objectAccept(def: z.core.$ZodObjectDef): Accept {
  const shape = def.shape;
  if (Object.getOwnPropertySymbols(shape).length > 0) throw new Unmodelled('symbol keys');
  const keys = Object.keys(shape);
  if (keys.includes('__proto__')) throw new Unmodelled('a "__proto__" key');
  const catchall = def.catchall === undefined ? null : def.catchall._zod.def.type;
  if (catchall !== null && catchall !== 'never') throw new Unmodelled('a catchall schema');
  const known: ReadonlySet<string> = new Set(keys);
  const accepts: Accept[] = [];
  const optional: boolean[] = [];
  for (const key of keys) {
    const field = shape[key];
    if (field === undefined) throw new Unmodelled('a missing field schema');
    const isOptional = field._zod.def.type === 'optional';
    if (field._zod.optin !== undefined && !isOptional) throw new Unmodelled('a default');
    accepts.push(compile(field));
    optional.push(isOptional);
  }
  const strict = catchall === 'never';
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const input = v as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const x = input[key];
      // An absent optional key passes; an absent required one is "missing" even where undefined would pass.
      if (x === undefined && !(key in input)) {
        if (optional[i] !== true) return false;
      } else if (accepts[i]?.(x) !== true) return false;
    }
    // zod's strict catchall walks `for…in` (inherited enumerable keys included).
    if (strict) for (const key in input) if (!known.has(key)) return false;
    return true;
  };
}

/**
 * A discriminated union: the option its tag names decides, as in zod (which refuses to build one
 * where two options claim a tag). Only options whose tag is a literal or an enum are modelled.
 */
function discriminated(def: z.core.$ZodDiscriminatedUnionDef): Accept {
  const tag = def.discriminator;
  const byTag = new Map<unknown, Accept>();
  for (const option of def.options) {
    const odef = (option as z.core.$ZodTypes)._zod.def;
    const tagSchema = odef.type === 'object' ? odef.shape[tag] : undefined;
    const tags = tagSchema?._zod.values;
    const kind = tagSchema?._zod.def.type;
    if (tags === undefined || (kind !== 'literal' && kind !== 'enum')) throw new Unmodelled('a computed tag');
    const accept = compile(option);
    for (const t of tags) byTag.set(t, accept);
  }
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const accept = byTag.get((v as Record<string, unknown>)[tag]);
    return accept !== undefined && accept(v);
  };
}

function compile(schema: z.core.$ZodType): Accept {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  if ('check' in def) throw new Unmodelled('a schema that is a check');
  if ('coerce' in def && def.coerce) throw new Unmodelled('coercion');
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'string':
      if ('format' in def && def.format !== undefined) throw new Unmodelled('a string format');
      return stringAccept(checks);
    case 'number':
      return numberAccept(checks);
    case 'boolean':
      if (checks.length > 0) break;
      return (v) => typeof v === 'boolean';
    case 'unknown':
      if (checks.length > 0) break;
      return ALWAYS;
    case 'literal':
    case 'enum': {
      const values = schema._zod.values;
      if (checks.length > 0 || values === undefined) break;
      const set: ReadonlySet<unknown> = values;
      return (v) => set.has(v);
    }
    case 'optional': {
      if (checks.length > 0 || def.innerType._zod.optin === 'defaulted') break;
      const inner = compile(def.innerType);
      return (v) => v === undefined || inner(v);
    }
    case 'union': {
      if (checks.length > 0) break;
      if ('discriminator' in def) return discriminated(def as z.core.$ZodDiscriminatedUnionDef);
      // An exclusive union (z.xor) wants exactly one option: not modelled.
      if (def.inclusive === false) break;
      return any(def.options.map(compile));
    }
    case 'array': {
      const element = compile(def.element);
      const { min, max } = lengthBounds(checks, false);
      return (v) => {
        if (!Array.isArray(v) || v.length < min || v.length > max) return false;
        if (element !== ALWAYS) for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'record': {
      // Only z.record(z.string(), …): every own key is a string unless it is a symbol.
      const key = def.keyType._zod.def;
      if (checks.length > 0 || key.type !== 'string' || (key.checks ?? []).length > 0 || 'format' in key) break;
      if (def.mode === 'loose') break;
      const value = compile(def.valueType);
      return (v) => {
        if (!z.core.util.isPlainObject(v) || Object.getOwnPropertySymbols(v).length > 0) return false;
        if (value !== ALWAYS) for (const k of Object.keys(v)) if (!value(v[k])) return false;
        return true;
      };
    }
    case 'object':
      if (checks.length > 0) break;
      return objectAccept(def);
    default:
      break;
  }
  throw new Unmodelled(def.type);
}

/** Predicates already read from their schemas: a page compiles only the ops its file uses. */
const COMPILED = new WeakMap<z.core.$ZodType, Accept>();

/** The yes-only predicate of `schema` (see the module comment); a schema it cannot model gets one that always asks zod. */
export function quickAccept(schema: z.core.$ZodType): Accept {
  let accept = COMPILED.get(schema);
  if (accept === undefined) {
    try {
      accept = compile(schema);
    } catch (e) {
      if (!(e instanceof Unmodelled)) throw e;
      accept = NEVER;
    }
    COMPILED.set(schema, accept);
  }
  return accept;
}
