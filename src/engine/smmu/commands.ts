/**
 * Arm SMMUv3's own words for what the engine records generically (SMMUv3 spec §4 "Commands";
 * Linux arm-smmu-v3.h CMDQ_OP_*): the command behind each invalidation record (smmu/invalidate.ts
 * issues them), its opcode and what it drops, and the names of the caches a DMA result reports.
 */
import type { Invalidation } from '../model.ts';

export interface SmmuCommand {
  readonly code: number;
  readonly name: string;
  readonly what: string;
}

const CFGI_STE: SmmuCommand = {
  code: 0x03,
  name: 'CMD_CFGI_STE',
  what: 'Drops the cached STE of one StreamID (Leaf = 1), issued after every STE write (arm_smmu_write_ste). Applied when the platform models the configuration cache (caches "all"), recorded otherwise.',
};
const CFGI_ALL: SmmuCommand = {
  code: 0x04,
  name: 'CMD_CFGI_ALL',
  what: 'Drops every cached STE and CD (CFGI_STE_RANGE over the whole StreamID space), issued once at boot by arm_smmu_device_reset before the SMMU is enabled.',
};
const CFGI_CD_ALL: SmmuCommand = {
  code: 0x06,
  name: 'CMD_CFGI_CD_ALL',
  what: "Drops every cached CD of one StreamID. Linux's host driver never issues it; a guest passes it through its vSMMU (IOMMU_HWPT_INVALIDATE, arm_vsmmu_convert_user_cmd) after rewriting its own CD table.",
};
const CFGI_CD: SmmuCommand = {
  code: 0x05,
  name: 'CMD_CFGI_CD',
  what: 'Drops the cached CD of one (StreamID, SubstreamID), issued after every CD write (arm_smmu_sync_cd). Applied when the platform models the configuration cache, recorded otherwise.',
};
const TLBI_NH_ASID: SmmuCommand = {
  code: 0x11,
  name: 'CMD_TLBI_NH_ASID',
  what: 'Drops every stage-1 (and nested) TLB entry of one ASID (arm_smmu_tlb_inv_asid). Applied to the modelled TLB.',
};
const TLBI_NH_VA: SmmuCommand = {
  code: 0x12,
  name: 'CMD_TLBI_NH_VA',
  what: 'Drops the stage-1 TLB entries of one ASID over an address range (arm_smmu_tlb_inv_range_asid). Applied to the modelled TLB.',
};
const TLBI_NH_ALL: SmmuCommand = {
  code: 0x10,
  name: 'CMD_TLBI_NH_ALL',
  what: "Drops every stage-1 entry under one VMID: when a NEST_PARENT's stage 2 changes, the nested ASIDs' combined entries go too (arm_smmu_tlb_inv_range_domain, nest_parent).",
};
const TLBI_NH_VAA: SmmuCommand = {
  code: 0x13,
  name: 'CMD_TLBI_NH_VAA',
  what: 'Drops the stage-1 TLB entries of every ASID under one VMID over an address range. Only a guest issues it, through its vSMMU (the host fixes the VMID: arm_vsmmu_convert_user_cmd).',
};
const TLBI_NSNH_ALL: SmmuCommand = {
  code: 0x30,
  name: 'CMD_TLBI_NSNH_ALL',
  what: "Drops every non-secure, non-hypervisor TLB entry of every VMID and ASID, issued once at boot by arm_smmu_device_reset (a guest's is turned into CMD_TLBI_NH_ALL for its VMID).",
};
const TLBI_S12_VMALL: SmmuCommand = {
  code: 0x28,
  name: 'CMD_TLBI_S12_VMALL',
  what: 'Drops every stage-2 and combined TLB entry of one VMID (arm_smmu_tlb_inv_vmid). Applied to the modelled TLB.',
};
const TLBI_S2_IPA: SmmuCommand = {
  code: 0x2a,
  name: 'CMD_TLBI_S2_IPA',
  what: 'Drops the stage-2 TLB entries of one VMID over an IPA range (unmap of a NEST_PARENT domain). Applied to the modelled TLB.',
};
const ATC_INV: SmmuCommand = {
  code: 0x40,
  name: 'CMD_ATC_INV',
  what: 'Sends an ATS invalidation to a device: drops what its ATC cached for one SubstreamID, a range or all of it (arm_smmu_atc_inv_domain). Applied when the platform models ATCs (caches "all", devices added with ats).',
};
const SYNC: SmmuCommand = {
  code: 0x46,
  name: 'CMD_SYNC',
  what: 'Ends a batch: the driver waits until every earlier command has been consumed (arm_smmu_cmdq_issue_cmdlist with sync).',
};

/** The command behind one invalidation record: the TLB commands by stage (1: NH_*, 2: S2_*) and range. */
export function smmuCommandOf(inv: Pick<Invalidation, 'type' | 'granularity' | 'stage' | 'did' | 'addr'>): SmmuCommand {
  switch (inv.type) {
    case 'context-cache':
      return inv.granularity === 'global' ? CFGI_ALL : CFGI_STE;
    case 'pasid-cache':
      return inv.granularity === 'device' ? CFGI_CD_ALL : CFGI_CD;
    case 'devtlb':
      return ATC_INV;
    case 'wait':
      return SYNC;
    case 'iotlb':
    case 'p_iotlb':
      if (inv.stage === 2) return inv.granularity === 'page' ? TLBI_S2_IPA : TLBI_S12_VMALL;
      // `global`: every ASID under a VMID (did), over a range (NH_VAA) or all (NH_ALL); no VMID: NSNH_ALL.
      if (inv.granularity === 'global') {
        if (inv.did === undefined) return TLBI_NSNH_ALL;
        return inv.addr === undefined ? TLBI_NH_ALL : TLBI_NH_VAA;
      }
      return inv.granularity === 'page' ? TLBI_NH_VA : TLBI_NH_ASID;
  }
}

/** Every command the model issues, for a legend. */
export const SMMU_COMMANDS: readonly SmmuCommand[] = [
  CFGI_STE,
  CFGI_ALL,
  CFGI_CD,
  CFGI_CD_ALL,
  TLBI_NH_ALL,
  TLBI_NH_ASID,
  TLBI_NH_VA,
  TLBI_NH_VAA,
  TLBI_NSNH_ALL,
  TLBI_S12_VMALL,
  TLBI_S2_IPA,
  ATC_INV,
  SYNC,
];

/** What the entry caches are on SMMUv3 (the dma result's `caches.context` and `caches.pasid`). */
export const SMMU_ENTRY_CACHES = { context: 'STE cache', pasid: 'CD cache', atc: 'ATC' } as const;

/** The hazard text's name for a stale cached configuration entry. */
export const SMMU_STALE_ENTRY = 'a cached STE or CD';
