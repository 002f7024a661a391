/**
 * The `dma` op: one request from a device (RID), a device with a PASID, or an mdev (its parent's
 * RID with the PASID its WQ was programmed with), translated by the hardware walk (vtd/translate.ts).
 * The op adds what software knows: which domain that was, whose RAM the PA lies in, the fault name,
 * and the fault record the hardware would log.
 */
import type { Draft } from '../draft.ts';
import { fail } from '../errors.ts';
import { hex, hexBrief } from '../hex.ts';
import { ramOwner } from '../memory.ts';
import {
  FAULT_LOG_SIZE,
  type AuxAttachment,
  type Device,
  type Domain,
  type FaultRecord,
  type PasidAttachment,
} from '../model.ts';
import type { CommandOf, FaultName } from '../scenario/schema.ts';
import { qemuReasonOf } from '../vtd/reasons.ts';
import { SMMU_CLASS } from '../explain/smmuClass.ts';
import { CACHE_HIT, Outcome, TranslateResult, WalkTrace, iotlbHit, type DmaRequest } from '../iommu/walk.ts';
import type { EntryCaches } from '../caches.ts';
import { formatWalk, type WalkStep } from '../iommu/steps.ts';
import { RID_PASID } from './domains.ts';

/** Which entry caches answered (platform `caches: "all"`); `atc` only for an ATS device. */
export interface CacheReport {
  readonly atc?: 'hit' | 'miss';
  readonly context?: 'hit' | 'miss';
  readonly pasid?: 'hit' | 'miss';
}

/** A DMA answered from a cache the tables no longer agree with (the invalidation lab). */
export interface Hazard {
  readonly kind: 'stale-iotlb' | 'stale-entry-cache' | 'stale-atc';
  readonly message: string;
}

/** What every `dma` result carries (MODEL.md "DMA"). */
interface DmaCommon {
  /** The PASID the request was tagged with; 0 (RID_PASID) for a request without one. */
  readonly pasid: number;
  readonly caches?: CacheReport;
  /** The answer came from a cache the tables no longer agree with (a skipped invalidation). */
  readonly hazard?: Hazard;
  readonly walk: WalkStep[];
}

/** `{outcome: "translated"}`: the hardware found a leaf that grants the access. */
export interface DmaTranslated extends DmaCommon {
  readonly outcome: 'translated';
  readonly pa: bigint;
  /** The domain software attached at (device, PASID), if any. */
  readonly domain: string | null;
  /** The domain id that tagged the translation; null when the device's own ATC answered. */
  readonly did: number | null;
  readonly pageSize: number;
  readonly iotlb: 'hit' | 'miss';
  /** The VM whose RAM the PA lies in, and the guest-physical address there. */
  readonly target: { readonly vm: string; readonly gpa: bigint } | null;
}

/** `{outcome: "fault"}` as the hardware records it: the reason code (printed in hex), and QEMU's legacy code beside it. */
export interface DmaRecordedFault extends DmaCommon {
  readonly outcome: 'fault';
  readonly fault: FaultName;
  /** The fault reason (VT-d) or event code (SMMUv3, AMD-Vi) the hardware records. */
  readonly reason: number;
  readonly qemuReason?: number;
  /** SMMUv3: a stage-2 fault (event S2 = 1) records the IPA it met and what was being fetched (CLASS). */
  readonly stage2?: { readonly ipa: bigint; readonly class: string };
  readonly recorded?: never;
}

/** A fault the hardware does not record (an SMMUv3 abort STE): no event, no reason. */
export interface DmaSilentFault extends DmaCommon {
  readonly outcome: 'fault';
  readonly fault: FaultName;
  readonly recorded: false;
  readonly reason?: never;
  readonly stage2?: never;
}

export type DmaFault = DmaRecordedFault | DmaSilentFault;
/** The `dma` op's result: narrow on `outcome`, then on `recorded` for a fault. */
export type DmaResult = DmaTranslated | DmaFault;

const FAULT_OF: Record<number, FaultName> = {
  [Outcome.NO_CONTEXT]: 'no-context',
  [Outcome.NO_PASID]: 'no-pasid',
  [Outcome.NOT_MAPPED]: 'not-mapped',
  [Outcome.WRITE_DENIED]: 'write-denied',
  [Outcome.READ_DENIED]: 'read-denied',
  [Outcome.BEYOND_WIDTH]: 'beyond-width',
};

/** Resolve who issues the request: its RID device and PASID (-1 for none). */
function requester(d: Draft, c: CommandOf<'dma'>): { dev: Device; pasid: number } {
  const mdev = d.mdevs.get(c.device);
  if (mdev) {
    const parent = d.device(mdev.parent);
    const pasid = parent.wqPasid[mdev.wq] ?? null;
    if (pasid === null) fail('EINVAL', `mdev ${mdev.id} has never been given a PASID: aux-attach a domain to it first`);
    if (c.pasid !== undefined && c.pasid !== pasid)
      fail('EINVAL', `mdev ${mdev.id} issues DMA with its own PASID ${pasid}, not ${c.pasid}`);
    return { dev: parent, pasid };
  }
  const dev = d.device(c.device);
  if (c.pasid === undefined) return { dev, pasid: -1 };
  if (!dev.pasidCap) fail('EINVAL', `${dev.id} has no PASID capability: it cannot issue PASID-tagged requests`);
  if (c.pasid >= 2 ** dev.pasidBits)
    fail('EINVAL', `PASID ${c.pasid} does not fit ${dev.id}'s ${dev.pasidBits}-bit PASIDs`);
  return { dev, pasid: c.pasid };
}

/** What attachedDomain reads: a Draft or a whole EngineState (inspect/reach.ts shares it). */
type AttachView = {
  readonly domains: { get(id: string): Domain | undefined };
  readonly pasidAttach: readonly PasidAttachment[];
  readonly aux: readonly AuxAttachment[];
};

/** The domain software has attached at (device, PASID), if any; a negative PASID is a request without one. */
export function attachedDomain(d: AttachView, dev: Pick<Device, 'id' | 'primary'>, pasid: number): string | null {
  if (pasid < 0 || pasid === RID_PASID) return dev.primary;
  const byPasid = d.pasidAttach.find((a) => a.device === dev.id && a.pasid === pasid);
  if (byPasid) return byPasid.domain;
  const att = d.aux.find((a) => a.device === dev.id && d.domains.get(a.domain)?.auxPasid === pasid);
  if (att) return att.domain;
  // SMMUv3 nested: the STE holds the guest's CD table, so its SubstreamIDs belong to the nested domain.
  const rid = dev.primary === null ? undefined : d.domains.get(dev.primary);
  return rid?.stage1?.pasids?.some((p) => p.pasid === pasid) ? rid.id : null;
}

const hitOrMiss = (hit: boolean) => (hit ? ('hit' as const) : ('miss' as const));

/**
 * The entry caches the walk looked up, each as hit or miss; a cache it never consulted (the walk
 * stopped before that structure, an AMD-Vi IOTLB hit, an ATC hit with no walk at all) is left out.
 */
function entryCacheReport(res: TranslateResult): Pick<CacheReport, 'context' | 'pasid'> {
  const report = (bit: number) => ((res.cacheLookups & bit) === 0 ? undefined : hitOrMiss((res.cacheHits & bit) !== 0));
  const context = report(CACHE_HIT.CONTEXT);
  const pasid = report(CACHE_HIT.PASID);
  return { ...(context === undefined ? {} : { context }), ...(pasid === undefined ? {} : { pasid }) };
}

/** A device-TLB (ATC) hit answers without the IOMMU: `res` is filled as a translation. */
function deviceTlbHit(caches: EntryCaches, sid: number, req: DmaRequest, res: TranslateResult): boolean {
  const atc = caches.devtlb.get(sid);
  if (atc === undefined) return false;
  res.cacheLookups = 0;
  res.cacheHits = 0;
  res.pasidTag = req.pasid >= 0 ? req.pasid : 0;
  res.did = -1;
  res.passThrough = false;
  if (!iotlbHit(atc, 0, req, res)) return false;
  res.hit = false;
  return true;
}

/** On an IOTLB hit, what the page tables say now: a different answer means the hit used a stale entry. */
function staleness(d: Draft, req: DmaRequest, pa: bigint, what: string): string | null {
  const check = new TranslateResult();
  d.hw.translate(d.base.memory.frames, d.rootTable, req, null, false, new WalkTrace(), check);
  if (check.outcome !== Outcome.TRANSLATED)
    return `the tables no longer map this address (a fresh walk would fault ${FAULT_OF[check.outcome] ?? 'no-pasid'}): ${what} was not invalidated`;
  const now = BigInt(check.pfn) * 4096n + BigInt(check.offset);
  return now === pa ? null : `the tables now map this address to ${hex(now)}: ${what} was not invalidated`;
}

/** A fault answered from cached configuration: what a fresh walk of the tables gives instead, if it translates. */
function staleFault(d: Draft, req: DmaRequest): string | null {
  const check = new TranslateResult();
  d.hw.translate(d.base.memory.frames, d.rootTable, req, null, false, new WalkTrace(), check);
  if (check.outcome !== Outcome.TRANSLATED) return null;
  const now = BigInt(check.pfn) * 4096n + BigInt(check.offset);
  return `the tables now translate this address to ${hex(now)}: a cached configuration entry was not invalidated`;
}

export function dma(d: Draft, c: CommandOf<'dma'>): DmaResult {
  // A command's own scratch (two small objects per DMA): the engine keeps no state between commands.
  const trace = new WalkTrace();
  const res = new TranslateResult();
  const { dev, pasid } = requester(d, c);
  const iova = BigInt(c.iova);
  // A request carries at most a 64-bit address (PCIe); a wider value is one no device can issue, refused
  // like any value of the right form the op cannot accept (MODEL.md "Ops"). Below 2^64 it is the
  // hardware's to judge: beyond the unit's width it faults `beyond-width`.
  if (iova >> 64n !== 0n) fail('EINVAL', `iova ${hexBrief(iova)} is wider than 64 bits: no device can issue it`);
  const write = c.access === 'write';
  const frames = d.base.memory.frames;
  const req: DmaRequest = {
    bus: dev.bus,
    devfn: dev.devfn,
    pasid,
    vpfn: Number(iova >> 12n),
    offset: Number(iova & 0xfffn),
    write,
    ats: dev.ats,
  };
  const caches = d.entryCaches;
  const atcHit = caches !== null && dev.ats && deviceTlbHit(caches, dev.rid, req, res);
  if (!atcHit) {
    if (caches === null) d.hw.translate(frames, d.rootTable, req, d.iotlb, false, trace, res);
    // With the entry caches modelled, a walk fills them (and the IOTLB) as it goes.
    else d.hw.translate(frames, d.rootTable, req, d.iotlbW(), true, trace, res, d.entryCachesW());
  }
  const walk = atcHit ? [] : formatWalk(frames, trace, d.hw, res);
  const pasidOut = pasid < 0 ? 0 : pasid;
  const domain = attachedDomain(d, dev, pasid);
  const cacheReport: { caches?: CacheReport } =
    caches === null ? {} : { caches: { ...(dev.ats ? { atc: hitOrMiss(atcHit) } : {}), ...entryCacheReport(res) } };
  if (res.outcome === Outcome.TRANSLATED) {
    if (caches === null && !res.hit && !res.passThrough) {
      d.iotlbW().insert({
        did: res.did,
        pasid: res.pasidTag,
        level: res.level,
        vpn: res.leafVpn,
        pfn: res.leafPfn,
        read: res.leafRead,
        write: res.leafWrite,
      });
    }
    if (caches !== null && dev.ats && !atcHit && !res.passThrough) {
      // ATS: the device keeps the translation it was given in its own ATC.
      d.entryCachesW()
        ?.atc(dev.rid)
        .insert({
          did: 0,
          pasid: res.pasidTag,
          level: res.level,
          vpn: Math.floor(req.vpfn / 512 ** (res.level - 1)),
          pfn: res.pfn - (req.vpfn % 512 ** (res.level - 1)),
          read: res.leafRead || res.hit,
          write: res.leafWrite || (res.hit && write),
        });
    }
    const pa = BigInt(res.pfn) * 4096n + BigInt(res.offset);
    const owner = pa < 2n ** 53n ? ramOwner(d.base.memory, Number(pa)) : undefined;
    const vm = owner ? d.vms.get(owner.owner) : undefined;
    const words = d.hw.describe.stale;
    const cached = atcHit ? words.atc : res.hit ? words.iotlb : words.entry;
    const stale = res.hit || res.cacheHits !== 0 || atcHit ? staleness(d, req, pa, cached) : null;
    return {
      outcome: 'translated' as const,
      pa,
      pasid: pasidOut,
      domain,
      // A bypass (SMMUv3 STE bypass) carries no tag: null, not the walk's -1 "none yet".
      did: atcHit || res.did < 0 ? null : res.did,
      pageSize: 4096 * 512 ** (res.level - 1),
      iotlb: res.hit ? ('hit' as const) : ('miss' as const),
      target: vm && owner ? { vm: vm.id, gpa: pa - BigInt(owner.base) } : null,
      ...cacheReport,
      ...(stale === null
        ? {}
        : {
            hazard: {
              kind: atcHit
                ? ('stale-atc' as const)
                : res.hit
                  ? ('stale-iotlb' as const)
                  : ('stale-entry-cache' as const),
              message: stale,
            },
          }),
      walk,
    };
  }
  // A fault decided from a cached configuration entry (a stale abort STE, a cleared CD still cached)
  // while the tables would translate: the cache was not invalidated.
  const staleConfig = res.cacheHits !== 0 ? staleFault(d, req) : null;
  const faultHazard: { hazard?: Hazard } =
    staleConfig === null ? {} : { hazard: { kind: 'stale-entry-cache', message: staleConfig } };
  let fault = FAULT_OF[res.outcome] ?? 'no-pasid';
  // The kernel blocks a RID by tearing its RID_PASID entry down; name the cause, not just the missing entry.
  if (fault === 'no-pasid' && domain !== null && d.domains.get(domain)?.type === 'BLOCKED') fault = 'blocked';
  // A device bound to iommufd sits in the blocking domain until something is attached to its RID.
  if (fault === 'no-pasid' && pasid < 0 && dev.devId !== null && dev.primary === null) fault = 'blocked';
  if (res.silent) {
    // Nothing is recorded (an SMMUv3 abort STE): no event, no reason.
    return { outcome: 'fault' as const, fault, recorded: false, pasid: pasidOut, ...cacheReport, ...faultHazard, walk };
  }
  // An SMMUv3 event of a stage-2 fault carries S2 = 1, the IPA and the CLASS of the fetch (spec §7.3).
  const s2 =
    d.hw.kind === 'smmuv3' && res.stage2 ? { ipa: BigInt(res.ipa), class: SMMU_CLASS[res.ipaClass] ?? '' } : null;
  const record: FaultRecord = {
    seq: d.faultCount,
    device: c.device,
    sourceId: dev.rid,
    pasid: pasid < 0 ? null : pasid,
    address: iova & ~0xfffn,
    access: c.access,
    reason: res.reason,
    fault,
    ...(s2 === null ? {} : { stage2: { ipa: s2.ipa, cls: res.ipaClass } }),
  };
  const faults = [...d.faults, record];
  d.faults = faults.length > FAULT_LOG_SIZE ? faults.slice(faults.length - FAULT_LOG_SIZE) : faults;
  d.faultCount++;
  // QEMU's emulation records legacy codes for some scalable-mode conditions: shown beside the hardware's.
  // UNMANAGED domains (and every paging HWPT) are second stage on VT-d (docs/engine.md "Stages").
  const secondStage = domain !== null && d.domains.get(domain)?.type === 'UNMANAGED';
  const qemu = d.hw.kind === 'vtd' ? qemuReasonOf(res.reason, write, secondStage) : 0;
  return {
    outcome: 'fault' as const,
    fault,
    reason: res.reason,
    ...(qemu === 0 ? {} : { qemuReason: qemu }),
    ...(s2 === null ? {} : { stage2: s2 }),
    pasid: pasidOut,
    ...cacheReport,
    ...faultHazard,
    walk,
  };
}
