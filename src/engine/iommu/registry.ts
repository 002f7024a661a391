/**
 * The IOMMUs the engine models, by kind: each folder (vtd/, smmu/, amd/) exports one descriptor
 * (types.ts `IommuBackend`), and this is the only place that chooses between them. The records are
 * keyed by IommuKind, so a new kind that lacks a descriptor or words is a compile error.
 */
import { AMD_VI, AMD_VI_5LEVEL, AMD_VI_V1 } from '../amd/index.ts';
import type { Domain, Platform } from '../model.ts';
import { SMMUV3 } from '../smmu/index.ts';
import { VTD, isVtdFirstStageType } from '../vtd/index.ts';
import { levelsOf } from '../vtd/layout.ts';
import type { IommuDescribe } from './describe.ts';
import type { IommuBackend, IommuKind } from './types.ts';

export { AMD_VI, AMD_VI_V1, SMMUV3, VTD };
export type { IommuBackend } from './types.ts';

/** Each kind's default descriptor (AMD-Vi: v2 mode; `backendOf` picks v1 from platform.pageTable). */
export const IOMMUS: Readonly<Record<IommuKind, IommuBackend>> = { vtd: VTD, smmuv3: SMMUV3, 'amd-vi': AMD_VI };

/** Every IOMMU's words, by kind: what views read vendor wording from. */
export const DESCRIBE: Readonly<Record<IommuKind, IommuDescribe>> = {
  vtd: VTD.describe,
  smmuv3: SMMUV3.describe,
  'amd-vi': AMD_VI.describe,
};

/** Every kind, in the order a picker lists them: the keys of IOMMUS, so a new kind joins by having a descriptor. */
export const IOMMU_KINDS = Object.keys(IOMMUS) as readonly IommuKind[];

export function describeOf(kind: IommuKind): IommuDescribe {
  return DESCRIBE[kind];
}

/**
 * The words of one configured platform: as `describeOf`, except where a kind's configuration changes what the
 * unit is called (AMD-Vi's v1 or v2 page tables, platform.pageTable). For text about the unit itself.
 */
export function describePlatform(
  platform: Pick<Platform, 'iommu'> & {
    readonly pageTable?: Platform['pageTable'];
    readonly addressWidth?: Platform['addressWidth'];
  },
): IommuDescribe {
  return backendOf(platform).describe;
}

/** Whether a paging domain of this platform is a VT-d first-stage (x86-64 format) domain. */
export function isFirstStageDomain(platform: Pick<Platform, 'iommu'>, dom: Pick<Domain, 'type'>): boolean {
  return platform.iommu === 'vtd' && isVtdFirstStageType(dom.type);
}

/**
 * Levels of a paging domain's table: x86-64 first stage has 4 levels (5 with a 57-bit platform,
 * FLPM = 1) even on a 39-bit unit; other tables follow the platform's width. An AMD-Vi v1 table
 * records its own level count (it grows, increase_address_space).
 */
export function domainLevels(
  platform: Pick<Platform, 'iommu' | 'addressWidth'>,
  dom: Pick<Domain, 'type' | 'levels'>,
): number {
  if (dom.levels !== undefined) return dom.levels;
  if (isFirstStageDomain(platform, dom)) return platform.addressWidth === 57 ? 5 : 4;
  return levelsOf(platform.addressWidth);
}

/**
 * The IOVA width a paging domain accepts: a sign-extended (x86-64 format) table takes canonical
 * lower-half addresses only, so the kernel sets its aperture one bit below the width (VT-d first
 * stage: __DOMAIN_MAX_ADDR(gaw - 1) in iommu.c; AMD-Vi v2: dma_max_address); other tables the width.
 */
export function domainWidth(
  platform: Pick<Platform, 'iommu' | 'addressWidth' | 'pageTable'>,
  dom: Pick<Domain, 'type' | 'hwpt'>,
): number {
  return backendOf(platform).signExtendedInput?.(dom) === true ? platform.addressWidth - 1 : platform.addressWidth;
}

export function backendOf(
  platform: Pick<Platform, 'iommu'> & {
    readonly pageTable?: Platform['pageTable'];
    readonly addressWidth?: Platform['addressWidth'];
  },
): IommuBackend {
  if (platform.iommu === 'amd-vi' && platform.pageTable === 'v1') return AMD_VI_V1;
  // AMD-Vi v2 on a 57-bit platform: 5-level guest tables (GuestPagingMode).
  if (platform.iommu === 'amd-vi' && platform.addressWidth === 57) return AMD_VI_5LEVEL;
  return IOMMUS[platform.iommu];
}
