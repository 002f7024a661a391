/**
 * The project's wording for schema problems zod would otherwise describe in its own terms
 * ("Too big: expected int to be <=9007199254740991", "Invalid string: must match pattern /…/").
 * The schema gives most fields their own message; this map is what every parse passes as its
 * fallback (zod's per-parse error map: a schema's own message still wins), so no raw zod or
 * regex text reaches a user.
 */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

function limit(n: number | bigint): string {
  return typeof n === 'bigint' || Number.isSafeInteger(n) ? n.toLocaleString('en-US') : String(n);
}

function shown(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/** One sentence for a zod issue, in the project's words (without the field path, which the caller adds). */
export function wordIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_big':
      if (issue.origin === 'string') return `expected at most ${limit(issue.maximum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `expected at most ${limit(issue.maximum)} items`;
      return `expected a number no larger than ${limit(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'expected a non-empty string'
          : `expected at least ${limit(issue.minimum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `expected at least ${limit(issue.minimum)} items`;
      if (Number(issue.minimum) === 0)
        return issue.inclusive === false ? 'expected a number above 0' : 'expected a number that is not negative';
      return `expected a number of at least ${limit(issue.minimum)}`;
    case 'invalid_format':
      return 'is not written in the expected form';
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${shown(issue.values[0])}`
        : `expected one of ${issue.values.map(shown).join(', ')}`;
    case 'invalid_union':
      return 'does not match any accepted form of this field';
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return 'unknown field';
    default:
      return 'is not valid here';
  }
}

/** The per-parse error map for `safeParse(value, PARSE_OPTIONS)`. */
export const PARSE_OPTIONS = { error: (issue: Issue) => wordIssue(issue) } as const;
