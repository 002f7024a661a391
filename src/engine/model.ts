/**
 * The engine's state: software objects (devices, mdevs, VMs, domains, IOASIDs), the attachment
 * tables the kernel keeps, and the hardware state (memory, IOTLB, fault records).
 * Every record is immutable; ops replace records through a Draft (draft.ts).
 */
import type { EntryCaches } from './caches.ts';
import type { Iotlb } from './iotlb.ts';
import type { PhysMemory } from './memory.ts';

export type Platform = {
  readonly iommu: 'vtd' | 'smmuv3' | 'amd-vi';
  /** "iotlb": only the IOTLB is modelled (MODEL.md); "all": also the context and PASID caches and device TLBs (VT-d). */
  readonly caches: 'iotlb' | 'all';
  /** AMD-Vi page tables: "v2" (x86-64 format through GCR3, with PASIDs; default) or "v1" (host format, no PASIDs). */
  readonly pageTable: 'v1' | 'v2';
  readonly addressWidth: 39 | 48 | 57;
  readonly hostMemory: number; // bytes
};

export type DeviceKind = 'pdev' | 'parent';

/** What a parent's work queue is used for. */
export type WqUse = { readonly by: 'free' } | { readonly by: 'host' } | { readonly by: 'mdev'; readonly mdev: string };

export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly bdf: string; // canonical "SSSS:BB:DD.F"
  readonly bus: number;
  readonly devfn: number;
  readonly rid: number; // bus << 8 | devfn
  readonly pasidCap: boolean;
  readonly pasidBits: number;
  readonly wqs: readonly WqUse[];
  readonly features: { readonly aux: boolean; readonly sva: boolean };
  /** The device's PASID structure (allocated at probe, as Linux does for every device in scalable mode). */
  readonly pasidDir: number;
  /** Its size field, meaningful only to the platform's IOMMU (iommu/types.ts PasidTableInfo; `describe.pasidTableText`). */
  readonly pasidTableSize: number;
  /** Domain attached through the RID (primary), if any. */
  readonly primary: string | null;
  /** VM this device is passed through to (`assign`), if any. */
  readonly vm: string | null;
  /** iommufd device id once bound (`bindDevice`): its RID is then BLOCKED until attached. */
  readonly devId: number | null;
  /** AMD-Vi v2 mode: the DomainID in the device's DTE, which tags its IOTLB entries at every PASID. */
  readonly tag: number | null;
  /** Address Translation Services: the device caches translations in its own device TLB. */
  readonly ats: boolean;
  /** PASID a parent's WQ was last programmed with (WQCFG), by WQ index; an mdev's DMA carries it. */
  readonly wqPasid: readonly (number | null)[];
}

export interface Mdev {
  readonly id: string;
  readonly parent: string;
  readonly wq: number;
  readonly vm: string | null;
}

export interface Vm {
  readonly id: string;
  readonly memory: number; // bytes of guest RAM, GPA 0..memory
  readonly hpa: number; // host base of the contiguous RAM backing it
  readonly guestTop: number; // the guest's own table pages are taken top-down below this GPA
}

export type DomainType = 'DMA' | 'DMA_FQ' | 'UNMANAGED' | 'IDENTITY' | 'BLOCKED' | 'NESTED' | 'SVA';

/** What makes a domain an iommufd HW page table (HWPT). */
export interface HwptInfo {
  readonly objId: number; // iommufd object id
  readonly ioas: string | null; // paging HWPT: the IOAS it copies its mappings from
  readonly parent: string | null; // nested HWPT: its NEST_PARENT
  readonly nestParent: boolean;
  readonly auto: boolean; // created by attaching a device straight to an IOAS
}

/** A first-stage table a domain walks: a guest's (root is a GPA) or a host process's (root is an HPA). */
export interface Stage1 {
  readonly owner: string; // guest table or process id
  /**
   * Nested, where the guest keeps its context table in its RAM: SMMUv3 the IPA of its CD table (CD 0
   * points at the guest table), AMD-Vi the GPA of its GCR3 table (entry 0 points at it).
   */
  readonly context?: number;
  /**
   * SMMUv3 nested: the guest's CD table covers 2^contextBits SubstreamIDs (the vSTE's S1CDMax; linear up
   * to 10 bits, two-level above, as the guest's arm_smmu_alloc_cd_tables builds it), and `pasids` are its
   * CDs beside CD 0: each points at another guest table, with its own ASID (a tag freed with the domain).
   */
  readonly contextBits?: number;
  readonly pasids?: readonly GuestContext[];
  readonly root: number;
}

/** One more context in a guest's own context table: SubstreamID `pasid` → guest table `owner` (at `root`), tagged `tag`. */
export interface GuestContext {
  readonly pasid: number;
  readonly owner: string;
  readonly root: number;
  readonly tag: number;
}

/** A range mapped by one or more `map` calls, kept split exactly where unmaps cut it. */
export interface Mapping {
  readonly iovaPfn: number; // 4 KiB page numbers (exact doubles)
  readonly pfn: number;
  readonly pages: number;
  readonly read: boolean;
  readonly write: boolean;
}

export interface Domain {
  readonly id: string;
  readonly type: DomainType;
  readonly did: number | null; // VT-d domain id; BLOCKED has none
  readonly pgd: number | null; // second-stage root table (paging types)
  readonly mappings: readonly Mapping[]; // sorted by iovaPfn, never overlapping
  readonly auxPasid: number | null; // the domain's PASID once aux-attached (aux-era: one per domain)
  readonly ioasid: string | null; // owning /dev/ioasid-style IOASID
  readonly tableFrames: number; // page-table frames in use (root included)
  readonly hwpt: HwptInfo | null;
  readonly stage1: Stage1 | null; // NESTED and SVA domains
  /** AMD-Vi v1: the levels of its table (DTE Mode), which grow as mappings need them; else derived from the platform. */
  readonly levels?: number;
}

/** An iommufd I/O address space: IOVA areas (each from one map or copy), copied into every HWPT on it. */
export interface Ioas {
  readonly id: string;
  readonly objId: number;
  readonly areas: readonly Mapping[];
  readonly autoCount: number; // auto HWPTs created so far (names <ioas>.auto<N>)
}

/** A first-level (x86-64 format) table built by a guest inside its own RAM. */
export interface GuestTable {
  readonly id: string;
  readonly vm: string;
  readonly root: number; // GPA
}

/** A host process whose first-level page table lives in host memory (for SVA). */
export interface Process {
  readonly id: string;
  readonly root: number; // HPA
  readonly pasid: number | null; // its global PASID once bound
}

/** A domain attached to one (device, PASID) through iommufd or SVA (aux attachments are kept apart). */
export interface PasidAttachment {
  readonly device: string;
  readonly pasid: number;
  readonly domain: string;
}

export interface Ioasid {
  readonly id: string;
  readonly domain: string;
}

/** An aux attachment: `domain` reached through (parent RID, domain's PASID); `wq`/`mdev` say for whom. */
export interface AuxAttachment {
  readonly domain: string;
  readonly device: string; // the parent (or PASID-capable pdev)
  readonly wq: number | null;
  readonly mdev: string | null;
}

/**
 * One invalidation descriptor the driver queued (VT-d §6.5.2 queued invalidation; reference/iommu.md §3.9):
 * `iotlb` (type 2, domain- or page-selective), `p_iotlb` (type 6), `pasid-cache` (type 7),
 * `context-cache` (type 1), `wait` (type 5). `skipped` ones were dropped on purpose (the lab);
 * `deferred` ones wait in a DMA_FQ flush queue.
 */
export interface Invalidation {
  readonly seq: number; // the command that issued it
  readonly type: 'iotlb' | 'p_iotlb' | 'pasid-cache' | 'context-cache' | 'devtlb' | 'wait';
  readonly granularity: 'global' | 'domain' | 'page' | 'pasid' | 'device';
  readonly did?: number;
  readonly pasid?: number;
  readonly sid?: number;
  readonly addr?: number; // page-selective: first 4 KiB page
  readonly pages?: number;
  /** SMMUv3 TLB commands: the stage they target (1: NH_* by ASID; 2: S2_IPA / S12_VMALL by VMID). */
  readonly stage?: 1 | 2;
  readonly state: 'done' | 'skipped' | 'deferred';
}

/** An unmap of a DMA_FQ domain whose IOTLB flush is batched (the kernel's flush queue). */
export interface DeferredFlush {
  readonly domain: string;
  readonly did: number;
  readonly iovaPfn: number;
  readonly pages: number;
}

/** One recorded fault, as the VT-d fault-recording registers hold it. */
export interface FaultRecord {
  readonly seq: number;
  readonly device: string;
  readonly sourceId: number;
  readonly pasid: number | null;
  readonly address: bigint;
  readonly access: 'read' | 'write';
  readonly reason: number;
  readonly fault: string;
  /** SMMUv3: a stage-2 fault's IPA (page-aligned) and CLASS (0 CD fetch, 1 stage-1 table fetch, 2 input). */
  readonly stage2?: { readonly ipa: bigint; readonly cls: number };
}

export interface EngineState {
  readonly platform: Platform;
  readonly memory: PhysMemory;
  readonly rootTable: number;
  readonly devices: ReadonlyMap<string, Device>;
  readonly mdevs: ReadonlyMap<string, Mdev>;
  readonly vms: ReadonlyMap<string, Vm>;
  readonly domains: ReadonlyMap<string, Domain>;
  readonly ioasids: ReadonlyMap<string, Ioasid>;
  readonly aux: readonly AuxAttachment[];
  readonly ioas: ReadonlyMap<string, Ioas>;
  readonly guestTables: ReadonlyMap<string, GuestTable>;
  readonly processes: ReadonlyMap<string, Process>;
  readonly pasidAttach: readonly PasidAttachment[];
  readonly nextObjId: number; // iommufd object ids count from 1, shared by every kind
  readonly usedDids: ReadonlySet<number>;
  readonly usedPasids: ReadonlySet<number>;
  readonly iotlb: Iotlb;
  /** Context cache, PASID cache and device TLBs when `platform.caches` is "all". */
  readonly entryCaches: EntryCaches | null;
  readonly faults: readonly FaultRecord[];
  readonly faultCount: number;
  readonly invalidations: readonly Invalidation[];
  readonly flushQueue: readonly DeferredFlush[];
  /** The lab's "skip the next invalidation": the next descriptor is dropped. */
  readonly skipNext: boolean;
  readonly seq: number; // commands applied successfully
}

/** How many fault records are kept (older ones roll off, like a log). */
export const FAULT_LOG_SIZE = 256;
/** How many invalidation descriptors are kept for the log. */
export const INVALIDATION_LOG_SIZE = 256;
/** Entries in a flush queue before it is flushed (kernel IOVA_FQ_SIZE). */
export const FLUSH_QUEUE_SIZE = 256;
