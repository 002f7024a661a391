/**
 * The scenario file format (MODEL.md, `pasid-atlas/scenario@1`), as zod schemas. A value of the
 * wrong form (not hex, unknown op, missing or extra field, wrong type) is refused here, before
 * anything runs; values of the right form that an op cannot accept are the op's EINVAL.
 *
 * Written with `zod/mini` (zod 4's functional API: checks are functions, not methods), which the
 * bundler can trim to the schema kinds used here: the classic API carries every kind, its JSON
 * Schema converter and the English locale, ~25 KiB gzip on the workbench's first paint (issue 11).
 * Every message is set here or by wording.ts, so the locale zod/mini leaves out is never needed.
 */
import * as z from 'zod/mini';
import { FIELD_MESSAGES, hexAddr, size } from './fields.ts';
import { SCENARIO_FORMAT } from './format.ts';
import { vsmmuCommands } from './vsmmuCommands.ts';

export { SCENARIO_FORMAT };

const id = z
  .string({ error: FIELD_MESSAGES.id })
  .check(z.minLength(1, FIELD_MESSAGES.id), z.maxLength(200, 'an id has at most 200 characters'));
const bdf = z
  .string({ error: FIELD_MESSAGES.bdf })
  .check(z.regex(/^([0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$/, FIELD_MESSAGES.bdf));
const prot = z.enum(['r', 'w', 'rw'], { error: 'expected "r", "w" or "rw"' });
const smallInt = z.number({ error: 'expected a whole number' }).check(z.int('expected a whole number'));
const bool = z.boolean({ error: 'expected true or false' });
const PASID_MSG = 'expected a PASID, a whole number from 0 to 1048575';
const pasid = z.number({ error: PASID_MSG }).check(z.int(PASID_MSG), z.gte(0, PASID_MSG), z.lte(0xfffff, PASID_MSG));

export const FAULT_NAMES = [
  'no-context',
  'no-pasid',
  'blocked',
  'not-mapped',
  'write-denied',
  'read-denied',
  'beyond-width',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

const expectSchema = z.strictObject({
  ok: z.optional(bool),
  error: z.optional(
    z
      .string({ error: 'expected an errno name' })
      .check(z.regex(/^E[A-Z0-9]+$/, 'expected an errno name such as "EBUSY"')),
  ),
  fault: z.optional(z.enum(FAULT_NAMES, { error: `expected a fault name (${FAULT_NAMES.join(', ')})` })),
  pa: z.optional(hexAddr),
  pasid: z.optional(pasid),
  result: z.optional(z.record(z.string(), z.unknown(), { error: 'expected an object' })),
});
export type Expectation = z.infer<typeof expectSchema>;

const step = <O extends string, T extends z.core.$ZodLooseShape>(op: O, shape: T) =>
  z.strictObject({ op: z.literal(op), ...shape, expect: z.optional(expectSchema) });

export const OP_SCHEMAS = {
  addDevice: step('addDevice', {
    id,
    bdf,
    kind: z.enum(['pdev', 'parent'], { error: 'expected "pdev" or "parent"' }),
    wqs: z.optional(smallInt),
    pasid: z.optional(bool),
    pasidBits: z.optional(smallInt),
    ats: z.optional(bool),
  }),
  createVm: step('createVm', { id, memory: size, hpa: z.optional(hexAddr) }),
  createMdev: step('createMdev', { id, parent: id, wq: smallInt }),
  useWq: step('useWq', { device: id, wq: smallInt }),
  assign: step('assign', { device: id, vm: id }),
  unassign: step('unassign', { device: id }),
  removeMdev: step('removeMdev', { id }),
  allocDomain: step('allocDomain', {
    id,
    type: z.enum(['DMA', 'DMA_FQ', 'UNMANAGED', 'IDENTITY', 'BLOCKED'], {
      error: 'expected "DMA", "DMA_FQ", "UNMANAGED", "IDENTITY" or "BLOCKED"',
    }),
  }),
  freeDomain: step('freeDomain', { id }),
  enableFeature: step('enableFeature', {
    device: id,
    feature: z.enum(['AUX', 'SVA'], { error: 'expected "AUX" or "SVA"' }),
  }),
  attach: step('attach', { domain: id, device: id }),
  detach: step('detach', { device: id }),
  auxAttach: step('auxAttach', { domain: id, device: id, wq: z.optional(smallInt) }),
  auxDetach: step('auxDetach', { domain: id, device: id, wq: z.optional(smallInt) }),
  map: step('map', { domain: id, iova: hexAddr, pa: hexAddr, size, prot }),
  unmap: step('unmap', { domain: id, iova: hexAddr, size }),
  ioasidAlloc: step('ioasidAlloc', { id }),
  ioasidMap: step('ioasidMap', { ioasid: id, iova: hexAddr, pa: hexAddr, size, prot }),
  ioasidUnmap: step('ioasidUnmap', { ioasid: id, iova: hexAddr, size }),
  ioasidAttach: step('ioasidAttach', { ioasid: id, device: id }),
  // iommufd (Linux 6.2+; PASID attach 6.15)
  bindDevice: step('bindDevice', { device: id }),
  ioasAlloc: step('ioasAlloc', { id }),
  ioasMap: step('ioasMap', { ioas: id, iova: z.optional(hexAddr), pa: hexAddr, size, prot }),
  ioasUnmap: step('ioasUnmap', {
    ioas: id,
    iova: z.optional(hexAddr),
    size: z.union([z.literal('all'), size], { error: 'expected a size or "all"' }),
  }),
  ioasCopy: step('ioasCopy', { src: id, srcIova: hexAddr, dst: id, dstIova: z.optional(hexAddr), size }),
  hwptAlloc: step('hwptAlloc', {
    id,
    device: id,
    pt: id,
    nestParent: z.optional(bool),
    stage1: z.optional(
      z.strictObject(
        {
          table: id,
          // SMMUv3: more CDs in the guest's own CD table, SubstreamID → guest table (smmu/guestCd.ts).
          pasids: z.optional(
            z.array(
              z.strictObject({ pasid, table: id }, { error: 'expected { "pasid": <n>, "table": <guest table id> }' }),
            ),
          ),
        },
        { error: 'expected { "table": <guest table id> }' },
      ),
    ),
  }),
  deviceAttach: step('deviceAttach', { device: id, pt: id, pasid: z.optional(pasid) }),
  deviceReplace: step('deviceReplace', { device: id, pt: id, pasid: z.optional(pasid) }),
  deviceDetach: step('deviceDetach', { device: id, pasid: z.optional(pasid) }),
  destroy: step('destroy', { id }),
  // IOMMU_HWPT_INVALIDATE on a nested HWPT: the guest's own invalidations (SMMUv3 commands, smmu/vsmmu.ts)
  hwptInvalidate: step('hwptInvalidate', { hwpt: id, commands: vsmmuCommands }),
  // Guest first-level tables (nested translation) and host processes (SVA)
  guestTableAlloc: step('guestTableAlloc', { id, vm: id }),
  guestMap: step('guestMap', { table: id, va: hexAddr, gpa: hexAddr, size, prot }),
  processAlloc: step('processAlloc', { id }),
  processMap: step('processMap', { process: id, va: hexAddr, pa: hexAddr, size, prot }),
  svaBind: step('svaBind', { device: id, process: id }),
  svaUnbind: step('svaUnbind', { device: id, process: z.optional(id), pasid: z.optional(pasid) }),
  // Invalidation lab (design-review kit)
  flushQueue: step('flushQueue', { domain: z.optional(id) }),
  skipInvalidation: step('skipInvalidation', {}),
  dma: step('dma', {
    device: id,
    pasid: z.optional(pasid),
    iova: hexAddr,
    access: z.enum(['read', 'write'], { error: 'expected "read" or "write"' }),
  }),
} as const;

export type OpName = keyof typeof OP_SCHEMAS;
export const OP_NAMES = Object.keys(OP_SCHEMAS) as OpName[];
export type CommandOf<K extends OpName> = Omit<z.infer<(typeof OP_SCHEMAS)[K]>, 'expect'>;
export type Command = { [K in OpName]: CommandOf<K> }[OpName];
export type Step = Command & { expect?: Expectation };

export const platformSchema = z.strictObject({
  iommu: z.optional(z.enum(['vtd', 'smmuv3', 'amd-vi'], { error: 'expected "vtd", "smmuv3" or "amd-vi"' })),
  addressWidth: z.optional(z.union([z.literal(39), z.literal(48), z.literal(57)], { error: 'expected 39, 48 or 57' })),
  hostMemory: z.optional(size),
  caches: z.optional(z.enum(['iotlb', 'all'], { error: 'expected "iotlb" or "all"' })),
  pageTable: z.optional(z.enum(['v1', 'v2'], { error: 'expected "v1" or "v2"' })),
});
export type PlatformInput = z.infer<typeof platformSchema>;

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  title?: string;
  description?: string;
  platform?: PlatformInput;
  steps: Step[];
}
