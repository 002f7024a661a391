/**
 * A small description of every op's form: field name → kind. Forms are generated from it; values
 * are strings in the form and turned into a command here, then validated by the engine's validateCommand.
 */
import type { OpName } from '../../engine/index.ts';

/** Where a reference field takes its choices from (see refOptions.ts). */
export type RefSource = 'devices' | 'parents' | 'assignable' | 'mdevs' | 'vms' | 'domains' | 'ioasids' | 'dmaSources';

export type FieldKind =
  | { kind: 'newId' }
  | { kind: 'ref'; source: RefSource }
  | { kind: 'hex' }
  | { kind: 'size' }
  | { kind: 'int' }
  | { kind: 'bool' }
  | { kind: 'text' }
  | { kind: 'enum'; options: readonly string[] };

export interface FieldSpec {
  readonly name: string;
  readonly field: FieldKind;
  readonly optional?: boolean;
  readonly initial?: string;
  readonly help?: string;
}

const f = (name: string, field: FieldKind, extra: Partial<Omit<FieldSpec, 'name' | 'field'>> = {}): FieldSpec => ({
  name,
  field,
  ...extra,
});
const ref = (source: RefSource): FieldKind => ({ kind: 'ref', source });
const prot = f('prot', { kind: 'enum', options: ['rw', 'r', 'w'] });

export const OP_FIELDS: Readonly<Record<OpName, readonly FieldSpec[]>> = {
  addDevice: [
    f('id', { kind: 'newId' }, { initial: 'dsa0' }),
    f('bdf', { kind: 'text' }, { initial: '0000:6a:01.0', help: 'SSSS:BB:DD.F' }),
    f('kind', { kind: 'enum', options: ['parent', 'pdev'] }),
    f('wqs', { kind: 'int' }, { optional: true, initial: '3', help: 'parent: 1–8 work queues' }),
    f('pasid', { kind: 'bool' }, { optional: true }),
    f('pasidBits', { kind: 'int' }, { optional: true }),
    // The schema's ATS capability: the device caches translations (a device TLB), so unmaps also need a
    // device-TLB / ATC / IOTLB_PAGES invalidation, and VT-d sets the context entry's DTE bit.
    f('ats', { kind: 'bool' }, { optional: true, help: 'PCIe ATS: the device keeps its own translation cache' }),
  ],
  createVm: [
    f('id', { kind: 'newId' }, { initial: 'vm1' }),
    f('memory', { kind: 'size' }, { initial: '1GiB' }),
    f('hpa', { kind: 'hex' }, { optional: true }),
  ],
  createMdev: [
    f('id', { kind: 'newId' }, { initial: 'mdev1' }),
    f('parent', ref('parents')),
    f('wq', { kind: 'int' }, { initial: '1' }),
  ],
  useWq: [f('device', ref('parents')), f('wq', { kind: 'int' }, { initial: '0' })],
  assign: [f('device', ref('assignable')), f('vm', ref('vms'))],
  unassign: [f('device', ref('assignable'))],
  removeMdev: [f('id', ref('mdevs'))],
  allocDomain: [
    f('id', { kind: 'newId' }, { initial: 'domain1' }),
    f('type', { kind: 'enum', options: ['UNMANAGED', 'DMA', 'DMA_FQ', 'IDENTITY', 'BLOCKED'] }),
  ],
  freeDomain: [f('id', ref('domains'))],
  enableFeature: [f('device', ref('devices')), f('feature', { kind: 'enum', options: ['AUX', 'SVA'] })],
  attach: [f('domain', ref('domains')), f('device', ref('devices'))],
  detach: [f('device', ref('devices'))],
  auxAttach: [
    f('domain', ref('domains')),
    f('device', ref('dmaSources')),
    f('wq', { kind: 'int' }, { optional: true }),
  ],
  auxDetach: [
    f('domain', ref('domains')),
    f('device', ref('dmaSources')),
    f('wq', { kind: 'int' }, { optional: true }),
  ],
  map: [
    f('domain', ref('domains')),
    f('iova', { kind: 'hex' }, { initial: '0x0' }),
    f('pa', { kind: 'hex' }, { initial: '0x10000000' }),
    f('size', { kind: 'size' }, { initial: '4KiB' }),
    prot,
  ],
  unmap: [
    f('domain', ref('domains')),
    f('iova', { kind: 'hex' }, { initial: '0x0' }),
    f('size', { kind: 'size' }, { initial: '4KiB' }),
  ],
  ioasidAlloc: [f('id', { kind: 'newId' }, { initial: 'ioasid1' })],
  ioasidMap: [
    f('ioasid', ref('ioasids')),
    f('iova', { kind: 'hex' }, { initial: '0x0' }),
    f('pa', { kind: 'hex' }, { initial: '0x10000000' }),
    f('size', { kind: 'size' }, { initial: '4KiB' }),
    prot,
  ],
  ioasidUnmap: [
    f('ioasid', ref('ioasids')),
    f('iova', { kind: 'hex' }, { initial: '0x0' }),
    f('size', { kind: 'size' }, { initial: '4KiB' }),
  ],
  ioasidAttach: [f('ioasid', ref('ioasids')), f('device', ref('dmaSources'))],
  // iommufd: references to IOAS / HWPT / guest tables / processes are typed as ids.
  bindDevice: [f('device', ref('devices'))],
  ioasAlloc: [f('id', { kind: 'newId' }, { initial: 'ioas1' })],
  ioasMap: [
    f('ioas', { kind: 'text' }, { initial: 'ioas1' }),
    f('iova', { kind: 'hex' }, { optional: true, help: 'empty: the kernel picks one' }),
    f('pa', { kind: 'hex' }, { initial: '0x10000000' }),
    f('size', { kind: 'size' }, { initial: '2MiB' }),
    prot,
  ],
  ioasUnmap: [
    f('ioas', { kind: 'text' }, { initial: 'ioas1' }),
    f('iova', { kind: 'hex' }, { optional: true }),
    f('size', { kind: 'text' }, { initial: 'all', help: 'a size, or "all"' }),
  ],
  ioasCopy: [
    f('src', { kind: 'text' }),
    f('srcIova', { kind: 'hex' }, { initial: '0x0' }),
    f('dst', { kind: 'text' }),
    f('dstIova', { kind: 'hex' }, { optional: true }),
    f('size', { kind: 'size' }, { initial: '4KiB' }),
  ],
  hwptAlloc: [
    f('id', { kind: 'newId' }, { initial: 'hwpt1' }),
    f('device', ref('devices')),
    f('pt', { kind: 'text' }, { help: 'an IOAS, or a NEST_PARENT HWPT' }),
    f('nestParent', { kind: 'bool' }, { optional: true }),
    f('stage1', { kind: 'text' }, { optional: true, help: 'guest table id (nested HWPT only)' }),
  ],
  hwptInvalidate: [
    f('hwpt', { kind: 'text' }, { help: 'a nested HWPT (its vSMMU)' }),
    f(
      'commands',
      { kind: 'text' },
      {
        initial: '[{"cmd": "CMD_TLBI_NH_ALL"}]',
        help: 'JSON array of SMMUv3 commands, e.g. {"cmd": "CMD_TLBI_NH_VA", "asid": 1, "iova": "0x0", "size": "4KiB"}',
      },
    ),
  ],
  deviceAttach: [
    f('device', ref('devices')),
    f('pt', { kind: 'text' }, { help: 'an IOAS or a HWPT' }),
    f('pasid', { kind: 'int' }, { optional: true }),
  ],
  deviceReplace: [
    f('device', ref('devices')),
    f('pt', { kind: 'text' }),
    f('pasid', { kind: 'int' }, { optional: true }),
  ],
  deviceDetach: [f('device', ref('devices')), f('pasid', { kind: 'int' }, { optional: true })],
  destroy: [f('id', { kind: 'text' }, { help: 'an IOAS or a HWPT' })],
  guestTableAlloc: [f('id', { kind: 'newId' }, { initial: 'gpt1' }), f('vm', ref('vms'))],
  guestMap: [
    f('table', { kind: 'text' }, { initial: 'gpt1' }),
    f('va', { kind: 'hex' }, { initial: '0x400000' }),
    f('gpa', { kind: 'hex' }, { initial: '0x100000' }),
    f('size', { kind: 'size' }, { initial: '4KiB' }),
    prot,
  ],
  processAlloc: [f('id', { kind: 'newId' }, { initial: 'proc1' })],
  processMap: [
    f('process', { kind: 'text' }, { initial: 'proc1' }),
    f('va', { kind: 'hex' }, { initial: '0x7f0000000000' }),
    f('pa', { kind: 'hex' }, { initial: '0x20000000' }),
    f('size', { kind: 'size' }, { initial: '4KiB' }),
    prot,
  ],
  svaBind: [f('device', ref('devices')), f('process', { kind: 'text' }, { initial: 'proc1' })],
  svaUnbind: [
    f('device', ref('devices')),
    f('process', { kind: 'text' }, { optional: true, initial: 'proc1', help: 'the bound process, or give its pasid' }),
    f('pasid', { kind: 'int' }, { optional: true }),
  ],
  flushQueue: [f('domain', ref('domains'), { optional: true, help: 'empty: every DMA_FQ domain' })],
  skipInvalidation: [],
  dma: [
    f('device', ref('dmaSources')),
    f('pasid', { kind: 'int' }, { optional: true }),
    f('iova', { kind: 'hex' }, { initial: '0x2000' }),
    f('access', { kind: 'enum', options: ['read', 'write'] }),
  ],
};

/** Ops in the order the picker lists them. */
export const FORM_OPS = Object.keys(OP_FIELDS) as OpName[];

/** Initial string values of an op's form, overridden by `prefill`. */
export function initialValues(op: OpName, prefill: Readonly<Record<string, string>> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of OP_FIELDS[op]) {
    const firstChoice = spec.field.kind === 'enum' && !spec.optional ? (spec.field.options[0] ?? '') : '';
    out[spec.name] = prefill[spec.name] ?? spec.initial ?? firstChoice;
  }
  return out;
}

/**
 * Digits typed in a number field, as a number when a JSON number holds it exactly; otherwise the text
 * itself, which the engine then refuses as the field's kind (a size it reads as a string) instead of
 * telling the form user to write it as a JSON string.
 */
export function digitsOr(raw: string, pattern: RegExp): number | string {
  return pattern.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
}

/** Turn form strings into a command object (not yet validated): empty optional fields are left out. */
export function commandFromValues(op: OpName, values: Readonly<Record<string, string>>): Record<string, unknown> {
  const cmd: Record<string, unknown> = { op };
  for (const spec of OP_FIELDS[op]) {
    const raw = (values[spec.name] ?? '').trim();
    if (raw === '' && spec.optional) continue;
    switch (spec.field.kind) {
      case 'int':
        cmd[spec.name] = digitsOr(raw, /^-?\d+$/);
        break;
      case 'bool':
        cmd[spec.name] = raw === 'true' ? true : raw === 'false' ? false : raw;
        break;
      case 'size':
        cmd[spec.name] = digitsOr(raw, /^\d+$/);
        break;
      default:
        // hwptAlloc's stage1 is an object naming the guest table; hwptInvalidate's commands a JSON array.
        cmd[spec.name] =
          op === 'hwptAlloc' && spec.name === 'stage1'
            ? { table: raw }
            : op === 'hwptInvalidate' && spec.name === 'commands'
              ? jsonOr(raw)
              : raw;
    }
  }
  return cmd;
}

/** A JSON value typed in a form field, or the text itself (validation then names what is wrong). */
function jsonOr(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
