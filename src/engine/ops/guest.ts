/**
 * Guest first-level tables (for nested translation) and host processes (for SVA). Both use the
 * x86-64 format of iommu/x86.ts: a guest's table lives in its own RAM and every pointer in it
 * is a GPA; a process's table lives in host memory. SVA gives a process one global PASID, the same
 * on every device bound to it (iommu_sva_bind_device on an mm; ENQCMD needs this).
 */
import type { Draft } from '../draft.ts';
import { fail } from '../errors.ts';
import { PAGE_SIZE } from '../hex.ts';
import type { Domain, Vm } from '../model.ts';
import type { CommandOf } from '../scenario/schema.ts';
import { mapFirstStage, type TableSpace } from '../iommu/x86.ts';
import { HAW_BITS, bytesOf, checkRangeFits, pageAddress, pageCount } from './args.ts';
import { flushDomain, newDomain, releaseDomain, targetOf } from './domains.ts';
import { configWritten, invalidateDomain } from '../invalidation.ts';
import { checkMapBudget, mapCost } from '../budget.ts';

/**
 * First-stage input width: 48 bits (4-level) or 57 (5-level, FLPM=1) with a 57-bit platform; an IOMMU
 * that shares another CPU's format fixes its own (SMMUv3: arm64 VA_BITS 48, 4 levels).
 */
function firstStageLevels(d: Draft): number {
  return d.hw.stage1Levels ?? (d.platform.addressWidth === 57 ? 5 : 4);
}
function firstStageBits(d: Draft): number {
  return 12 + 9 * firstStageLevels(d);
}

/** Take a zeroed page from the top of a VM's RAM for the guest's own tables; returns its GPA. */
function guestPage(d: Draft, vmId: string): number {
  const vm = d.vm(vmId);
  const gpa = vm.guestTop - PAGE_SIZE;
  if (gpa < 0) fail('ENOMEM', `${vm.id} has no guest RAM left for page tables`);
  d.mem.installAt(vm.hpa + gpa);
  d.vms.set(vm.id, { ...vm, guestTop: gpa });
  return gpa;
}

export function guestSpace(d: Draft, vm: Vm): TableSpace {
  return {
    word: (gpa, i) => d.mem.word(vm.hpa + gpa, i),
    write: (gpa, words) => d.mem.write(vm.hpa + gpa, words),
    allocTable: () => guestPage(d, vm.id),
  };
}

export function guestTableAlloc(d: Draft, c: CommandOf<'guestTableAlloc'>) {
  d.ensureFreeId(c.id);
  d.vm(c.vm);
  const root = guestPage(d, c.vm);
  d.guestTables.set(c.id, { id: c.id, vm: c.vm, root });
  return { root: BigInt(root) };
}

/**
 * Invalidate what depends on a first-stage table that changed, for the range that changed: the
 * guest's vIOMMU driver (HWPT_INVALIDATE → cache_tag_flush_range) or the mm notifier (SVA) would.
 * Both domain kinds use PASID-based page-selective invalidations (cache.c intel_domain_use_piotlb).
 */
function flushUsersOf(d: Draft, owner: string, range: { iovaPfn: number; pages: number }): void {
  for (const dom of d.domains.values()) {
    if (dom.stage1?.owner === owner) invalidateDomain(d, dom, range);
    // SMMUv3 nested: the table also backs a further CD of the guest, flushed by that CD's ASID.
    for (const p of dom.stage1?.pasids ?? []) if (p.owner === owner) invalidateDomain(d, { ...dom, did: p.tag }, range);
  }
}

/**
 * Map a range into a first-stage table (a guest's or a process's), then invalidate its users.
 * `outField` names the output address argument in messages (`gpa` or `pa`).
 */
function mapInto(
  d: Draft,
  op: 'guestMap' | 'processMap',
  owner: string,
  space: TableSpace,
  root: number,
  c: { va: string; size: number | string; prot: string },
  out: string,
  outField: string,
): { mapped: number } {
  const bits = firstStageBits(d);
  const vpfn = pageAddress('va', c.va, bits - 1);
  const pfn = pageAddress(outField, out, HAW_BITS);
  const pages = pageCount('size', c.size);
  checkRangeFits('va', vpfn, pages, bits - 1);
  checkRangeFits(outField, pfn, pages, HAW_BITS);
  checkMapBudget(op, mapCost(vpfn, pfn, pages, firstStageLevels(d)), d.mem.pagesInUse);
  if (!mapFirstStage(space, root, firstStageLevels(d), vpfn, pfn, pages, c.prot.includes('w'), d.hw.stage1Pte)) {
    fail('EEXIST', `${owner}: ${c.va}+${bytesOf(pages)} overlaps a mapping already in its page table`);
  }
  flushUsersOf(d, owner, { iovaPfn: vpfn, pages });
  return { mapped: bytesOf(pages) };
}

export function guestMap(d: Draft, c: CommandOf<'guestMap'>) {
  const table = d.guestTable(c.table);
  return mapInto(d, 'guestMap', table.id, guestSpace(d, d.vm(table.vm)), table.root, c, c.gpa, 'gpa');
}

export function processAlloc(d: Draft, c: CommandOf<'processAlloc'>) {
  d.ensureFreeId(c.id);
  const root = d.mem.allocFrame(`the page table of process ${c.id}`);
  d.processes.set(c.id, { id: c.id, root, pasid: null });
  return { root: BigInt(root) };
}

/** Map into a process's page table; the mm notifier then invalidates the IOMMU's caches for its SVA users. */
export function processMap(d: Draft, c: CommandOf<'processMap'>) {
  const proc = d.process(c.process);
  const space: TableSpace = {
    word: (a, i) => d.mem.word(a, i),
    write: (a, words) => d.mem.write(a, words),
    allocTable: () => d.mem.allocFrame(`a page table of process ${proc.id}`),
  };
  return mapInto(d, 'processMap', proc.id, space, proc.root, c, c.pa, 'pa');
}

/**
 * A process's SVA domain: the one it owns, else the id a new one gets, `<process>.sva` (`.sva2`, … when
 * the scenario has given that id to another object: ids are unique across all objects, MODEL.md).
 */
function svaDomainOf(d: Draft, procId: string): { id: string; dom: Domain | undefined } {
  const dom = [...d.domains.values()].find((x) => x.type === 'SVA' && x.stage1?.owner === procId);
  if (dom) return { id: dom.id, dom };
  let id = `${procId}.sva`;
  for (let n = 2; d.idTaken(id); n++) id = `${procId}.sva${n}`;
  return { id, dom: undefined };
}

export function svaBind(d: Draft, c: CommandOf<'svaBind'>) {
  if (d.mdevs.has(c.device)) fail('EINVAL', `${c.device} is an mdev: bind its parent`);
  const dev = d.device(c.device);
  let proc = d.process(c.process);
  if (!dev.pasidCap) fail('ENODEV', `${dev.id} has no PASID capability: SVA needs it`);
  if (!d.hw.supports.sva)
    fail(
      'EOPNOTSUPP',
      d.platform.iommu === 'amd-vi'
        ? `SVA needs AMD-Vi's v2 page tables (platform.pageTable "v2"): v1 tables have no GCR3 table per device`
        : `SVA is not modelled on ${d.platform.iommu} yet`,
    );
  let pasid = proc.pasid;
  if (pasid === null) {
    pasid = 1;
    while (d.usedPasids.has(pasid) || d.pasidAttach.some((a) => a.pasid === pasid)) pasid++;
    if (pasid >= 2 ** 20) fail('ENOSPC', `no free global PASID for ${proc.id}`);
    d.usedPasids.add(pasid);
    proc = { ...proc, pasid };
    d.processes.set(proc.id, proc);
  }
  if (pasid >= 2 ** dev.pasidBits)
    fail('EINVAL', `${proc.id}'s PASID ${pasid} does not fit ${dev.id}'s ${dev.pasidBits}-bit PASIDs`);
  const held = d.pasidAttach.find((a) => a.device === dev.id && a.pasid === pasid);
  const sva = svaDomainOf(d, proc.id);
  const domainId = sva.id;
  if (held && held.domain === domainId) return { pasid, domain: domainId };
  if (held || d.aux.some((a) => a.device === dev.id && d.domains.get(a.domain)?.auxPasid === pasid)) {
    fail('EBUSY', `${dev.id} PASID ${pasid} is already attached to another domain`);
  }
  const dom = sva.dom ?? newDomain(d, domainId, 'SVA', { stage1: { owner: proc.id, root: proc.root } });
  d.hw.programDevice(d.mem, d.rootTable, dev);
  d.hw.setPasid(d.mem, d.rootTable, dev, pasid, targetOf(d, dom));
  configWritten(d, dev, pasid);
  d.pasidAttach = [...d.pasidAttach, { device: dev.id, pasid, domain: dom.id }];
  return { pasid, domain: dom.id };
}

/**
 * iommu_sva_unbind_device: the bind of (device, process) — named by the process or by its PASID —
 * goes. The PASID entry is torn down and flushed as the driver does on a PASID detach (VT-d:
 * intel_pasid_tear_down_entry; SMMUv3: arm_smmu_remove_dev_pasid → CMD_CFGI_CD, CMD_TLBI_NH_ASID,
 * CMD_ATC_INV, CMD_SYNC; AMD-Vi: its GCR3 entry cleared and flushed). The SVA domain goes with its
 * last bind (iommu_domain_free: its ASID or DID is freed). The process's PASID is freed with its
 * last bind, as 5.11–5.17's iommu_sva_free_pasid (ioasid_put) did; 6.x keeps it until the mm exits
 * (mm_pasid_drop), and the model has no process exit, so it frees it here.
 */
export function svaUnbind(d: Draft, c: CommandOf<'svaUnbind'>) {
  if (d.mdevs.has(c.device)) fail('EINVAL', `${c.device} is an mdev: unbind its parent`);
  const dev = d.device(c.device);
  if (c.process === undefined && c.pasid === undefined)
    fail('EINVAL', `svaUnbind needs the process or the PASID it was bound at`);
  const proc =
    c.process !== undefined
      ? d.process(c.process)
      : [...d.processes.values()].find((p) => p.pasid === c.pasid && p.pasid !== null);
  if (proc === undefined) fail('ENOENT', `no process is bound at PASID ${c.pasid ?? 0}`);
  if (proc.pasid === null || (c.pasid !== undefined && c.pasid !== proc.pasid))
    fail('EINVAL', `${proc.id} is not bound at ${c.pasid === undefined ? 'any PASID' : `PASID ${c.pasid}`}`);
  const pasid = proc.pasid;
  const domainId = svaDomainOf(d, proc.id).id;
  const bind = d.pasidAttach.find((a) => a.device === dev.id && a.pasid === pasid && a.domain === domainId);
  if (bind === undefined) fail('EINVAL', `${dev.id} is not bound to ${proc.id}`);
  const dom = d.domain(domainId);
  d.hw.clearPasid(d.mem, d.rootTable, dev, pasid);
  d.pasidAttach = d.pasidAttach.filter((a) => a !== bind);
  flushDomain(d, dom, pasid, dev);
  const lastBind = !d.pasidAttach.some((a) => a.domain === domainId);
  if (lastBind) {
    releaseDomain(d, d.domain(domainId));
    d.usedPasids.delete(pasid);
    d.processes.set(proc.id, { ...proc, pasid: null });
  }
  return { pasid, domain: domainId, pasidFreed: lastBind };
}
