/**
 * Intel VT-d in scalable mode: the one descriptor the rest of the engine sees (iommu/types.ts).
 * Root table → context entry → PASID directory → PASID table → first- or second-stage tables.
 */
import type { IommuBackend } from '../iommu/types.ts';
import { structureNaming } from '../iommu/names.ts';
import { VTD_DESCRIBE } from './describe.ts';
import { VTD_FIRST_STAGE, VTD_SECOND_STAGE } from './formats.ts';
import { FIRST_DID, FLPT_DEFAULT_DID } from './layout.ts';
import {
  allocPasidDirectory,
  allocRootTable,
  clearContext,
  clearPasidEntry,
  programContext,
  setPasidEntry,
} from './tables.ts';
import { translate } from './translate.ts';

/**
 * Linux allocates the DMA API's domains first stage on VT-d hardware with both stages (iommu.c
 * first_level_by_default; PGTT 001, x86-64 format), and UNMANAGED ones (VFIO, aux, a VM's GPA
 * space) second stage since 5.15 ("use second level for GPA->HPA translation"), as NEST_PARENT.
 */
export function isVtdFirstStageType(type: string): boolean {
  return type === 'DMA' || type === 'DMA_FQ';
}

export const VTD: IommuBackend = {
  kind: 'vtd',
  firstTag: FIRST_DID,
  identityTag: FLPT_DEFAULT_DID,
  pteOf: (dom) => (isVtdFirstStageType(dom.type) ? VTD_FIRST_STAGE : VTD_SECOND_STAGE),
  signExtendedInput: (dom) => isVtdFirstStageType(dom.type),
  perDeviceTag: false,
  supports: { nested: true, sva: true },
  allocRoot: allocRootTable,
  allocPasidTable: allocPasidDirectory,
  programDevice: programContext,
  clearDevice: clearContext,
  setPasid: (mem, _root, dev, pasid, target) => setPasidEntry(mem, dev, pasid, target),
  clearPasid: (mem, _root, dev, pasid) => clearPasidEntry(mem, dev, pasid),
  translate,
  ...structureNaming(['root', 'context', 'pasid-dir', 'pasid-table'], VTD_DESCRIBE.structures),
  describe: VTD_DESCRIBE,
};
