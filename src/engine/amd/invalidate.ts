/**
 * AMD-Vi cache maintenance through its command buffer (AMD IOMMU spec 48882 §2.4; Linux
 * drivers/iommu/amd/iommu.c), recorded in the invalidation log with the generic record kinds and
 * applied to the modelled caches (describe.ts names them for the views):
 *
 * | command | record | drops |
 * |---|---|---|
 * | INVALIDATE_DEVTAB_ENTRY | `context-cache`, sid | the cached DTE of a DeviceID |
 * | INVALIDATE_IOMMU_PAGES (DomainID) | `iotlb`, did, domain / page range | translations of a DomainID (all: also its cached GCR3 entries) |
 * | INVALIDATE_IOMMU_PAGES (GN, PASID) | `p_iotlb`, did + pasid, PASID / page range | translations of (DomainID, PASID) (all: also that GCR3 entry) |
 * | INVALIDATE_IOTLB_PAGES | `devtlb`, sid + pasid | an ATS device's IOTLB |
 * | COMPLETION_WAIT | `wait` | (completes the batch) |
 *
 * The driver sets PDE = 1 in every INVALIDATE_IOMMU_PAGES (build_inv_iommu_pages), and a range is
 * widened to a naturally aligned power-of-two block with S = 1 (build_inv_address), or to all
 * addresses when the block would reach bit 51. Without `platform.caches: "all"` only the IOTLB is
 * modelled: INVALIDATE_DEVTAB_ENTRY is then recorded, not applied, as VT-d's context-cache descriptors are.
 */
import type { Draft } from '../draft.ts';
import { atsUsersOf, issue, record, type Desc } from '../invalidationLog.ts';
import type { Device, Domain, Invalidation } from '../model.ts';
import { DTE_SIZE } from './layout.ts';
import { gcr3EntryAt } from './tables.ts';

type Range = { iovaPfn: number; pages: number };

/** build_inv_address: the naturally aligned block covering the range, or undefined for all addresses. */
export function invAddressBlock(range: Range): Range | undefined {
  const first = range.iovaPfn;
  const last = range.iovaPfn + range.pages - 1;
  let bits = 0;
  while (Math.floor(first / 2 ** bits) !== Math.floor(last / 2 ** bits)) bits++;
  // bits + 12 ≥ 51: the block would span the whole address space (CMD_INV_IOMMU_ALL_PAGES_ADDRESS).
  if (bits + 12 >= 51) return undefined;
  return { iovaPfn: Math.floor(first / 2 ** bits) * 2 ** bits, pages: 2 ** bits };
}

/** Whether this op already issued a command with the same kind and target (one per structure per op). */
function issuedThisOp(d: Draft, desc: Desc): boolean {
  return d.invalidations.some(
    (i: Invalidation) => i.seq === d.base.seq && i.type === desc.type && i.sid === desc.sid && i.state !== 'deferred',
  );
}

/** INVALIDATE_DEVTAB_ENTRY for one DeviceID (device_flush_dte), once per op. */
export function invalidateDevtabEntry(d: Draft, sid: number): void {
  const desc: Desc = { type: 'context-cache', granularity: 'device', sid };
  if (issuedThisOp(d, desc)) return;
  if (d.entryCaches === null) record(d, desc, 'done');
  else issue(d, desc, () => d.entryCachesW()?.context.delete(sid));
}

/**
 * INVALIDATE_IOMMU_PAGES: a DomainID (and with GN a PASID), over an aligned block or all of it. A
 * whole-domain or whole-PASID one also drops the GCR3 entries cached under that DomainID (PDE = 1:
 * amd_iommu_dev_flush_pasid_all after update_gcr3, amd_iommu_domain_flush_all).
 */
export function invalidateIommuPages(d: Draft, did: number, pasid: number | null, range?: Range): void {
  const block = range === undefined ? undefined : invAddressBlock(range);
  const dropGcr3 = (p?: number) => {
    if (d.entryCaches !== null) d.entryCachesW()?.dropPasid(did, p);
  };
  if (pasid === null) {
    if (block === undefined)
      issue(d, { type: 'iotlb', granularity: 'domain', did }, () => {
        d.iotlbW().invalidateDid(did);
        dropGcr3();
      });
    else
      issue(d, { type: 'iotlb', granularity: 'page', did, addr: block.iovaPfn, pages: block.pages }, () =>
        d.iotlbW().invalidateDid(did, block.iovaPfn, block.pages),
      );
  } else if (block === undefined) {
    issue(d, { type: 'p_iotlb', granularity: 'pasid', did, pasid }, () => {
      d.iotlbW().invalidatePasid(did, pasid);
      dropGcr3(pasid);
    });
  } else {
    issue(d, { type: 'p_iotlb', granularity: 'page', did, pasid, addr: block.iovaPfn, pages: block.pages }, () =>
      d.iotlbW().invalidatePasid(did, pasid, block.iovaPfn, block.pages),
    );
  }
}

/** INVALIDATE_IOTLB_PAGES: an ATS device's IOTLB, for a PASID (GN) or the RID, a block or all of it. */
export function invalidateIotlbPages(d: Draft, sid: number, pasid: number, range?: Range): void {
  if (d.entryCaches === null) return;
  const block = range === undefined ? undefined : invAddressBlock(range);
  const desc: Desc =
    block === undefined
      ? { type: 'devtlb', granularity: 'pasid', sid, pasid }
      : { type: 'devtlb', granularity: 'page', sid, pasid, addr: block.iovaPfn, pages: block.pages };
  issue(d, desc, () =>
    d
      .entryCachesW()
      ?.devtlb.get(sid)
      ?.invalidatePasid(0, pasid, block?.iovaPfn ?? 0, block?.pages ?? Infinity),
  );
}

/** COMPLETION_WAIT. */
function completionWait(d: Draft): void {
  record(d, { type: 'wait', granularity: 'global' }, 'done');
}

/** Whether a domain's IOTLB entries carry each device's DomainID (v2 mode) rather than its own. */
function deviceTagged(d: Draft, dom: Domain): boolean {
  return d.hw.deviceTagged?.(dom) ?? d.hw.perDeviceTag;
}

/**
 * The tags a domain's translations carry: its own DomainID (v1 tables, NEST_PARENT and nested
 * domains); in v2 mode the DomainID of each device's GCR3 table, with the PASID it is attached at.
 */
export function amdCacheTagsOf(d: Draft, dom: Domain): { did: number; pasid: number | null }[] {
  if (dom.did === null) return [];
  if (!deviceTagged(d, dom)) return [{ did: dom.did, pasid: null }];
  const out: { did: number; pasid: number | null }[] = [];
  const add = (device: string, pasid: number | null) => {
    const tag = d.devices.get(device)?.tag;
    if (tag !== null && tag !== undefined && pasid !== null && !out.some((t) => t.did === tag && t.pasid === pasid))
      out.push({ did: tag, pasid });
  };
  for (const dev of d.devices.values()) if (dev.primary === dom.id) add(dev.id, 0);
  for (const a of d.aux) if (a.domain === dom.id) add(a.device, dom.auxPasid);
  for (const a of d.pasidAttach) if (a.domain === dom.id) add(a.device, a.pasid);
  return out;
}

/**
 * A domain's mappings changed (unmap, an mm notifier, a guest's table update): INVALIDATE_IOMMU_PAGES
 * at every tag and INVALIDATE_IOTLB_PAGES at every ATS user (amd_iommu_domain_flush_pages). A nested
 * domain flushed because its parent's host table changed holds combined guest-VA translations: all
 * of its DomainID goes (nested.c: "When the S2 is changed, INVALIDATE_IOMMU_PAGES must be issued for
 * each hDomID").
 */
export function amdInvalidateDomain(d: Draft, dom: Domain, range?: Range, nestingOf?: Domain): void {
  const scope = nestingOf === undefined ? range : undefined;
  for (const t of amdCacheTagsOf(d, dom)) invalidateIommuPages(d, t.did, t.pasid, scope);
  if (d.entryCaches !== null) for (const u of atsUsersOf(d, dom)) invalidateIotlbPages(d, u.sid, u.pasid, scope);
}

/** Whether the device's DTE differs from what it was when this op began. */
function dteChanged(d: Draft, dev: Device): boolean {
  const at = d.rootTable + dev.rid * DTE_SIZE;
  for (let i = 0; i < DTE_SIZE / 4; i++) if (d.mem.word(at, i) !== d.mem.wordBefore(at, i)) return true;
  return false;
}

/** Whether the device's own GCR3 entry for `pasid` differs from what it was when this op began. */
function gcr3Changed(d: Draft, dev: Device, pasid: number): boolean {
  if (!d.hw.perDeviceTag) return false; // v1 mode: no host GCR3 table (a nested guest keeps its own)
  const at = gcr3EntryAt(d.mem, dev, pasid);
  if (at === null) return false;
  return d.mem.word(at, 0) !== d.mem.wordBefore(at, 0) || d.mem.word(at, 1) !== d.mem.wordBefore(at, 1);
}

/** Whether this op already flushed all of (DomainID, PASID) (a replace's new entry, then its old domain). */
function pasidFlushedThisOp(d: Draft, did: number, pasid: number): boolean {
  return d.invalidations.some(
    (i) =>
      i.seq === d.base.seq && i.type === 'p_iotlb' && i.granularity === 'pasid' && i.did === did && i.pasid === pasid,
  );
}

/**
 * A GCR3 entry was written (update_gcr3 → dev_flush_pasid_all): INVALIDATE_IOMMU_PAGES for all of
 * the device's (DomainID, PASID) — it also drops the GCR3 entry the IOMMU may hold for it —
 * INVALIDATE_IOTLB_PAGES for an ATS device, COMPLETION_WAIT. Skipped, a GCR3 entry or translations
 * cached before a skipped tear-down would be served for the new domain.
 */
function gcr3Written(d: Draft, dev: Device, pasid: number): void {
  if (dev.tag === null) return;
  invalidateIommuPages(d, dev.tag, pasid);
  if (dev.ats) invalidateIotlbPages(d, dev.rid, pasid);
  completionWait(d);
}

/**
 * After an op wrote a device's structures: the GCR3 entry's flush when it changed (update_gcr3 runs
 * before the DTE is written: attach_device → init_gcr3_table, then dev_update_dte), then for a
 * changed DTE (amd_iommu_update_dte) INVALIDATE_DEVTAB_ENTRY and COMPLETION_WAIT.
 */
export function amdConfigWritten(d: Draft, dev: Device, pasid: number): void {
  if (gcr3Changed(d, dev, pasid)) gcr3Written(d, dev, pasid);
  if (!dteChanged(d, dev)) return;
  const already = issuedThisOp(d, { type: 'context-cache', granularity: 'device', sid: dev.rid });
  invalidateDevtabEntry(d, dev.rid);
  if (!already) completionWait(d);
}

/**
 * (device, PASID)'s entry for `dom` was torn down or replaced: the DTE's invalidation when it changed
 * (detach_device, amd_iommu_update_dte), then the old translations — INVALIDATE_IOMMU_PAGES for all
 * of the device's (DomainID, PASID) in v2 mode (amd_iommu_dev_flush_pasid_all), or for all of the
 * domain's DomainID (amd_iommu_domain_flush_all) — INVALIDATE_IOTLB_PAGES for an ATS device, and
 * COMPLETION_WAIT.
 */
export function amdFlushAttachment(d: Draft, dom: Domain, pasid: number, dev: Device): void {
  const dte = dteChanged(d, dev);
  // A replace rewrote the GCR3 entry in place: update_gcr3 already flushed all of (DomainID, PASID).
  const flushed = deviceTagged(d, dom) && dev.tag !== null && pasidFlushedThisOp(d, dev.tag, pasid);
  if (flushed && !dte) return;
  if (dte) invalidateDevtabEntry(d, dev.rid);
  if (dom.did !== null && !flushed) {
    if (deviceTagged(d, dom) && dev.tag !== null) invalidateIommuPages(d, dev.tag, pasid);
    else if (dom.type !== 'IDENTITY') invalidateIommuPages(d, dom.did, null);
  }
  if (dev.ats && !flushed) invalidateIotlbPages(d, dev.rid, pasid);
  completionWait(d);
}
