/**
 * iommufd (Linux 6.2 onward; PASID attach 6.15): devices bound to /dev/iommu, IOAS (the IOVA →
 * PA areas), HWPTs (each one iommu_domain, filled from its IOAS or nested on a NEST_PARENT HWPT),
 * and attach / replace / detach of a RID or a (device, PASID). Error codes follow the kernel's
 * iommufd and the behaviours its selftests assert (tools/testing/selftests/iommu/iommufd.c); the
 * README lists which of them the scenarios cover.
 */
import type { Draft, NoResult } from '../draft.ts';
import { fail } from '../errors.ts';
import { hex } from '../hex.ts';

import type { Device, Domain, GuestContext, Ioas, Mapping } from '../model.ts';
import type { CommandOf } from '../scenario/schema.ts';
import { HAW_BITS, addrOfPfn, bytesOf, checkRangeFits, pageAddress, pageCount } from './args.ts';
import { ensureMapBudget, mapInto, overlapping, unmapFrom } from './addressSpace.ts';
import { RID_PASID, flushDomain, newDomain, releaseDomain, targetOf } from './domains.ts';
import { guestSpace } from './guest.ts';
import { allocDid } from './dids.ts';
import { configWritten } from '../invalidation.ts';

function boundDevice(d: Draft, id: string): Device & { devId: number } {
  if (d.mdevs.has(id)) fail('EINVAL', `${id} is an mdev: iommufd binds the physical device`);
  const dev = d.device(id);
  if (dev.devId === null) fail('ENOENT', `${dev.id} is not bound to iommufd (bindDevice first)`);
  return dev as Device & { devId: number };
}

export function bindDevice(d: Draft, c: CommandOf<'bindDevice'>) {
  if (d.mdevs.has(c.device)) fail('EINVAL', `${c.device} is an mdev: iommufd binds the physical device`);
  const dev = d.device(c.device);
  if (dev.devId !== null) fail('EBUSY', `${dev.id} is already bound to iommufd (dev_id ${dev.devId})`);
  if (dev.primary !== null)
    fail('EBUSY', `${dev.id} is attached to ${dev.primary} through the aux-era ops; detach it first`);
  const aux = d.aux.find((a) => a.device === dev.id);
  if (aux) fail('EBUSY', `${dev.id} has aux domain ${aux.domain} attached; aux-detach it first`);
  // Claiming DMA ownership puts the group in the blocking domain: context present, RID_PASID torn down.
  d.hw.programDevice(d.mem, d.rootTable, dev);
  d.hw.clearPasid(d.mem, d.rootTable, dev, RID_PASID);
  configWritten(d, dev, RID_PASID);
  const devId = d.objId();
  d.devices.set(dev.id, { ...dev, devId });
  return { devId };
}

export function ioasAlloc(d: Draft, c: CommandOf<'ioasAlloc'>) {
  d.ensureFreeId(c.id);
  const objId = d.objId();
  d.ioas.set(c.id, { id: c.id, objId, areas: [], autoCount: 0 });
  return { ioasId: objId };
}

/** Paging HWPTs filled from an IOAS. */
function hwptsOf(d: Draft, ioas: string): (Domain & { pgd: number; did: number })[] {
  return [...d.domains.values()].filter((x) => x.hwpt?.ioas === ioas && x.pgd !== null && x.did !== null) as (Domain & {
    pgd: number;
    did: number;
  })[];
}

/** Lowest free IOVA aligned to the size's lowest set bit (iopt_alloc_iova), below 2^width. */
function allocIova(d: Draft, ioas: Ioas, pages: number): number {
  const align = pages & -pages || 2 ** Math.floor(Math.log2(pages));
  const limit = 2 ** (d.platform.addressWidth - 12);
  let at = 0;
  for (const a of ioas.areas) {
    if (at + pages <= a.iovaPfn) break;
    at = Math.max(at, Math.ceil((a.iovaPfn + a.pages) / align) * align);
  }
  if (at + pages > limit) fail('ENOSPC', `${ioas.id}: no free IOVA range of ${bytesOf(pages)} bytes`);
  return at;
}

/** Add areas to an IOAS and copy them into every HWPT on it. */
function addAreas(d: Draft, op: string, ioas: Ioas, areas: Mapping[]): void {
  const hwpts = hwptsOf(d, ioas.id);
  ensureMapBudget(d, hwpts.length > 1 ? `${op} onto ${hwpts.length} HWPTs` : op, areas, hwpts.length);
  for (const h of hwpts) for (const a of areas) mapInto(d, h, a);
  const cur = d.ioasOf(ioas.id);
  d.ioas.set(ioas.id, { ...cur, areas: [...cur.areas, ...areas].sort((x, y) => x.iovaPfn - y.iovaPfn) });
}

export function ioasMap(d: Draft, c: CommandOf<'ioasMap'>) {
  const ioas = d.ioasOf(c.ioas);
  const width = d.platform.addressWidth;
  const pfn = pageAddress('pa', c.pa, HAW_BITS);
  const pages = pageCount('size', c.size);
  checkRangeFits('pa', pfn, pages, HAW_BITS);
  let iovaPfn: number;
  if (c.iova !== undefined) {
    iovaPfn = pageAddress('iova', c.iova, width);
    checkRangeFits('iova', iovaPfn, pages, width);
    const clash = overlapping(ioas.areas, iovaPfn, pages);
    if (clash)
      fail('EEXIST', `${ioas.id}: ${c.iova}+${bytesOf(pages)} overlaps the area at ${hex(addrOfPfn(clash.iovaPfn))}`);
  } else {
    iovaPfn = allocIova(d, ioas, pages);
  }
  addAreas(d, 'ioasMap', ioas, [{ iovaPfn, pfn, pages, read: c.prot.includes('r'), write: c.prot.includes('w') }]);
  return { iova: addrOfPfn(iovaPfn) };
}

/** Unmap covers whole areas only (iopt_unmap_iova): a range that cuts an area is ENOENT. */
export function ioasUnmap(d: Draft, c: CommandOf<'ioasUnmap'>) {
  const ioas = d.ioasOf(c.ioas);
  let start = 0;
  let end = Infinity;
  if (c.size !== 'all') {
    if (c.iova === undefined) fail('EINVAL', `ioasUnmap needs an iova unless size is "all"`);
    start = pageAddress('iova', c.iova, 64);
    end = start + pageCount('size', c.size);
  }
  const inside = ioas.areas.filter((a) => a.iovaPfn >= start && a.iovaPfn + a.pages <= end);
  const cut = ioas.areas.find((a) => a.iovaPfn < end && start < a.iovaPfn + a.pages && !inside.includes(a));
  if (cut)
    fail(
      'ENOENT',
      `${ioas.id}: the range cuts the area at ${hex(addrOfPfn(cut.iovaPfn))} (${bytesOf(cut.pages)} bytes); unmap covers whole areas`,
    );
  if (inside.length === 0 && c.size !== 'all')
    fail('ENOENT', `${ioas.id}: nothing is mapped in ${c.iova}+${String(c.size)}`);
  for (const h of hwptsOf(d, ioas.id)) for (const a of inside) unmapFrom(d, h, a.iovaPfn, a.pages);
  d.ioas.set(ioas.id, { ...ioas, areas: ioas.areas.filter((a) => !inside.includes(a)) });
  return { unmapped: bytesOf(inside.reduce((n, a) => n + a.pages, 0)) };
}

/** Copy a mapped range (which may be part of an area, as the copy_sweep selftest does) into another IOAS. */
export function ioasCopy(d: Draft, c: CommandOf<'ioasCopy'>) {
  const src = d.ioasOf(c.src);
  const dst = d.ioasOf(c.dst);
  const width = d.platform.addressWidth;
  const start = pageAddress('srcIova', c.srcIova, width);
  const pages = pageCount('size', c.size);
  const pieces: Mapping[] = [];
  let at = start;
  for (const a of src.areas) {
    if (a.iovaPfn + a.pages <= at || at >= start + pages) continue;
    if (a.iovaPfn > at) break;
    const n = Math.min(a.iovaPfn + a.pages, start + pages) - at;
    pieces.push({ iovaPfn: at - start, pfn: a.pfn + (at - a.iovaPfn), pages: n, read: a.read, write: a.write });
    at += n;
  }
  if (at < start + pages) fail('ENOENT', `${src.id}: ${hex(addrOfPfn(at))} in the source range is not mapped`);
  let base: number;
  if (c.dstIova !== undefined) {
    base = pageAddress('dstIova', c.dstIova, width);
    checkRangeFits('dstIova', base, pages, width);
    const clash = overlapping(dst.areas, base, pages);
    if (clash)
      fail('EEXIST', `${dst.id}: ${c.dstIova}+${bytesOf(pages)} overlaps the area at ${hex(addrOfPfn(clash.iovaPfn))}`);
  } else {
    base = allocIova(d, dst, pages);
  }
  addAreas(
    d,
    'ioasCopy',
    dst,
    pieces.map((p) => ({ ...p, iovaPfn: base + p.iovaPfn })),
  );
  return { iova: addrOfPfn(base) };
}

/** A paging HWPT on `ioas`, filled with every area it holds (iommufd_hwpt_paging_alloc). */
function pagingHwpt(d: Draft, id: string, ioas: Ioas, nestParent: boolean, auto: boolean): Domain {
  const dom = newDomain(d, id, 'UNMANAGED', {
    hwpt: { objId: d.objId(), ioas: ioas.id, parent: null, nestParent, auto },
  });
  const paging = dom as Domain & { pgd: number };
  ensureMapBudget(
    d,
    `${auto ? 'deviceAttach' : 'hwptAlloc'} (a new HWPT filled with ${ioas.id}'s ${ioas.areas.length} areas)`,
    ioas.areas,
  );
  for (const a of ioas.areas) mapInto(d, paging, a);
  return d.domain(id);
}

export function hwptAlloc(d: Draft, c: CommandOf<'hwptAlloc'>) {
  d.ensureFreeId(c.id);
  boundDevice(d, c.device);
  if (c.stage1 !== undefined && !d.hw.supports.nested) {
    fail('EOPNOTSUPP', `nested translation is not modelled on ${d.platform.iommu} yet`);
  }
  const ioas = d.ioas.get(c.pt);
  if (ioas) {
    if (c.stage1 !== undefined) fail('EINVAL', `stage1 needs a NEST_PARENT HWPT as pt, not IOAS ${ioas.id}`);
    const dom = pagingHwpt(d, c.id, ioas, c.nestParent ?? false, false);
    return { hwptId: dom.hwpt?.objId };
  }
  const parent = d.domains.get(c.pt);
  if (!parent || parent.hwpt === null) fail('ENOENT', `no IOAS or HWPT named "${c.pt}"`);
  if (parent.type === 'NESTED') fail('EINVAL', `${parent.id} is a nested HWPT: nesting on nested is not allowed`);
  if (!parent.hwpt.nestParent)
    fail('EINVAL', `${parent.id} was not allocated with nestParent: it cannot be a nesting parent`);
  if (c.nestParent) fail('EOPNOTSUPP', `a nested HWPT cannot itself be a NEST_PARENT`);
  if (c.stage1 === undefined) fail('EINVAL', `a nested HWPT needs stage1 (the guest's first-stage table)`);
  const table = d.guestTable(c.stage1.table);
  const dom = newDomain(d, c.id, 'NESTED', {
    hwpt: { objId: d.objId(), ioas: null, parent: parent.id, nestParent: false, auto: false },
    stage1: { owner: table.id, root: table.root },
  });
  // Further guest contexts are modelled in SMMUv3's guest CD table only (smmu/guestCd.ts).
  if (c.stage1.pasids !== undefined && d.hw.kind !== 'smmuv3')
    fail('EOPNOTSUPP', `stage1.pasids (more guest contexts) is modelled on SMMUv3 only, not on ${d.platform.iommu}`);
  if (d.hw.guestContext !== undefined && dom.did !== null) {
    // The guest's vIOMMU keeps its context table in its RAM (SMMUv3: the CD table the vSTE names).
    const more = guestContexts(d, boundDevice(d, c.device), table.vm, c.stage1.pasids ?? []);
    const space = guestSpace(d, d.vm(table.vm));
    const context = d.hw.guestContext(space, table.root, dom.did, more ?? undefined);
    const extra = more === null ? {} : { contextBits: more.bits, pasids: more.pasids };
    d.domains.set(dom.id, { ...dom, stage1: { owner: table.id, root: table.root, context, ...extra } });
  }
  return { hwptId: dom.hwpt?.objId };
}

/**
 * The guest's further contexts (SMMUv3: CDs beside CD 0). The guest sizes its table by the device's
 * SubstreamID bits (arm_smmu_alloc_cd_tables run by its driver); each context gets its own tag (its
 * ASID: the model's TLB tags are unique on the SMMU, standing for (VMID, ASID)).
 */
function guestContexts(
  d: Draft,
  dev: Device,
  vm: string,
  list: readonly { pasid: number; table: string }[],
): { bits: number; pasids: GuestContext[] } | null {
  if (list.length === 0) return null;
  if (!dev.pasidCap) fail('EINVAL', `${dev.id} has no PASID capability: its guest CD table holds CD 0 only`);
  const bits = dev.pasidBits;
  const seen = new Set<number>();
  const contexts: GuestContext[] = [];
  for (const p of list) {
    if (p.pasid === 0) fail('EINVAL', `SubstreamID 0 is the stage1 table's own CD: list only the others`);
    if (p.pasid >= 2 ** bits) fail('EINVAL', `SubstreamID ${p.pasid} is beyond ${dev.id}'s ${bits}-bit S1CDMax`);
    if (seen.has(p.pasid)) fail('EINVAL', `SubstreamID ${p.pasid} is listed twice`);
    seen.add(p.pasid);
    const t = d.guestTable(p.table);
    if (t.vm !== vm) fail('EINVAL', `guest table ${t.id} belongs to ${t.vm}, not ${vm}`);
    contexts.push({ pasid: p.pasid, owner: t.id, root: t.root, tag: allocDid(d, `${t.id}@${p.pasid}`) });
  }
  return { bits, pasids: contexts };
}

/** Resolve `pt` for an attach: a HWPT, or an IOAS (reuse its auto HWPT or create `<ioas>.auto<N>`). */
function resolvePt(d: Draft, pt: string): Domain {
  const ioas = d.ioas.get(pt);
  if (ioas) {
    const existing = [...d.domains.values()].find((x) => x.hwpt?.ioas === ioas.id && x.hwpt.auto);
    if (existing) return existing;
    // `<ioas>.auto<N>`, N counting from 0 per IOAS (MODEL.md); an N whose name the scenario already gave
    // another object is skipped, so the attach the kernel would allow is never refused over a name.
    let n = ioas.autoCount;
    while (d.idTaken(`${ioas.id}.auto${n}`)) n++;
    const id = `${ioas.id}.auto${n}`;
    d.ioas.set(ioas.id, { ...ioas, autoCount: n + 1 });
    return pagingHwpt(d, id, ioas, false, true);
  }
  const dom = d.domains.get(pt);
  if (!dom || dom.hwpt === null) fail('ENOENT', `no IOAS or HWPT named "${pt}"`);
  return dom;
}

function checkPasid(dev: Device, pasid: number): void {
  if (!dev.pasidCap) fail('EINVAL', `${dev.id} has no PASID capability`);
  if (pasid === RID_PASID) fail('EINVAL', `PASID 0 is the RID's own (IOMMU_NO_PASID): attach without a pasid`);
  if (pasid >= 2 ** dev.pasidBits)
    fail('EINVAL', `PASID ${pasid} does not fit ${dev.id}'s ${dev.pasidBits}-bit PASIDs`);
}

/** The domain currently at (device, PASID or RID), if any. */
function currentAt(d: Draft, dev: Device, pasid: number | undefined): string | null {
  if (pasid === undefined) return dev.primary;
  return d.pasidAttach.find((a) => a.device === dev.id && a.pasid === pasid)?.domain ?? null;
}

function program(d: Draft, dev: Device, pasid: number | undefined, dom: Domain): void {
  d.hw.programDevice(d.mem, d.rootTable, dev);
  d.hw.setPasid(d.mem, d.rootTable, dev, pasid ?? RID_PASID, targetOf(d, dom));
  configWritten(d, dev, pasid ?? RID_PASID);
  if (pasid === undefined) d.devices.set(dev.id, { ...d.device(dev.id), primary: dom.id });
  else
    d.pasidAttach = [
      ...d.pasidAttach.filter((a) => !(a.device === dev.id && a.pasid === pasid)),
      { device: dev.id, pasid, domain: dom.id },
    ];
}

/** Destroy an auto HWPT once nothing is attached to it any more. */
function dropAutoIfUnused(d: Draft, id: string): void {
  const dom = d.domains.get(id);
  if (!dom?.hwpt?.auto) return;
  if (isAttached(d, id)) return;
  releaseDomain(d, dom);
}

function isAttached(d: Draft, id: string): boolean {
  return (
    [...d.devices.values()].some((x) => x.primary === id) ||
    d.pasidAttach.some((a) => a.domain === id) ||
    d.aux.some((a) => a.domain === id)
  );
}

/** Flush what the old entry at (device, PASID or RID) may have cached, as intel_pasid_tear_down_entry does. */
function flush(d: Draft, dom: Domain, pasid: number | undefined, dev: Device): void {
  flushDomain(d, dom, pasid ?? RID_PASID, dev);
}

export function deviceAttach(d: Draft, c: CommandOf<'deviceAttach'>) {
  const dev = boundDevice(d, c.device);
  if (c.pasid !== undefined) checkPasid(dev, c.pasid);
  const cur = currentAt(d, dev, c.pasid);
  const where = c.pasid === undefined ? `${dev.id}'s RID` : `${dev.id} PASID ${c.pasid}`;
  if (cur !== null) {
    // Attaching again to the HWPT already there succeeds and changes nothing (selftest pasid_attach);
    // only another HWPT is EBUSY.
    if (resolvePt(d, c.pt).id === cur) return { hwpt: cur };
    fail('EBUSY', `${where} is already attached to ${cur} (use deviceReplace)`);
  }
  if (
    c.pasid !== undefined &&
    d.aux.some((a) => a.device === dev.id && d.domains.get(a.domain)?.auxPasid === c.pasid)
  ) {
    fail('EBUSY', `${where} is used by an aux domain`);
  }
  const dom = resolvePt(d, c.pt);
  program(d, dev, c.pasid, dom);
  return { hwpt: dom.id };
}

export function deviceReplace(d: Draft, c: CommandOf<'deviceReplace'>) {
  const dev = boundDevice(d, c.device);
  if (c.pasid !== undefined) checkPasid(dev, c.pasid);
  const cur = currentAt(d, dev, c.pasid);
  if (cur === null)
    fail(
      'EINVAL',
      `nothing is attached at ${c.pasid === undefined ? `${dev.id}'s RID` : `${dev.id} PASID ${c.pasid}`} yet (use deviceAttach)`,
    );
  const dom = resolvePt(d, c.pt);
  if (dom.id === cur) return { hwpt: dom.id };
  // The entry is rewritten in place (intel_pasid_replace_*): no window of blocked DMA; the old DID is flushed.
  program(d, dev, c.pasid, dom);
  flush(d, d.domain(cur), c.pasid, dev);
  dropAutoIfUnused(d, cur);
  return { hwpt: dom.id };
}

export function deviceDetach(d: Draft, c: CommandOf<'deviceDetach'>) {
  const dev = boundDevice(d, c.device);
  const cur = currentAt(d, dev, c.pasid);
  if (cur === null)
    fail(
      'EINVAL',
      `nothing is attached at ${c.pasid === undefined ? `${dev.id}'s RID` : `${dev.id} PASID ${c.pasid}`}`,
    );
  // A RID goes back to the blocking domain (RID_PASID torn down); a PASID loses its entry.
  d.hw.clearPasid(d.mem, d.rootTable, dev, c.pasid ?? RID_PASID);
  if (c.pasid === undefined) d.devices.set(dev.id, { ...dev, primary: null });
  else d.pasidAttach = d.pasidAttach.filter((a) => !(a.device === dev.id && a.pasid === c.pasid));
  flush(d, d.domain(cur), c.pasid, dev);
  dropAutoIfUnused(d, cur);
  return { hwpt: cur };
}

export function destroy(d: Draft, c: CommandOf<'destroy'>): NoResult {
  const ioas = d.ioas.get(c.id);
  if (ioas) {
    const users = [...d.domains.values()].filter((x) => x.hwpt?.ioas === ioas.id);
    if (users.length > 0) fail('EBUSY', `IOAS ${ioas.id} is used by ${users.map((u) => u.id).join(', ')}`);
    d.ioas.delete(ioas.id);
    return {};
  }
  const dom = d.domains.get(c.id);
  if (!dom || dom.hwpt === null) fail('ENOENT', `no IOAS or HWPT named "${c.id}"`);
  if (isAttached(d, dom.id)) fail('EBUSY', `HWPT ${dom.id} still has devices attached`);
  const child = [...d.domains.values()].find((x) => x.hwpt?.parent === dom.id);
  if (child) fail('EBUSY', `HWPT ${dom.id} is the parent of nested HWPT ${child.id}`);
  releaseDomain(d, dom);
  return {};
}
