/**
 * Field schemas the scenario file and the guest's vSMMU commands share (schema.ts, vsmmuCommands.ts):
 * one wording of "what a hex address or a size looks like" wherever a file names one.
 */
import * as z from 'zod/mini';

/**
 * What the file format says of a value of the wrong form, by the kind of field (MODEL.md's words,
 * e.g. `steps[3].iova: expected a hex string`). Exported so that a form can say the same refusal in
 * its own words (app/actions/fieldIssue.ts): the engine still decides which field is wrong.
 */
export const FIELD_MESSAGES = {
  hex: 'expected a hex string',
  size: 'expected a size (a byte count, or a string such as "4KiB", "2MiB", "1GiB" or "0x1000")',
  id: 'expected an id (a non-empty string)',
  bdf: 'expected a BDF string "SSSS:BB:DD.F"',
} as const;

/**
 * `0x` and hex digits, any number of them: the form MODEL.md names ("not hex" makes a file invalid, in
 * its words: `steps[3].iova: expected a hex string`). A value of that form an op cannot take (wider
 * than 64 bits, beyond the address width) is the op's EINVAL, never a refusal of the whole file.
 */
export const hexAddr = z.string({ error: FIELD_MESSAGES.hex }).check(z.regex(/^0x[0-9a-fA-F]+$/, FIELD_MESSAGES.hex));

const SIZE_MSG = FIELD_MESSAGES.size;
export const size = z.union(
  [
    z.number({ error: SIZE_MSG }).check(z.int(SIZE_MSG), z.nonnegative(SIZE_MSG)),
    z.string({ error: SIZE_MSG }).check(z.regex(/^(\d+\s*(B|KiB|MiB|GiB|TiB)?|0x[0-9a-fA-F]+)$/, SIZE_MSG)),
  ],
  { error: SIZE_MSG },
);
