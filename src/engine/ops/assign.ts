/**
 * assign / unassign: what QEMU + VFIO did when a device was given to a VM in the seed's design.
 * The VM's GPA space is one IOASID (`<vm>.gpa`) backed by one UNMANAGED domain with all guest RAM
 * mapped GPA→HPA; a pdev gets that domain as primary, an mdev as an aux domain of its parent.
 * Every low-level op taken is recorded in the draft's `steps` for the event log.
 */
import type { Draft, LowLevelStep } from '../draft.ts';
import { fail } from '../errors.ts';
import { formatSize, hex } from '../hex.ts';
import type { Vm } from '../model.ts';
import type { CommandOf } from '../scenario/schema.ts';
import { ioasidAlloc, ioasidAttach, ioasidMap, unmap } from './addressSpace.ts';
import { attachmentsOf, auxDetach, detach, enableFeature, freeDomain } from './domains.ts';

export function gpaIoasidOf(vm: string): string {
  return `${vm}.gpa`;
}

function step<T>(d: Draft, s: LowLevelStep, run: () => T): T {
  const r = run();
  d.steps.push(s);
  return r;
}

function ensureGpaSpace(d: Draft, vm: Vm): string {
  const ioasid = gpaIoasidOf(vm.id);
  if (d.ioasids.has(ioasid)) return ioasid;
  step(d, { op: 'ioasidAlloc', id: ioasid }, () => ioasidAlloc(d, { op: 'ioasidAlloc', id: ioasid }));
  const m = { op: 'ioasidMap', ioasid, iova: '0x0', pa: hex(vm.hpa), size: vm.memory, prot: 'rw' } as const;
  step(d, m, () => ioasidMap(d, m, `assign (mapping all ${formatSize(vm.memory)} of ${vm.id}'s RAM)`));
  return ioasid;
}

export function assign(d: Draft, c: CommandOf<'assign'>) {
  const mdev = d.mdevs.get(c.device);
  const dev = mdev ? undefined : d.device(c.device);
  const vm = d.vm(c.vm);
  if (dev?.kind === 'parent') fail('EINVAL', `${dev.id} is a parent device: give its WQs to VMs as mdevs`);
  const current = mdev?.vm ?? dev?.vm ?? null;
  if (current !== null) fail('EBUSY', `${c.device} is already assigned to ${current}`);
  const ioasid = ensureGpaSpace(d, vm);
  if (mdev) {
    const parent = d.device(mdev.parent);
    // The mdev parent driver enables AUX before registering its mdevs (out-of-tree idxd mdev).
    if (parent.pasidCap && !parent.features.aux) {
      const e = { op: 'enableFeature', device: parent.id, feature: 'AUX' } as const;
      step(d, e, () => enableFeature(d, e));
    }
  }
  const a = { op: 'ioasidAttach', ioasid, device: c.device } as const;
  const r = step(d, a, () => ioasidAttach(d, a));
  if (mdev) d.mdevs.set(mdev.id, { ...mdev, vm: vm.id });
  else if (dev) d.devices.set(dev.id, { ...d.device(dev.id), vm: vm.id });
  return { ioasid, ...r, pasid: 'pasid' in r ? r.pasid : 0, steps: d.steps.slice() };
}

export function unassign(d: Draft, c: CommandOf<'unassign'>) {
  const mdev = d.mdevs.get(c.device);
  const dev = mdev ? undefined : d.device(c.device);
  const vmId = mdev?.vm ?? dev?.vm ?? null;
  if (vmId === null) fail('EINVAL', `${c.device} is not assigned to a VM`);
  const ioasid = d.ioasids.get(gpaIoasidOf(vmId));
  if (ioasid) {
    const domain = ioasid.domain;
    if (mdev && d.aux.some((a) => a.mdev === mdev.id && a.domain === domain)) {
      const s = { op: 'auxDetach', domain, device: mdev.id } as const;
      step(d, s, () => auxDetach(d, s));
    } else if (dev && dev.primary === domain) {
      const s = { op: 'detach', device: dev.id } as const;
      step(d, s, () => detach(d, s));
    }
    const left = attachmentsOf(d, domain);
    if (left.primary.length === 0 && left.aux.length === 0) {
      // Last device gone: the VM's container and its domain go too (vfio_iommu_type1 detach).
      for (const m of d.domain(domain).mappings.slice()) {
        const u = {
          op: 'ioasidUnmap',
          ioasid: ioasid.id,
          iova: hex(BigInt(m.iovaPfn) * 4096n),
          size: m.pages * 4096,
        } as const;
        step(d, u, () => unmap(d, { op: 'unmap', domain, iova: u.iova, size: u.size }));
      }
      d.ioasids.delete(ioasid.id);
      step(d, { op: 'freeDomain', id: domain }, () => freeDomain(d, { op: 'freeDomain', id: domain }, true));
    }
  }
  if (mdev) d.mdevs.set(mdev.id, { ...mdev, vm: null });
  else if (dev) d.devices.set(dev.id, { ...d.device(dev.id), vm: null });
  return { vm: vmId, steps: d.steps.slice() };
}
