/**
 * Arm SMMUv3: the one descriptor the rest of the engine sees (iommu/types.ts). Stream table → STE
 * → CD table → CD → Arm LPAE stage 1 (or a stage-2-only STE for a NEST_PARENT HWPT).
 */
import type { IommuBackend } from '../iommu/types.ts';
import { structureNaming } from '../iommu/names.ts';
import { SMMU_DESCRIBE } from './describe.ts';
import { ARM_LPAE_S1, ARM_LPAE_S2 } from './layout.ts';
import { allocCdTable, allocStreamTable, clearCd, clearSte, programSte, setCd } from './tables.ts';
import { guestCdTable } from './guestCd.ts';
import { translateSmmu } from './translate.ts';

export const SMMUV3: IommuBackend = {
  kind: 'smmuv3',
  firstTag: 1,
  identityTag: null,
  pteOf: (dom) => (dom.hwpt?.nestParent ? ARM_LPAE_S2 : ARM_LPAE_S1),
  perDeviceTag: false,
  supports: { nested: true, sva: true },
  stage1Pte: ARM_LPAE_S1,
  stage1Levels: 4,
  guestContext: guestCdTable,
  allocRoot: allocStreamTable,
  allocPasidTable: allocCdTable,
  programDevice: programSte,
  clearDevice: clearSte,
  setPasid: setCd,
  clearPasid: clearCd,
  translate: translateSmmu,
  ...structureNaming(['ste-l1', 'ste', 'cd-l1', 'cd'], SMMU_DESCRIBE.structures),
  describe: SMMU_DESCRIBE,
};
