/** Topology ops: devices, VMs, mdevs and work queues (MODEL.md "Topology"). */
import type { Draft } from '../draft.ts';
import { fail } from '../errors.ts';
import { PAGE_SIZE, formatSize, hex, hexBrief, parseHex } from '../hex.ts';
import type { Device, WqUse } from '../model.ts';
import type { CommandOf } from '../scenario/schema.ts';
import { pageCount } from './args.ts';
import { allocDid } from './dids.ts';

const MAX_WQS = 8;

/** Parse "SSSS:BB:DD.F" (or "BB:DD.F") into its numbers; EINVAL when a part is out of range. */
export function parseBdf(text: string): { segment: number; bus: number; dev: number; fn: number; canonical: string } {
  const parts = text.split(/[:.]/);
  const nums = parts.map((p) => parseInt(p, 16));
  const [segment, bus, dev, fn] = nums.length === 4 ? nums : [0, ...nums];
  if (segment === undefined || bus === undefined || dev === undefined || fn === undefined)
    fail('EINVAL', `bdf "${text}" is not SSSS:BB:DD.F`);
  if (dev > 0x1f) fail('EINVAL', `bdf "${text}": device number ${hex(dev)} is above 0x1f`);
  if (fn > 7) fail('EINVAL', `bdf "${text}": function ${fn} is above 7`);
  if (segment !== 0) fail('EINVAL', `bdf "${text}": only PCI segment 0000 has an IOMMU unit in this model`);
  const h = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return { segment, bus, dev, fn, canonical: `${h(segment, 4)}:${h(bus, 2)}:${h(dev, 2)}.${fn}` };
}

export function addDevice(d: Draft, c: CommandOf<'addDevice'>) {
  d.ensureFreeId(c.id);
  const b = parseBdf(c.bdf);
  for (const other of d.devices.values()) {
    if (other.bdf === b.canonical) fail('EEXIST', `bdf ${b.canonical} is already taken by device ${other.id}`);
  }
  const isParent = c.kind === 'parent';
  if (isParent && c.wqs === undefined) fail('EINVAL', `parent ${c.id} needs wqs (1-${MAX_WQS})`);
  if (!isParent && c.wqs !== undefined) fail('EINVAL', `pdev ${c.id} has no work queues (wqs is for a parent)`);
  const wqs = c.wqs ?? 0;
  if (isParent && (wqs < 1 || wqs > MAX_WQS))
    fail('EINVAL', `parent ${c.id}: wqs ${wqs} is not between 1 and ${MAX_WQS}`);
  const pasidCap = c.pasid ?? isParent;
  const pasidBits = c.pasidBits ?? 20;
  if (pasidBits < 1 || pasidBits > 20) fail('EINVAL', `${c.id}: pasidBits ${pasidBits} is not between 1 and 20`);
  const devfn = (b.dev << 3) | b.fn;
  const { pasidDir, pasidTableSize } = d.hw.allocPasidTable(d.mem, pasidCap, pasidBits, c.id);
  const device: Device = {
    id: c.id,
    kind: c.kind,
    bdf: b.canonical,
    bus: b.bus,
    devfn,
    rid: (b.bus << 8) | devfn,
    pasidCap,
    pasidBits,
    wqs: Array.from({ length: wqs }, (): WqUse => ({ by: 'free' })),
    wqPasid: Array.from({ length: wqs }, () => null),
    features: { aux: false, sva: false },
    pasidDir,
    pasidTableSize,
    primary: null,
    vm: null,
    devId: null,
    tag: d.hw.perDeviceTag ? allocDid(d, c.id) : null,
    ats: c.ats ?? false,
  };
  d.devices.set(c.id, device);
  return { rid: device.rid };
}

export function createVm(d: Draft, c: CommandOf<'createVm'>) {
  d.ensureFreeId(c.id);
  const pages = pageCount('memory', c.memory);
  const size = pages * PAGE_SIZE;
  if (size > d.mem.size)
    fail('ENOMEM', `${c.id}: ${formatSize(size)} of guest RAM exceeds host memory (${formatSize(d.mem.size)})`);
  let base: number | undefined;
  if (c.hpa !== undefined) {
    const v = parseHex(c.hpa);
    if (v % BigInt(PAGE_SIZE) !== 0n) fail('EINVAL', `hpa ${hexBrief(v)} is not 4KiB aligned`);
    if (v >= BigInt(d.mem.size))
      fail('EINVAL', `hpa ${hexBrief(v)} lies beyond host memory (${formatSize(d.mem.size)})`);
    base = Number(v);
  }
  const region = d.mem.reserveRam(c.id, size, base);
  d.vms.set(c.id, { id: c.id, memory: size, hpa: region.base, guestTop: size });
  return { gpaSize: size, hpa: BigInt(region.base) };
}

function parentOf(d: Draft, id: string, field: string): Device {
  const dev = d.device(id);
  if (dev.kind !== 'parent') fail('EINVAL', `${field} ${id} is a pdev, not a parent device with work queues`);
  return dev;
}

function checkWq(dev: Device, wq: number): WqUse {
  const use = dev.wqs[wq];
  if (use === undefined) fail('EINVAL', `${dev.id} has no WQ ${wq} (it has WQs 0-${dev.wqs.length - 1})`);
  return use;
}

function wqBusy(dev: Device, wq: number, use: WqUse): never {
  const who = use.by === 'host' ? 'the host driver' : use.by === 'mdev' ? `mdev ${use.mdev}` : 'nothing';
  fail('EBUSY', `${dev.id} WQ ${wq} is already used by ${who}`);
}

function withWq(dev: Device, wq: number, use: WqUse, pasid: number | null): Device {
  const wqs = dev.wqs.slice();
  wqs[wq] = use;
  const wqPasid = dev.wqPasid.slice();
  wqPasid[wq] = pasid;
  return { ...dev, wqs, wqPasid };
}

export function createMdev(d: Draft, c: CommandOf<'createMdev'>) {
  const parent = parentOf(d, c.parent, 'parent');
  d.ensureFreeId(c.id);
  const use = checkWq(parent, c.wq);
  if (!parent.pasidCap) fail('ENODEV', `${parent.id} has no PASID capability: its WQs cannot back mdevs`);
  if (use.by !== 'free') wqBusy(parent, c.wq, use);
  d.devices.set(parent.id, withWq(parent, c.wq, { by: 'mdev', mdev: c.id }, null));
  d.mdevs.set(c.id, { id: c.id, parent: parent.id, wq: c.wq, vm: null });
  return { parent: parent.id, wq: c.wq };
}

export function useWq(d: Draft, c: CommandOf<'useWq'>) {
  const parent = parentOf(d, c.device, 'device');
  const use = checkWq(parent, c.wq);
  if (use.by !== 'free') wqBusy(parent, c.wq, use);
  d.devices.set(parent.id, withWq(parent, c.wq, { by: 'host' }, null));
  return { device: parent.id, wq: c.wq };
}

export function removeMdev(d: Draft, c: CommandOf<'removeMdev'>) {
  const mdev = d.mdev(c.id);
  if (mdev.vm !== null) fail('EBUSY', `mdev ${mdev.id} is assigned to ${mdev.vm}; unassign it first`);
  const att = d.aux.find((a) => a.mdev === mdev.id);
  if (att) fail('EBUSY', `mdev ${mdev.id} is aux-attached to ${att.domain}; aux-detach it first`);
  const parent = d.device(mdev.parent);
  d.devices.set(parent.id, withWq(parent, mdev.wq, { by: 'free' }, null));
  d.mdevs.delete(mdev.id);
  return { parent: parent.id, wq: mdev.wq };
}

/** Set the PASID a parent's WQ is programmed with (WQCFG); kept after detach, as the hardware does. */
export function programWqPasid(d: Draft, parentId: string, wq: number, pasid: number): void {
  const parent = d.device(parentId);
  const wqPasid = parent.wqPasid.slice();
  wqPasid[wq] = pasid;
  d.devices.set(parent.id, { ...parent, wqPasid });
}
