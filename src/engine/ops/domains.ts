/**
 * Domains and their attachments, aux-domain era (Linux 5.8-5.16, Intel VT-d scalable mode).
 * A primary attach programs the device's context entry and its RID_PASID (0) PASID entry; an aux
 * attach programs the parent's PASID entry for the domain's PASID (one PASID per aux domain,
 * allocated at its first aux attach from 1 upward: intel aux_domain_add_dev with ioasid_alloc).
 */
import type { Draft, NoResult } from '../draft.ts';
import { fail } from '../errors.ts';
import type { AuxAttachment, Device, Domain, DomainType } from '../model.ts';
import type { CommandOf } from '../scenario/schema.ts';
import { domainLevels, isFirstStageDomain } from '../iommu/registry.ts';
import { createPageTable, freeSubtree } from '../iommu/pagetable.ts';
import type { PasidTarget } from '../iommu/types.ts';
import { auxHolding } from '../auxIndex.ts';
import { allocDid } from './dids.ts';
import { programWqPasid } from './topology.ts';
import {
  configWritten,
  flushAttachment,
  flushDeferred,
  invalidateContextCache,
  invalidateDeviceTlb,
  invalidateIotlb,
  invalidatePasidCache,
  invalidatePasidIotlb,
  waitForInvalidations,
} from '../invalidation.ts';

/** The RID_PASID value Linux programs: requests without a PASID use PASID-table entry 0. */
export const RID_PASID = 0;

/** What a PASID entry for `dom` must hold. */
export function targetOf(d: Draft, dom: Domain): PasidTarget {
  const width = d.platform.addressWidth;
  if (dom.type === 'IDENTITY') return { kind: 'pass-through', width };
  if (dom.type === 'SVA' && dom.stage1 && dom.did !== null)
    return { kind: 'first-stage', did: dom.did, root: dom.stage1.root, width };
  if (dom.type === 'NESTED' && dom.stage1 && dom.did !== null) {
    const parent = d.domain(dom.hwpt?.parent ?? '');
    if (parent.pgd === null) throw new Error(`nested domain ${dom.id} has no second stage`);
    const context = dom.stage1.context === undefined ? {} : { context: dom.stage1.context };
    const contextBits = dom.stage1.contextBits === undefined ? {} : { contextBits: dom.stage1.contextBits };
    const s2Tag = parent.did === null ? {} : { s2Tag: parent.did };
    const levels = parent.levels === undefined ? {} : { levels: parent.levels };
    return {
      kind: 'nested',
      did: dom.did,
      s1Root: dom.stage1.root,
      pgd: parent.pgd,
      width,
      ...context,
      ...contextBits,
      ...s2Tag,
      ...levels,
    };
  }
  if (dom.pgd === null || dom.did === null) throw new Error(`domain ${dom.id} has no page table`);
  const levels = dom.levels === undefined ? {} : { levels: dom.levels };
  // A DMA-API domain on VT-d: first stage only (intel_pasid_setup_first_level, PGTT 001).
  if (isFirstStageDomain(d.platform, dom)) return { kind: 'first-stage', did: dom.did, root: dom.pgd, width };
  return { kind: 'second-stage', did: dom.did, pgd: dom.pgd, width, stage2: dom.hwpt?.nestParent ?? false, ...levels };
}

/**
 * The invalidations after a PASID entry of `dom` is torn down or replaced, in the order
 * intel_pasid_tear_down_entry (and intel_pasid_flush_present for a replace) issues them: PASID
 * cache (PASID-selective), then the IOTLB by the old entry's type — PASID-based for pass-through
 * and first-stage-only entries (qi_flush_piotlb(did, pasid, 0, -1): an identity domain's too,
 * though pass-through is never cached), domain-selective for second-stage and nested ones — then
 * the device TLB, then wait. Batched DMA_FQ flushes of the domain are flushed first.
 * Aux-era ops use the same: 5.x flushed every torn-down entry PASID-based, which (VT-d §6.5.2.4)
 * leaves second-stage-only IOTLB entries in place; 6.x fixed that, and the model follows the fix.
 */
export function flushDomain(d: Draft, dom: Domain, pasid: number, dev: Device): void {
  flushDeferred(d, dom.id);
  if (flushAttachment(d, dom, pasid, dev)) return;
  if (dom.did === null) return;
  invalidatePasidCache(d, dom.did, pasid);
  if (d.hw.perDeviceTag && dev.tag !== null) invalidatePasidIotlb(d, dev.tag, pasid);
  else if (
    d.hw.kind === 'vtd' &&
    (dom.type === 'IDENTITY' || dom.type === 'SVA' || isFirstStageDomain(d.platform, dom))
  )
    invalidatePasidIotlb(d, dom.did, pasid);
  else if (dom.type !== 'IDENTITY') invalidateIotlb(d, dom.did);
  if (dev.ats) invalidateDeviceTlb(d, dev.rid, pasid);
  waitForInvalidations(d);
}

/** Create a domain record (and for paging types its empty second-stage table). */
export function newDomain(
  d: Draft,
  id: string,
  type: DomainType,
  extra: Partial<Pick<Domain, 'ioasid' | 'hwpt' | 'stage1'>> = {},
): Domain {
  let did: number | null = null;
  let pgd: number | null = null;
  if (type === 'IDENTITY') did = d.hw.identityTag;
  if (type === 'DMA' || type === 'DMA_FQ' || type === 'UNMANAGED' || type === 'NESTED' || type === 'SVA')
    did = allocDid(d, id);
  if (type === 'DMA' || type === 'DMA_FQ' || type === 'UNMANAGED')
    pgd = createPageTable(d.mem, `the page table of ${id}`, { allocated: 0, freed: 0 });
  const levels = d.hw.initialLevelsOf?.({ type, hwpt: extra.hwpt ?? null }) ?? d.hw.initialLevels;
  const dom: Domain = {
    id,
    type,
    did,
    pgd,
    mappings: [],
    auxPasid: null,
    ioasid: extra.ioasid ?? null,
    tableFrames: pgd === null ? 0 : 1,
    hwpt: extra.hwpt ?? null,
    stage1: extra.stage1 ?? null,
    ...(pgd !== null && levels !== undefined ? { levels } : {}),
  };
  d.domains.set(id, dom);
  return dom;
}

/** Release a domain's page table, DID and record (the caller checked nothing is attached). */
export function releaseDomain(d: Draft, dom: Domain): void {
  if (dom.pgd !== null)
    freeSubtree(d.mem, dom.pgd, domainLevels(d.platform, dom), { allocated: 0, freed: 0 }, d.hw.pteOf(dom));
  if (dom.did !== null && dom.type !== 'IDENTITY') d.usedDids.delete(dom.did);
  // A nested domain's further guest contexts have tags of their own (SMMUv3: their ASIDs).
  for (const p of dom.stage1?.pasids ?? []) d.usedDids.delete(p.tag);
  d.domains.delete(dom.id);
}

export function allocDomain(d: Draft, c: CommandOf<'allocDomain'>, ioasid: string | null = null) {
  d.ensureFreeId(c.id);
  const dom = newDomain(d, c.id, c.type, { ioasid });
  return dom.did === null ? {} : { did: dom.did };
}

/** Where a domain is attached: devices through their RID, and aux attachments. */
export function attachmentsOf(d: Draft, domainId: string): { primary: Device[]; aux: AuxAttachment[] } {
  const primary = [...d.devices.values()].filter((dev) => dev.primary === domainId);
  return { primary, aux: d.aux.filter((a) => a.domain === domainId) };
}

export function freeDomain(d: Draft, c: CommandOf<'freeDomain'>, byOwner = false): NoResult {
  const dom = d.domain(c.id);
  if (dom.ioasid !== null && !byOwner) fail('EBUSY', `domain ${dom.id} belongs to IOASID ${dom.ioasid}`);
  const { primary, aux } = attachmentsOf(d, dom.id);
  const users = [...primary.map((p) => `${p.id} (primary)`), ...aux.map((a) => `${a.mdev ?? a.device} (aux)`)];
  if (users.length > 0) fail('EBUSY', `domain ${dom.id} is still attached to ${users.join(', ')}`);
  if (dom.hwpt !== null) fail('EBUSY', `domain ${dom.id} is an iommufd HWPT: destroy it instead`);
  releaseDomain(d, dom);
  return {};
}

export function enableFeature(d: Draft, c: CommandOf<'enableFeature'>): NoResult {
  if (d.mdevs.has(c.device)) fail('EINVAL', `${c.device} is an mdev: features are enabled on its parent`);
  const dev = d.device(c.device);
  if (!dev.pasidCap) fail('ENODEV', `${dev.id} has no PASID capability: ${c.feature} needs it`);
  const features = c.feature === 'AUX' ? { ...dev.features, aux: true } : { ...dev.features, sva: true };
  d.devices.set(dev.id, { ...dev, features });
  return {};
}

function ridDevice(d: Draft, id: string): Device {
  if (d.mdevs.has(id))
    fail('EINVAL', `${id} is an mdev: it has no requester ID of its own (attach its parent, or aux-attach the mdev)`);
  return d.device(id);
}

/** Primary attach (iommu_attach_device): the domain becomes what the RID translates through. */
export function attach(d: Draft, c: CommandOf<'attach'>) {
  const dom = d.domain(c.domain);
  const dev = ridDevice(d, c.device);
  if (dev.devId !== null) fail('EBUSY', `${dev.id} is bound to iommufd: attach it with deviceAttach`);
  if (dev.primary !== null) fail('EBUSY', `${dev.id} is already attached to ${dev.primary}; detach it first`);
  if (dom.hwpt !== null || dom.type === 'NESTED' || dom.type === 'SVA')
    fail(
      'EINVAL',
      `domain ${dom.id} is ${dom.hwpt ? 'an iommufd HWPT' : 'an SVA domain'}: it cannot be attached with the aux-era attach`,
    );
  d.hw.programDevice(d.mem, d.rootTable, dev);
  // A BLOCKED domain has no PASID entry: the RID_PASID slot is torn down (device_block_translation).
  if (dom.type === 'BLOCKED') d.hw.clearPasid(d.mem, d.rootTable, dev, RID_PASID);
  else d.hw.setPasid(d.mem, d.rootTable, dev, RID_PASID, targetOf(d, dom));
  configWritten(d, dev, RID_PASID);
  d.devices.set(dev.id, { ...d.device(dev.id), primary: dom.id });
  return dom.did === null ? {} : { did: dom.did };
}

/** Primary detach: tear down RID_PASID and clear the context entry (dmar_remove_one_dev_info). */
export function detach(d: Draft, c: CommandOf<'detach'>) {
  const dev = ridDevice(d, c.device);
  if (dev.devId !== null) fail('EBUSY', `${dev.id} is bound to iommufd: detach it with deviceDetach`);
  if (dev.primary === null) fail('EINVAL', `${dev.id} is not attached to a domain`);
  const dom = d.domain(dev.primary);
  d.hw.clearPasid(d.mem, d.rootTable, dev, RID_PASID);
  d.hw.clearDevice(d.mem, d.rootTable, dev);
  invalidateContextCache(d, dev.rid, dom.did ?? undefined);
  flushDomain(d, dom, RID_PASID, dev);
  d.devices.set(dev.id, { ...dev, primary: null });
  return { domain: dom.id };
}

/** The parent RID and WQ an aux attach goes through: an mdev's, or a device named directly. */
function auxTarget(
  d: Draft,
  deviceId: string,
  wq: number | undefined,
): { dev: Device; wq: number | null; mdev: string | null } {
  const mdev = d.mdevs.get(deviceId);
  if (mdev) {
    if (wq !== undefined && wq !== mdev.wq) fail('EINVAL', `mdev ${mdev.id} is backed by WQ ${mdev.wq}, not WQ ${wq}`);
    return { dev: d.device(mdev.parent), wq: mdev.wq, mdev: mdev.id };
  }
  const dev = d.device(deviceId);
  if (wq === undefined) return { dev, wq: null, mdev: null };
  const use = dev.wqs[wq];
  if (use === undefined) fail('EINVAL', `${dev.id} has no WQ ${wq}`);
  return { dev, wq, mdev: use.by === 'mdev' ? use.mdev : null };
}

function sameTarget(a: AuxAttachment, dev: string, wq: number | null): boolean {
  return a.device === dev && a.wq === wq;
}

/** Aux attach (iommu_aux_attach_device): the domain's PASID on the parent RID. */
export function auxAttach(d: Draft, c: CommandOf<'auxAttach'>) {
  const dom = d.domain(c.domain);
  const t = auxTarget(d, c.device, c.wq);
  const who = t.mdev ?? (t.wq === null ? t.dev.id : `${t.dev.id} WQ ${t.wq}`);
  if (t.dev.devId !== null) fail('EBUSY', `${t.dev.id} is bound to iommufd: attach its PASIDs with deviceAttach`);
  if (!t.dev.pasidCap || !t.dev.features.aux)
    fail('ENODEV', `AUX is not enabled on ${t.dev.id} (enableFeature AUX first)`);
  if (dom.type !== 'UNMANAGED' || dom.hwpt !== null)
    fail(
      'EINVAL',
      `domain ${dom.id} is ${dom.hwpt ? 'an iommufd HWPT' : dom.type}: only UNMANAGED domains can be aux domains`,
    );
  const busy = auxHolding(d.aux, t.dev.id, t.wq, t.mdev);
  if (busy) fail('EBUSY', `${who} is already aux-attached to ${busy.domain}`);
  let pasid = dom.auxPasid;
  if (pasid === null) {
    const max = 2 ** t.dev.pasidBits - 1;
    pasid = 1;
    while (d.usedPasids.has(pasid) || d.pasidAttach.some((a) => a.device === t.dev.id && a.pasid === pasid)) pasid++;
    if (pasid > max) fail('ENOSPC', `no free PASID below ${max + 1} for ${dom.id}`);
    d.usedPasids.add(pasid);
    d.domains.set(dom.id, { ...dom, auxPasid: pasid });
  } else if (pasid >= 2 ** t.dev.pasidBits) {
    fail('EINVAL', `${dom.id}'s PASID ${pasid} does not fit ${t.dev.id}'s ${t.dev.pasidBits}-bit PASIDs`);
  }
  // The parent's context entry must be present for PASID-tagged requests to reach the PASID table.
  d.hw.programDevice(d.mem, d.rootTable, t.dev);
  d.hw.setPasid(d.mem, d.rootTable, t.dev, pasid, targetOf(d, dom));
  configWritten(d, t.dev, pasid);
  if (t.wq !== null) programWqPasid(d, t.dev.id, t.wq, pasid);
  d.appendAux({ domain: dom.id, device: t.dev.id, wq: t.wq, mdev: t.mdev });
  return { pasid };
}

/** Aux detach: tear the PASID entry down when no aux user of the domain is left on that device; free the PASID when none is left anywhere. */
export function auxDetach(d: Draft, c: CommandOf<'auxDetach'>) {
  const dom = d.domain(c.domain);
  const t = auxTarget(d, c.device, c.wq);
  const att = d.aux.find((a) => a.domain === dom.id && sameTarget(a, t.dev.id, t.wq));
  if (!att) fail('EINVAL', `${t.mdev ?? t.dev.id} is not aux-attached to ${dom.id}`);
  d.aux = d.aux.filter((a) => a !== att);
  const pasid = dom.auxPasid ?? 0;
  if (!d.aux.some((a) => a.domain === dom.id && a.device === t.dev.id)) {
    d.hw.clearPasid(d.mem, d.rootTable, t.dev, pasid);
    flushDomain(d, dom, pasid, t.dev);
  }
  if (!d.aux.some((a) => a.domain === dom.id)) {
    d.usedPasids.delete(pasid);
    d.domains.set(dom.id, { ...d.domain(dom.id), auxPasid: null });
  }
  return { pasid };
}
