/**
 * The seam between the ops and an IOMMU. The ops (attach, aux attach, iommufd, dma…) speak in
 * devices, PASIDs and domains; a descriptor (one per folder: vtd/, smmu/, amd/) turns that into its
 * own structures in memory, walks them, and names them (`describe`). Nothing outside an IOMMU's
 * folder reads its entry bits; what a new IOMMU must provide is exactly `IommuBackend`.
 */
import type { EntryCaches } from '../caches.ts';
import type { Iotlb } from '../iotlb.ts';
import type { MemoryDraft } from '../memory.ts';
import type { Domain, Platform } from '../model.ts';
import type { IommuDescribe } from './describe.ts';
import type { PteFormat } from './pte.ts';
import type { TableSpace } from './x86.ts';
import type { DmaRequest, Frames, TranslateResult, WalkTrace } from './walk.ts';

export type IommuKind = Platform['iommu'];

/**
 * A device's PASID structure as its IOMMU allocated it at probe: where it is and its size field,
 * whose meaning only that IOMMU knows (VT-d: the context entry's PDTS; SMMUv3: S1CDMax; AMD-Vi: the
 * PASID bits its GCR3 table covers). Opaque to the rest of the engine; `describe.pasidTableText`
 * says it in words.
 */
export interface PasidTableInfo {
  readonly pasidDir: number;
  readonly pasidTableSize: number;
}

/** Where a device sits and its PASID structure (what a backend needs to program its entries). */
export interface DeviceTables extends PasidTableInfo {
  readonly bus: number;
  readonly devfn: number;
  readonly pasidCap: boolean;
  /** AMD-Vi v2 mode: the device's own DomainID, written in its DTE. */
  readonly tag?: number | null;
  /** Address Translation Services: VT-d sets DTE in the context entry. */
  readonly ats?: boolean;
}

/** What a PASID entry (or RID entry: PASID 0) should translate through. */
export type PasidTarget =
  | {
      readonly kind: 'second-stage';
      readonly did: number;
      readonly pgd: number;
      readonly width: number;
      readonly stage2?: boolean;
      readonly levels?: number;
    }
  | { readonly kind: 'pass-through'; readonly width: number }
  /** First stage only (SVA): a host process's x86-64 table (intel_pasid_setup_first_level). */
  | { readonly kind: 'first-stage'; readonly did: number; readonly root: number; readonly width: number }
  /** Nested (intel_pasid_setup_nested): the guest's first-stage table (a GPA) over the parent's second stage. */
  | {
      readonly kind: 'nested';
      readonly did: number;
      readonly s1Root: number;
      readonly pgd: number;
      readonly width: number;
      /** The NEST_PARENT's tag (SMMUv3: its VMID, written in the nested STE). */
      readonly s2Tag?: number;
      /** The guest's own context table, when it keeps one in its RAM (SMMUv3: the CD table's IPA). */
      readonly context?: number;
      /** SMMUv3: the guest context table's size, log2 of its SubstreamIDs (the vSTE's S1CDMax). */
      readonly contextBits?: number;
      /** AMD-Vi: the host (v1) table's levels (DTE Mode). */
      readonly levels?: number;
    };

/**
 * A guest context table with more than one context (SMMUv3 nested: the guest's CD table sized by its
 * S1CDMax, `bits`, with a CD per listed SubstreamID beside CD 0). Absent: one context, entry 0.
 */
export interface GuestContextTable {
  readonly bits: number;
  readonly pasids: readonly { readonly pasid: number; readonly root: number; readonly tag: number }[];
}

/** One IOMMU: its formats, its programming and walk, and its words (`describe`). */
export interface IommuBackend {
  readonly kind: IommuKind;
  /** The first domain tag the driver hands out: VT-d DIDs from 2, SMMU ASIDs from 1. */
  readonly firstTag: number;
  /** The tag an identity domain carries (VT-d FLPT_DEFAULT_DID), or null (SMMU bypass has none). */
  readonly identityTag: number | null;
  /** Page-table format of a paging domain (VT-d: first stage for DMA-API domains; SMMUv3: stage 1, or stage 2 for a NEST_PARENT HWPT). */
  pteOf(dom: Pick<Domain, 'hwpt' | 'type'>): PteFormat;
  /**
   * Whether a paging domain's table sign-extends its top input bit (x86-64 format: canonical
   * addresses), so the kernel gives the domain only the lower half, one bit less than the width
   * (VT-d first stage: __DOMAIN_MAX_ADDR(gaw - 1); AMD-Vi v2: dma_max_address drops the top VA bit).
   */
  signExtendedInput?(dom: Pick<Domain, 'hwpt' | 'type'>): boolean;
  /** AMD-Vi v2: IOTLB entries are tagged with each device's DomainID, not the domain's. */
  readonly perDeviceTag: boolean;
  /**
   * AMD-Vi v1: a paging domain's table starts at this many levels (PAGE_MODE_3_LEVEL) and grows
   * when a mapping needs more (io_pgtable.c increase_address_space); null: fixed by the width.
   */
  readonly initialLevels?: number;
  /** AMD-Vi v2: a NEST_PARENT domain is a growing v1 table; its levels at allocation (else `initialLevels`). */
  initialLevelsOf?(dom: Pick<Domain, 'hwpt' | 'type'>): number | undefined;
  /** Whether a domain's IOTLB entries carry each device's tag (default: `perDeviceTag`). */
  deviceTagged?(dom: Pick<Domain, 'hwpt' | 'type'>): boolean;
  /** What this backend models beyond paging domains. */
  readonly supports: { readonly nested: boolean; readonly sva: boolean };
  /**
   * The format of first-stage tables the IOMMU shares with a CPU: a host process's (SVA) and a
   * guest's (nested). Default x86-64 (VT-d, AMD-Vi); SMMUv3 walks Arm LPAE stage-1 tables.
   */
  readonly stage1Pte?: PteFormat;
  /** Levels of those tables when fixed by the CPU rather than the platform width (arm64 VA_BITS 48: 4). */
  readonly stage1Levels?: number;
  /**
   * Nested translation where the guest keeps its context table in its own RAM (SMMUv3: the CD table
   * that the vSTE's S1ContextPtr names): build it in `space` pointing at the guest's stage-1 root,
   * tagged `tag`, and return its guest-physical address. Absent when the host holds it (VT-d).
   */
  guestContext?(space: TableSpace, s1Root: number, tag: number, more?: GuestContextTable): number;
  /** Boot: the unit's root structure (root table / stream table / device table). */
  allocRoot(mem: MemoryDraft): number;
  /** Probe: the device's PASID structure (PASID directory / CD table / GCR3 table). */
  allocPasidTable(mem: MemoryDraft, pasidCap: boolean, pasidBits: number, what: string): PasidTableInfo;
  /** Make the device's entry present (context entry / STE / DTE). */
  programDevice(mem: MemoryDraft, root: number, dev: DeviceTables): void;
  clearDevice(mem: MemoryDraft, root: number, dev: DeviceTables): void;
  setPasid(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number, target: PasidTarget): void;
  clearPasid(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number): void;
  /** The walk; `caches` (context/PASID caches) is used when the platform models them. */
  translate(
    frames: Frames,
    root: number,
    req: DmaRequest,
    iotlb: Iotlb | null,
    fill: boolean,
    trace: WalkTrace,
    out: TranslateResult,
    caches?: EntryCaches | null,
  ): void;
  /** Names of the walk's structures, as MODEL.md prints them (`root`, `ste`, `dte`, `pl4`, `s2-pl1`…). */
  structureName(code: number): string;
  /** Entry size in 32-bit words, by structure code. */
  entryWords(code: number): number;
  /** This IOMMU's words: structure labels, the tag's name, fault and event names, invalidation commands. */
  readonly describe: IommuDescribe;
}
