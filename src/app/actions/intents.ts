/**
 * Guided actions: what people want to build, each one line in kernel terms, expanded into the raw
 * ops it stands for (the log shows those ops; the store applies them as one undo step). Defaults
 * come from the state through engine/inspect/reach.ts. The seed (three WQs) is four of these:
 * add a DSA, give the host a WQ, give a new VM a WQ as an mdev (twice).
 */
import { parseSize, type EngineState } from '../../engine/index.ts';
import { dmaTargets, nextFreeBdf, nextFreeId, nextFreeIova, nextFreeRamBase } from '../../engine/inspect/reach.ts';
import type { Choice, FieldDef, Values } from './fieldModel.ts';
import { digitsOr } from './opFields.ts';
import { rangeChoices, wqFieldChoices, WQ_HINT } from './stateChoices.ts';

export type IntentGroup = 'Devices' | 'Host' | 'VMs' | 'Memory' | 'DMA';
export const INTENT_GROUPS: readonly IntentGroup[] = ['Devices', 'Host', 'VMs', 'Memory', 'DMA'];

export interface Intent {
  readonly id: string;
  readonly group: IntentGroup;
  readonly title: string;
  /** What it does in kernel terms, one line. */
  readonly summary: string;
  /** Extra words the palette matches (op names, synonyms). */
  readonly keywords: readonly string[];
  readonly fields: readonly FieldDef[];
  /** The raw commands (not yet validated: IntentForm's validateCommand names a bad field). */
  readonly expand: (v: Values, state: EngineState) => Record<string, unknown>[];
  /**
   * The form field a command's key is built from, as `op.key` → field name, where it is not the field of
   * the same name: a refused value is then shown at the field the user typed it in.
   */
  readonly sources?: Readonly<Record<string, string>>;
}

const plain = (xs: readonly string[]): Choice[] => xs.map((x) => ({ value: x, label: x }));
const NEW_VM = '+new';
const parents = (st: EngineState) => [...st.devices.values()].filter((d) => d.kind === 'parent').map((d) => d.id);
const sizeOr = (s: string) => {
  try {
    return Number(parseSize(/^\d+$/.test(s) ? Number(s) : s));
  } catch {
    return null;
  }
};
const num = (s: string) => digitsOr(s, /^\d+$/);

const text = (name: string, label: string, initial: FieldDef['initial'], extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  kind: 'text',
  initial,
  ...extra,
});
const choice = (
  name: string,
  label: string,
  choices: NonNullable<FieldDef['choices']>,
  initial: FieldDef['initial'],
  extra: Partial<FieldDef> = {},
): FieldDef => ({ name, label, kind: 'choice', choices, initial, ...extra });

const parentField = choice(
  'parent',
  'Device',
  (st) => plain(parents(st)),
  (st) => parents(st).find((p) => wqFieldChoices(st, p).some((w) => w.free)) ?? parents(st)[0] ?? '',
  { drives: true },
);
const wqField = (owner: string) =>
  choice(
    'wq',
    'Work queue',
    (st, v) => wqFieldChoices(st, v[owner] ?? ''),
    (st, v) => wqFieldChoices(st, v[owner] ?? '').find((w) => w.free)?.value ?? '',
    { hint: () => WQ_HINT },
  );
const memoryField = text('memory', 'Guest RAM', () => '1GiB', { placeholder: 'a size: 1GiB, 512MiB' });
const hpaField = (visible?: (v: Values) => boolean) =>
  text('hpa', 'Host RAM at (optional)', (st, v) => nextFreeRamBase(st, sizeOr(v['memory'] ?? '') ?? 2 ** 30) ?? '', {
    optional: true,
    placeholder: 'empty: the engine picks',
    ...(visible ? { visible } : {}),
  });

/** The VMs with nothing assigned yet come first: "give a VM a WQ" usually means a fresh one. */
function vmsWithoutDevices(st: EngineState): string[] {
  const used = new Set([...st.devices.values(), ...st.mdevs.values()].map((d) => d.vm));
  return [...st.vms.keys()].filter((vm) => !used.has(vm));
}

export const INTENTS: readonly Intent[] = [
  {
    id: 'add-dsa',
    group: 'Devices',
    title: 'Add a DSA with work queues',
    summary:
      'addDevice kind=parent: a PASID-capable function (Intel DSA) whose WQs can serve the host or be exported as mdevs.',
    keywords: ['addDevice', 'parent', 'accelerator', 'idxd', 'device', 'wq'],
    fields: [
      text('id', 'Id', (st) => nextFreeId(st, 'dsa', 0)),
      text('bdf', 'BDF', (st) => nextFreeBdf(st), { placeholder: 'SSSS:BB:DD.F' }),
      text('wqs', 'Work queues', () => '3', { placeholder: '1–8' }),
    ],
    expand: (v) => [{ op: 'addDevice', id: v['id'], bdf: v['bdf'], kind: 'parent', wqs: num(v['wqs'] ?? '') }],
  },
  {
    id: 'add-nic',
    group: 'Devices',
    title: 'Add a NIC (a whole PCI function)',
    summary: 'addDevice kind=pdev: one requester ID without PASIDs, translated through its own context entry.',
    keywords: ['addDevice', 'pdev', 'network', 'device', 'passthrough'],
    fields: [
      text('id', 'Id', (st) => nextFreeId(st, 'nic', 0)),
      text('bdf', 'BDF', (st) => nextFreeBdf(st), { placeholder: 'SSSS:BB:DD.F' }),
    ],
    expand: (v) => [{ op: 'addDevice', id: v['id'], bdf: v['bdf'], kind: 'pdev' }],
  },
  {
    id: 'host-wq',
    group: 'Host',
    title: 'Give the host a WQ through a DMA domain',
    summary:
      'allocDomain type DMA → attach (context + RID_PASID entry) → useWq → map: the idxd driver’s own DMA through the DMA API.',
    keywords: ['allocDomain', 'DMA', 'attach', 'useWq', 'map', 'host driver', 'primary', 'domain1', 'iova'],
    fields: [
      parentField,
      wqField('parent'),
      text('domain', 'DMA domain', (st, v) => st.devices.get(v['parent'] ?? '')?.primary ?? nextFreeId(st, 'domain'), {
        hint: (st, v) =>
          st.domains.has(v['domain'] ?? '')
            ? `${v['domain']} exists: it is reused (attached first if it is not the device’s primary yet).`
            : 'A new DMA domain is allocated and attached as the device’s primary domain.',
      }),
      // The DMA API hands out IOVAs top-down below 4 GiB (iova_alloc from dma_32bit_pfn), hence 0xffff0000.
      text('iova', 'IOVA', (st, v) =>
        st.domains.get(v['domain'] ?? '')?.mappings.length ? nextFreeIova(st, v['domain'] ?? '') : '0xffff0000',
      ),
      text('pa', 'Host buffer (PA)', () => '0x10000000'),
      text('size', 'Size (optional)', () => '64KiB', { optional: true, placeholder: 'empty: map nothing' }),
    ],
    sources: { 'allocDomain.id': 'domain', 'attach.device': 'parent', 'useWq.device': 'parent' },
    expand: (v, st) => {
      const device = v['parent'] ?? '';
      const domain = v['domain'] ?? '';
      const out: Record<string, unknown>[] = [];
      if (!st.domains.has(domain)) out.push({ op: 'allocDomain', id: domain, type: 'DMA' });
      if (st.devices.get(device)?.primary !== domain) out.push({ op: 'attach', domain, device });
      out.push({ op: 'useWq', device, wq: num(v['wq'] ?? '') });
      if ((v['size'] ?? '').trim() !== '')
        out.push({ op: 'map', domain, iova: v['iova'], pa: v['pa'], size: num(v['size'] ?? ''), prot: 'rw' });
      return out;
    },
  },
  {
    id: 'vm-mdev',
    group: 'VMs',
    title: 'Give a VM a WQ as an mdev',
    summary:
      'createMdev on a free WQ → assign: the VM’s UNMANAGED GPA domain is aux-attached to the parent and the WQ gets its PASID.',
    keywords: ['createMdev', 'assign', 'createVm', 'aux', 'auxAttach', 'pasid', 'vfio', 'mdev', 'guest'],
    fields: [
      parentField,
      wqField('parent'),
      text('id', 'Mdev id', (st) => nextFreeId(st, 'mdev')),
      choice(
        'vm',
        'VM',
        (st) => [...plain([...st.vms.keys()]), { value: NEW_VM, label: 'a new VM' }],
        (st) => vmsWithoutDevices(st)[0] ?? NEW_VM,
        { drives: true },
      ),
      text('vmId', 'New VM id', (st) => nextFreeId(st, 'vm'), { visible: (v) => v['vm'] === NEW_VM }),
      { ...memoryField, visible: (v) => v['vm'] === NEW_VM },
      hpaField((v) => v['vm'] === NEW_VM),
    ],
    // assign.vm is `vm`, or `vmId` for a new VM, whose createVm comes first and is refused first.
    sources: { 'createVm.id': 'vmId', 'assign.device': 'id' },
    expand: (v) => {
      const fresh = v['vm'] === NEW_VM;
      const vm = fresh ? v['vmId'] : v['vm'];
      const hpa = (v['hpa'] ?? '').trim();
      return [
        ...(fresh ? [{ op: 'createVm', id: vm, memory: num(v['memory'] ?? ''), ...(hpa === '' ? {} : { hpa }) }] : []),
        { op: 'createMdev', id: v['id'], parent: v['parent'], wq: num(v['wq'] ?? '') },
        { op: 'assign', device: v['id'], vm },
      ];
    },
  },
  {
    id: 'create-vm',
    group: 'VMs',
    title: 'Create a VM',
    summary: 'createVm: guest RAM backed by contiguous host frames; its GPA space is built when a device is assigned.',
    keywords: ['createVm', 'guest', 'memory', 'gpa'],
    fields: [text('id', 'Id', (st) => nextFreeId(st, 'vm')), memoryField, hpaField()],
    expand: (v) => {
      const hpa = (v['hpa'] ?? '').trim();
      return [{ op: 'createVm', id: v['id'], memory: num(v['memory'] ?? ''), ...(hpa === '' ? {} : { hpa }) }];
    },
  },
  {
    id: 'export-mdev',
    group: 'VMs',
    title: 'Export a WQ as an mdev',
    summary: 'createMdev: a mediated device on one WQ; it has no RID of its own, so its DMA will carry a PASID.',
    keywords: ['createMdev', 'mdev', 'vfio-mdev', 'wq', 'slice'],
    fields: [parentField, wqField('parent'), text('id', 'Mdev id', (st) => nextFreeId(st, 'mdev'))],
    expand: (v) => [{ op: 'createMdev', id: v['id'], parent: v['parent'], wq: num(v['wq'] ?? '') }],
  },
  {
    id: 'assign',
    group: 'VMs',
    title: 'Assign a device to a VM',
    summary:
      'assign: builds the VM’s GPA domain (all RAM mapped GPA→HPA), attaches a pdev as primary or an mdev as aux (a PASID).',
    keywords: ['assign', 'passthrough', 'vfio', 'gpa', 'aux'],
    fields: [
      choice(
        'device',
        'Device',
        (st) =>
          plain([
            ...[...st.devices.values()].filter((d) => d.kind === 'pdev' && d.vm === null).map((d) => d.id),
            ...[...st.mdevs.values()].filter((m) => m.vm === null).map((m) => m.id),
          ]),
        () => '',
      ),
      choice(
        'vm',
        'VM',
        (st) => plain([...st.vms.keys()]),
        (st) => vmsWithoutDevices(st)[0] ?? '',
      ),
    ],
    expand: (v) => [{ op: 'assign', device: v['device'], vm: v['vm'] }],
  },
  {
    id: 'map',
    group: 'Memory',
    title: 'Map memory into a domain',
    summary: 'map: writes page-table entries IOVA→PA in the domain (2 MiB / 1 GiB leaves where aligned).',
    keywords: ['map', 'iommu_map', 'iova', 'page table', 'buffer'],
    fields: [
      choice(
        'domain',
        'Domain',
        (st) => plain([...st.domains.values()].filter((d) => d.pgd !== null).map((d) => d.id)),
        () => '',
        { drives: true },
      ),
      text('iova', 'IOVA', (st, v) => nextFreeIova(st, v['domain'] ?? '')),
      text('pa', 'PA', () => '0x10000000'),
      text('size', 'Size', () => '64KiB'),
      choice(
        'prot',
        'Access',
        () => plain(['rw', 'r', 'w']),
        () => 'rw',
      ),
    ],
    expand: (v) => [
      { op: 'map', domain: v['domain'], iova: v['iova'], pa: v['pa'], size: num(v['size'] ?? ''), prot: v['prot'] },
    ],
  },
  {
    id: 'dma',
    group: 'DMA',
    title: 'Trace a DMA',
    summary:
      'dma: one request; the IOMMU walks root → context → PASID directory/table → page tables, or records a fault.',
    keywords: ['dma', 'walk', 'translate', 'trace', 'fault', 'iotlb'],
    fields: [
      choice(
        'device',
        'From',
        (st) => plain([...st.devices.keys(), ...st.mdevs.keys()]),
        (st) =>
          [...st.devices.keys(), ...st.mdevs.keys()].find((d) => dmaTargets(st, d).some((t) => t.ranges.length > 0)) ??
          '',
        { drives: true },
      ),
      choice(
        'range',
        'Mapped range',
        (st, v) => [...rangeChoices(st, v['device'] ?? ''), { value: '', label: 'another address (no PASID)' }],
        (st, v) => rangeChoices(st, v['device'] ?? '')[0]?.value ?? '',
        { drives: true },
      ),
      text('iova', 'IOVA', (_st, v) => (v['range'] ?? '').split('@')[1] ?? '0x0'),
      choice(
        'access',
        'Access',
        () => plain(['read', 'write']),
        () => 'read',
      ),
    ],
    sources: { 'dma.pasid': 'range' },
    expand: (v, st) => {
      const pasid = (v['range'] ?? '').split('@')[0] ?? '';
      const carry = pasid !== '' && !st.mdevs.has(v['device'] ?? '');
      return [
        {
          op: 'dma',
          device: v['device'],
          ...(carry ? { pasid: Number(pasid) } : {}),
          iova: v['iova'],
          access: v['access'],
        },
      ];
    },
  },
];

export function intentById(id: string | null): Intent | undefined {
  return INTENTS.find((i) => i.id === id);
}
