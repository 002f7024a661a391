/**
 * SMMUv3 cache maintenance through the command queue (SMMUv3 spec §4.3-4.7; Linux arm-smmu-v3.c),
 * recorded in the invalidation log with the generic record kinds and applied to the modelled caches:
 *
 * | command | record | drops |
 * |---|---|---|
 * | CMD_CFGI_STE (leaf) | `context-cache`, sid | the cached STE of a StreamID |
 * | CMD_CFGI_CD (leaf) | `pasid-cache`, sid + pasid (SubstreamID) | one cached CD |
 * | CMD_TLBI_NH_ASID / CMD_TLBI_NH_VA | `iotlb` stage 1, did = ASID, domain / page range | stage-1 (and nested) entries of an ASID |
 * | CMD_TLBI_S12_VMALL / CMD_TLBI_S2_IPA | `iotlb` stage 2, did = VMID, domain / page range | stage-2 entries of a VMID |
 * | CMD_TLBI_NH_ALL | `iotlb` stage 1, granularity global, did = VMID | every stage-1 entry under a VMID (the nested ASIDs) |
 * | CMD_ATC_INV | `devtlb`, sid + SubstreamID | an ATS device's ATC |
 * | CMD_SYNC | `wait` | (completes the batch) |
 *
 * Without `platform.caches: "all"` only the TLB is modelled: CFGI commands are then recorded, not
 * applied, as VT-d's context- and PASID-cache descriptors are.
 */
import { EntryCaches } from '../caches.ts';
import type { Draft } from '../draft.ts';
import { atsUsersOf, issue, record, type Desc } from '../invalidationLog.ts';
import type { Device, Domain, Invalidation } from '../model.ts';
import { CD_SIZE, STE_SIZE } from './layout.ts';
import { cdAddrOf, steAddrOf } from './tables.ts';

type Range = { iovaPfn: number; pages: number };

/** A configuration-cache command: applied when the platform models the caches, recorded otherwise. */
function cfgi(d: Draft, desc: Desc, apply: (c: EntryCaches) => void, once = true): void {
  // One command per structure per op: a later write in the same op is covered by the first one.
  if (once && d.invalidations.some((i) => i.seq === d.base.seq && sameTarget(i, desc))) return;
  if (d.entryCaches === null) record(d, desc, 'done');
  else
    issue(d, desc, () => {
      const c = d.entryCachesW();
      if (c !== null) apply(c);
    });
}

function sameTarget(i: Invalidation, desc: Desc): boolean {
  return i.type === desc.type && i.sid === desc.sid && i.pasid === desc.pasid;
}

/** CMD_CFGI_STE (leaf): the STE of one StreamID (arm_smmu_ste_writer_sync_entry after each STE write). */
export function cfgiSte(d: Draft, sid: number): void {
  cfgi(d, { type: 'context-cache', granularity: 'device', sid }, (c) => c.context.delete(sid));
}

/**
 * CMD_CFGI_CD (leaf): the CD of (StreamID, SubstreamID) (arm_smmu_sync_cd after each CD write).
 * `once` = false: a guest's own command, recorded however often it sends it.
 */
export function cfgiCd(d: Draft, sid: number, ssid: number, once = true): void {
  cfgi(
    d,
    { type: 'pasid-cache', granularity: 'pasid', sid, pasid: ssid },
    (c) => c.pasid.delete(EntryCaches.pasidKey(sid, ssid)),
    once,
  );
}

/** CMD_CFGI_CD_ALL: every cached CD of one StreamID (only a guest sends it, through its vSMMU). */
export function cfgiCdAll(d: Draft, sid: number): void {
  cfgi(
    d,
    { type: 'pasid-cache', granularity: 'device', sid },
    (c) => {
      for (const key of [...c.pasid.keys()]) if (Math.floor(key / 2 ** 20) === sid) c.pasid.delete(key);
    },
    false,
  );
}

/**
 * arm_smmu_device_reset, before the SMMU is enabled: CMD_CFGI_ALL (every cached STE and CD), CMD_SYNC,
 * CMD_TLBI_NSNH_ALL (every TLB entry of every VMID), CMD_SYNC. Nothing is cached yet at boot; the
 * commands are what the driver issues, and the log starts with them.
 */
export function smmuDeviceReset(d: Draft): void {
  cfgi(
    d,
    { type: 'context-cache', granularity: 'global' },
    (c) => {
      c.context.clear();
      c.pasid.clear();
    },
    false,
  );
  cmdSync(d);
  issue(d, { type: 'iotlb', granularity: 'global', stage: 1 }, () => {
    for (const e of d.iotlbW().entries()) d.iotlbW().invalidateDid(e.did);
  });
  cmdSync(d);
}

/**
 * TLB invalidation by tag: stage 1 by ASID (CMD_TLBI_NH_ASID, or CMD_TLBI_NH_VA over a range),
 * stage 2 by VMID (CMD_TLBI_S12_VMALL, or CMD_TLBI_S2_IPA over a range), as
 * arm_smmu_tlb_inv_context and arm_smmu_tlb_inv_range_domain issue them.
 */
export function tlbi(d: Draft, stage: 1 | 2, tag: number, range?: Range): void {
  if (range === undefined) {
    issue(d, { type: 'iotlb', granularity: 'domain', did: tag, stage }, () => d.iotlbW().invalidateDid(tag));
  } else {
    issue(d, { type: 'iotlb', granularity: 'page', did: tag, stage, addr: range.iovaPfn, pages: range.pages }, () =>
      d.iotlbW().invalidateDid(tag, range.iovaPfn, range.pages),
    );
  }
}

/**
 * CMD_TLBI_NH_ALL for a VMID: when a NEST_PARENT's stage 2 changes, every nested stage-1 ASID
 * under it is flushed too (arm_smmu_tlb_inv_range_domain, `nest_parent`). The model tags combined
 * entries with the nested domains' ASIDs, so those are what it drops.
 */
export function tlbiNhAll(d: Draft, vmid: number, asids: Iterable<number>): void {
  issue(d, { type: 'iotlb', granularity: 'global', did: vmid, stage: 1 }, () => {
    for (const asid of asids) d.iotlbW().invalidateDid(asid);
  });
}

/** CMD_ATC_INV: an ATS device's ATC for one SubstreamID, a range or all of it (arm_smmu_atc_inv_domain). */
export function atcInv(d: Draft, sid: number, ssid: number, range?: Range): void {
  if (d.entryCaches === null) return;
  const desc: Desc =
    range === undefined
      ? { type: 'devtlb', granularity: 'pasid', sid, pasid: ssid }
      : { type: 'devtlb', granularity: 'page', sid, pasid: ssid, addr: range.iovaPfn, pages: range.pages };
  // SubstreamID 0 is sent without a PASID (SSV = 0), which covers every PASID of the device (PCIe
  // ATS §10.3.8; arm_smmu_atc_inv_to_cmd for IOMMU_NO_PASID): a nested STE's guest SSIDs go with it.
  issue(d, desc, () => {
    const atc = d.entryCachesW()?.devtlb.get(sid);
    if (ssid === 0) atc?.invalidateDid(0, range?.iovaPfn ?? 0, range?.pages ?? Infinity);
    else atc?.invalidatePasid(0, ssid, range?.iovaPfn ?? 0, range?.pages ?? Infinity);
  });
}

/** CMD_SYNC: the batch completes. */
export function cmdSync(d: Draft): void {
  record(d, { type: 'wait', granularity: 'global' }, 'done');
}

/** Stage of a domain's TLB entries: a NEST_PARENT's are stage 2 (VMID); others stage 1 (ASID). */
function stageOf(dom: Domain): 1 | 2 {
  return dom.hwpt?.nestParent ? 2 : 1;
}

/**
 * A domain's mappings changed (unmap, a guest's or a process's table changed): TLBI by its tag over
 * the range, CMD_TLBI_NH_ALL for its nested children when it is a NEST_PARENT, then CMD_ATC_INV on
 * its ATS users. `nestingOf`: `dom` is a nested child of a parent whose stage 2 changed; the
 * parent's NH_ALL already covered its TLB entries, and its ATS users' ATCs go whole.
 */
export function smmuInvalidateDomain(d: Draft, dom: Domain, range?: Range, nestingOf?: Domain): void {
  if (dom.did === null) return;
  if (nestingOf === undefined) {
    const stage = stageOf(dom);
    tlbi(d, stage, dom.did, range);
    if (stage === 2) {
      // Every stage-1 ASID under the VMID: each nested child's, and those of its guest's further CDs.
      const asids: number[] = [];
      for (const x of d.domains.values()) {
        if (x.hwpt?.parent !== dom.id || x.did === null) continue;
        asids.push(x.did, ...(x.stage1?.pasids ?? []).map((p) => p.tag));
      }
      if (asids.length > 0) tlbiNhAll(d, dom.did, asids);
    }
  }
  for (const u of atsUsersOf(d, dom)) atcInv(d, u.sid, u.pasid, nestingOf === undefined ? range : undefined);
}

function wordsDiffer(d: Draft, addr: number, words: number): boolean {
  for (let i = 0; i < words; i++) if (d.mem.wordBefore(addr, i) !== d.mem.word(addr, i)) return true;
  return false;
}

/** CFGI for the STE and the CD of (device, SubstreamID) that this op changed; true if any was issued. */
function cfgiChanged(d: Draft, dev: Device, ssid: number): boolean {
  let any = false;
  const ste = steAddrOf(d.mem, d.rootTable, dev);
  if (ste !== null && wordsDiffer(d, ste, STE_SIZE / 4)) {
    cfgiSte(d, dev.rid);
    any = true;
  }
  const cd = cdAddrOf(d.mem, dev, ssid);
  if (cd !== null && wordsDiffer(d, cd, CD_SIZE / 4)) {
    cfgiCd(d, dev.rid, ssid);
    any = true;
  }
  return any;
}

/** After an attach: CFGI_STE / CFGI_CD for what was rewritten, then CMD_SYNC (arm_smmu_write_entry). */
export function smmuConfigWritten(d: Draft, dev: Device, ssid: number): void {
  if (cfgiChanged(d, dev, ssid)) cmdSync(d);
}

/**
 * After (device, SubstreamID)'s attachment to `dom` was torn down or replaced: CFGI for the
 * rewritten STE and CD, the old domain's TLB entries by ASID or VMID, the device's ATC for that
 * SubstreamID, CMD_SYNC.
 */
export function smmuFlushAttachment(d: Draft, dom: Domain, ssid: number, dev: Device): void {
  cfgiChanged(d, dev, ssid);
  if (dom.did !== null && dom.type !== 'IDENTITY') tlbi(d, stageOf(dom), dom.did);
  if (dev.ats) atcInv(d, dev.rid, ssid);
  cmdSync(d);
}
