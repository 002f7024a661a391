/**
 * AMD-Vi: the descriptors the rest of the engine sees (iommu/types.ts). v2 mode: DTE → GCR3 table
 * (by PASID) → x86-64 tables; v1 mode (the Linux default): DTE → v1 host tables, no PASIDs; nested:
 * the guest's GCR3 and v2 tables over a v1 host table (translate.ts reads whatever the DTE holds).
 */
import type { IommuBackend } from '../iommu/types.ts';
import type { Domain } from '../model.ts';
import { structureNaming } from '../iommu/names.ts';
import { AMD_DESCRIBE, AMD_V1_DESCRIBE } from './describe.ts';
import { AMD_V1, AMD_V2 } from './layout.ts';
import {
  allocDeviceTable,
  allocGcr3Table,
  buildGuestGcr3,
  clearDte,
  clearGcr3,
  programDte,
  setGcr3,
  type GuestLevels,
} from './tables.ts';
import { translateAmd } from './translate.ts';
import { allocNoPasidTable, clearDteV1, programDteV1, setDteV1 } from './v1.ts';

/** Walk structure codes ROOT..PASID_TABLE: the DTE, then the GCR3 levels (GLX 2, 1) and the GCR3 entry. */
const NAMING = structureNaming(['dte', 'gcr3-l2', 'gcr3-l1', 'gcr3'], AMD_DESCRIBE.structures);
/** A NEST_PARENT domain and the nested domains over it carry their own DomainID (a v1 DTE's). */
const ownTag = (dom: Pick<Domain, 'hwpt' | 'type'>): boolean => dom.type === 'NESTED' || dom.hwpt?.nestParent === true;

/**
 * AMD-Vi in v2 mode with guest (v2) tables of `gpt` levels: 4, or 5 on a 57-bit platform (the DTE's
 * GuestPagingMode; Linux's amd_iommu_gpt_level). Every v2 table — paging domains, SVA processes,
 * a nested guest's — then has that many levels, as the CPU's own tables do.
 */
function amdV2(gpt: GuestLevels): IommuBackend {
  return {
    kind: 'amd-vi',
    firstTag: 1,
    identityTag: null,
    // Nesting needs a v1 host table (amd_iommu_domain_alloc_paging_flags: NEST_PARENT → PD_MODE_V1).
    pteOf: (dom) => (dom.hwpt?.nestParent ? AMD_V1 : AMD_V2),
    // v2 tables sign-extend like the CPU's: Linux's dma_max_address keeps the lower half only
    // ("iommu/amd: Fix geometry.aperture_end for V2 tables"), as the walk's canonical check does.
    signExtendedInput: (dom) => dom.hwpt?.nestParent !== true,
    perDeviceTag: true,
    initialLevelsOf: (dom) => (dom.hwpt?.nestParent ? 3 : undefined),
    deviceTagged: (dom) => !ownTag(dom),
    guestContext: buildGuestGcr3,
    supports: { nested: true, sva: true },
    allocRoot: allocDeviceTable,
    allocPasidTable: allocGcr3Table,
    programDevice: (mem, root, dev) => {
      programDte(mem, root, dev, gpt);
    },
    clearDevice: clearDte,
    setPasid: (mem, root, dev, pasid, target) => {
      setGcr3(mem, root, dev, pasid, target, gpt);
    },
    clearPasid: (mem, root, dev, pasid) => {
      clearGcr3(mem, root, dev, pasid, gpt);
    },
    translate: translateAmd,
    ...NAMING,
    describe: AMD_DESCRIBE,
  };
}

export const AMD_VI: IommuBackend = amdV2(4);
/** v2 mode on a 57-bit platform: 5-level guest tables (GuestPagingMode = GUEST_PGTABLE_5_LEVEL). */
export const AMD_VI_5LEVEL: IommuBackend = amdV2(5);

/** AMD-Vi with v1 host page tables (the Linux default): DTE → v1 levels, no PASIDs; nested adds the guest's GCR3. */
export const AMD_VI_V1: IommuBackend = {
  kind: 'amd-vi',
  firstTag: 1,
  identityTag: null,
  pteOf: () => AMD_V1,
  perDeviceTag: false,
  initialLevels: 3,
  guestContext: buildGuestGcr3,
  supports: { nested: true, sva: false },
  allocRoot: allocDeviceTable,
  allocPasidTable: allocNoPasidTable,
  programDevice: programDteV1,
  clearDevice: clearDte,
  setPasid: setDteV1,
  clearPasid: clearDteV1,
  translate: translateAmd,
  ...NAMING,
  describe: AMD_V1_DESCRIBE,
};
