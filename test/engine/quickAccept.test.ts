/**
 * quickAccept (src/engine/scenario/quickAccept.ts) answers `true` only where zod accepts: checked
 * field by field for every op with values on the edge of each field's form, on random values, and on
 * the nested parts (expect, stage1, vSMMU commands, platform). It must also say `true` to every step
 * of the built-in scenarios, or the shortcut would be silently lost (correct, but slow again).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OP_NAMES, OP_SCHEMAS, type OpName } from '../../src/engine/index.ts';
import { quickAccept } from '../../src/engine/scenario/quickAccept.ts';
import { platformSchema } from '../../src/engine/scenario/schema.ts';
import { vsmmuCommand, vsmmuCommands } from '../../src/engine/scenario/vsmmuCommands.ts';
import { PARSE_OPTIONS } from '../../src/engine/scenario/wording.ts';
import { BASES, ODD } from '../helpers/mutatedScenarios.ts';
import type * as z from 'zod/mini';

type Obj = Record<string, unknown>;

/** One valid step per op: the first of each in the built-in scenarios, and a few written here. */
const SAMPLES = new Map<string, Obj>([
  ['removeMdev', { op: 'removeMdev', id: 'm' }],
  ['ioasidAlloc', { op: 'ioasidAlloc', id: 'io' }],
  ['ioasidMap', { op: 'ioasidMap', ioasid: 'io', iova: '0x0', pa: '0x1000', size: '4KiB', prot: 'rw' }],
  ['ioasidUnmap', { op: 'ioasidUnmap', ioasid: 'io', iova: '0x0', size: 4096 }],
  ['ioasidAttach', { op: 'ioasidAttach', ioasid: 'io', device: 'm' }],
]);
for (const base of BASES)
  for (const step of (base as { steps: Obj[] }).steps)
    if (!SAMPLES.has(step.op as string)) SAMPLES.set(step.op as string, step);

const schemaOf = (op: string) => OP_SCHEMAS[op as OpName] as z.core.$ZodType;
const zodAccepts = (schema: z.core.$ZodType, v: unknown) =>
  (schema as z.ZodMiniType).safeParse(v, PARSE_OPTIONS).success;

/** quickAccept's promise for one value: a yes is zod's yes. */
function sound(schema: z.core.$ZodType, v: unknown): boolean {
  return !quickAccept(schema)(v) || zodAccepts(schema, v);
}

const EDGE: readonly unknown[] = [...ODD, undefined];

describe('quickAccept', () => {
  it('says yes to every step of every built-in scenario (the shortcut is not silently lost)', () => {
    expect([...SAMPLES.keys()].sort()).toEqual([...OP_NAMES].sort());
    for (const base of BASES)
      for (const step of (base as { steps: Obj[] }).steps)
        expect(quickAccept(schemaOf(step.op as string))(step)).toBe(true);
    expect(quickAccept(platformSchema)({ iommu: 'smmuv3', addressWidth: 48, hostMemory: '16GiB' })).toBe(true);
  });

  it('says yes only where zod does: every field of every op set to each edge value, or removed', () => {
    let yes = 0;
    let checked = 0;
    for (const [op, sample] of SAMPLES) {
      const schema = schemaOf(op);
      const keys = new Set([...Object.keys(sample), ...Object.keys((schema as z.ZodMiniObject).def.shape), 'extra']);
      for (const key of keys) {
        const { [key]: _, ...without } = sample;
        expect(sound(schema, without)).toBe(true);
        for (const value of EDGE) {
          const v = { ...sample, [key]: value };
          checked++;
          if (quickAccept(schema)(v)) yes++;
          if (!sound(schema, v)) throw new Error(`quickAccept said yes, zod no: ${JSON.stringify(v)}`);
        }
      }
    }
    // Both answers happen (the edge values are on both sides of the forms).
    expect(yes).toBeGreaterThan(100);
    expect(checked - yes).toBeGreaterThan(1000);
  });

  it('in the nested parts: expect, stage1, vSMMU commands and platform', () => {
    const nested: [z.core.$ZodType, Obj, readonly string[]][] = [
      [
        schemaOf('detach'),
        { op: 'detach', device: 'a', expect: {} },
        ['ok', 'error', 'fault', 'pa', 'pasid', 'result', 'x'],
      ],
      [
        schemaOf('hwptAlloc'),
        { op: 'hwptAlloc', id: 'h', device: 'd', pt: 'p', stage1: { table: 't' } },
        ['table', 'pasids', 'x'],
      ],
      [platformSchema, {}, ['iommu', 'addressWidth', 'hostMemory', 'caches', 'pageTable', 'x']],
      [vsmmuCommand, { cmd: 'CMD_ATC_INV', device: 'd' }, ['cmd', 'device', 'pasid', 'iova', 'size', 'asid', 'x']],
      [vsmmuCommand, { cmd: 'CMD_SYNC' }, ['cmd', 'device', 'pasid', 'iova', 'size', 'asid', 'x']],
    ];
    for (const [schema, sample, keys] of nested) {
      const inner = (v: unknown): unknown =>
        'op' in sample ? { ...sample, [sample.op === 'detach' ? 'expect' : 'stage1']: v } : v;
      const part = (sample.expect ?? sample.stage1 ?? sample) as Obj;
      for (const key of keys)
        for (const value of EDGE) {
          const v = inner({ ...part, [key]: value });
          if (!sound(schema, v)) throw new Error(`quickAccept said yes, zod no: ${JSON.stringify(v)}`);
        }
    }
    for (const value of EDGE) {
      expect(sound(vsmmuCommands, [value])).toBe(true);
      expect(sound(vsmmuCommands, value)).toBe(true);
    }
    expect(
      sound(
        vsmmuCommands,
        Array.from({ length: 65 }, () => ({ cmd: 'CMD_SYNC' })),
      ),
    ).toBe(true);
    expect(quickAccept(vsmmuCommands)([{ cmd: 'CMD_TLBI_NH_ASID', asid: 1 }])).toBe(true);
  });

  it('says yes only where zod does, on random values for every schema', () => {
    const schemas = [...OP_NAMES.map(schemaOf), platformSchema, vsmmuCommands, vsmmuCommand];
    const near = fc.record({
      op: fc.constantFrom(...OP_NAMES),
      fields: fc.dictionary(
        fc.constantFrom('id', 'device', 'domain', 'iova', 'pa', 'size', 'prot', 'wq', 'pasid', 'vm', 'kind', 'bdf'),
        fc.oneof(fc.constantFrom(...EDGE), fc.jsonValue({ maxDepth: 1 })),
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...schemas),
        fc.oneof(
          fc.anything(),
          near.map((n) => ({ op: n.op, ...n.fields })),
        ),
        (s, v) => sound(s, v),
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves to zod what it does not count exactly: an id of 150 emoji is 300 UTF-16 units but 150 characters', () => {
    const step = { op: 'detach', device: '😀'.repeat(150) };
    expect(quickAccept(schemaOf('detach'))(step)).toBe(false);
    expect(zodAccepts(schemaOf('detach'), step)).toBe(true);
  });
});
