/**
 * Field schemas the scenario file and the guest's vSMMU commands share (schema.ts, vsmmuCommands.ts):
 * one wording of "what a hex address or a size looks like" wherever a file names one.
 */
import * as z from 'zod/mini';

export const hexAddr = z
  .string({ error: 'expected a hex string' })
  .check(z.regex(/^0x[0-9a-fA-F]{1,16}$/, 'expected a hex string (0x followed by 1 to 16 hex digits)'));

const SIZE_MSG = 'expected a size (a byte count, or a string such as "4KiB", "2MiB", "1GiB" or "0x1000")';
export const size = z.union(
  [
    z.number({ error: SIZE_MSG }).check(z.int(SIZE_MSG), z.nonnegative(SIZE_MSG)),
    z.string({ error: SIZE_MSG }).check(z.regex(/^(\d+\s*(B|KiB|MiB|GiB|TiB)?|0x[0-9a-fA-F]{1,16})$/, SIZE_MSG)),
  ],
  { error: SIZE_MSG },
);
