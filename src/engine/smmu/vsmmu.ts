/**
 * A guest's invalidations through its vSMMU (Linux arm-smmu-v3-iommufd.c arm_vsmmu_cache_invalidate,
 * IOMMU_HWPT_INVALIDATE): the host takes the guest's SMMUv3 commands, forces its own VMID into the
 * TLB ones (arm_vsmmu_convert_user_cmd: NSNH_ALL becomes NH_ALL for the VMID) and the physical
 * StreamID into the CFGI/ATC ones, then issues them on its command queue with a CMD_SYNC at the end
 * of the batch. The TLB commands can only reach ASIDs under that VMID: the guest cannot touch the
 * host's or another VM's entries. The op (ops/hwptInvalidate.ts) has resolved and checked them.
 */
import type { Draft } from '../draft.ts';
import { issue } from '../invalidationLog.ts';
import { atcInv, cfgiCd, cfgiCdAll, cmdSync, tlbiNhAll } from './invalidate.ts';

type Range = { readonly iovaPfn: number; readonly pages: number };

/** One guest command, resolved: its ASID, its range, its physical StreamID. */
export type VsmmuOp =
  | { readonly kind: 'tlbi-va'; readonly asid: number; readonly range: Range }
  | { readonly kind: 'tlbi-vaa'; readonly range: Range }
  | { readonly kind: 'tlbi-asid'; readonly asid: number }
  | { readonly kind: 'tlbi-all' }
  | { readonly kind: 'atc'; readonly sid: number; readonly ssid: number; readonly range?: Range }
  | { readonly kind: 'cfgi-cd'; readonly sid: number; readonly ssid: number }
  | { readonly kind: 'cfgi-cd-all'; readonly sid: number };

/** Issue a guest's commands under `vmid`, whose stage-1 ASIDs (the guest's CDs) are `asids`. */
export function vsmmuInvalidate(d: Draft, vmid: number, asids: ReadonlySet<number>, ops: readonly VsmmuOp[]): void {
  const ownAsid = (asid: number, range?: Range) => {
    if (asids.has(asid)) d.iotlbW().invalidateDid(asid, range?.iovaPfn ?? 0, range?.pages ?? Infinity);
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'tlbi-va': // CMD_TLBI_NH_VA: one ASID, a range
        issue(
          d,
          { type: 'iotlb', granularity: 'page', did: op.asid, stage: 1, addr: op.range.iovaPfn, pages: op.range.pages },
          () => ownAsid(op.asid, op.range),
        );
        break;
      case 'tlbi-vaa': // CMD_TLBI_NH_VAA: every ASID of the VMID, a range
        issue(
          d,
          { type: 'iotlb', granularity: 'global', did: vmid, stage: 1, addr: op.range.iovaPfn, pages: op.range.pages },
          () => {
            for (const a of asids) ownAsid(a, op.range);
          },
        );
        break;
      case 'tlbi-asid': // CMD_TLBI_NH_ASID
        issue(d, { type: 'iotlb', granularity: 'domain', did: op.asid, stage: 1 }, () => ownAsid(op.asid));
        break;
      case 'tlbi-all': // CMD_TLBI_NH_ALL (and NSNH_ALL, converted to it) for the VMID
        tlbiNhAll(d, vmid, asids);
        break;
      case 'atc':
        atcInv(d, op.sid, op.ssid, op.range);
        break;
      case 'cfgi-cd':
        cfgiCd(d, op.sid, op.ssid, false);
        break;
      case 'cfgi-cd-all':
        cfgiCdAll(d, op.sid);
        break;
    }
  }
  cmdSync(d);
}
