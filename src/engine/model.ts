/**
 * The engine's state: software objects (devices, mdevs, VMs, domains, IOASIDs), the attachment
 * tables the kernel keeps, and the hardware state (memory, IOTLB, fault records).
 * Every record is immutable; ops replace records through a Draft (draft.ts).
 */
import type { Iotlb } from './iotlb.ts';
import type { PhysMemory } from './memory.ts';

export type Platform = {
  readonly iommu: 'vtd';
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
  /** PASID directory (allocated at probe, as Linux does for every device in scalable mode). */
  readonly pasidDir: number;
  readonly pdts: number;
  /** Domain attached through the RID (primary), if any. */
  readonly primary: string | null;
  /** VM this device is passed through to (`assign`), if any. */
  readonly vm: string | null;
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
}

export type DomainType = 'DMA' | 'UNMANAGED' | 'IDENTITY' | 'BLOCKED';

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
  readonly usedDids: ReadonlySet<number>;
  readonly usedPasids: ReadonlySet<number>;
  readonly iotlb: Iotlb;
  readonly faults: readonly FaultRecord[];
  readonly faultCount: number;
  readonly seq: number; // commands applied successfully
}

/** How many fault records are kept (older ones roll off, like a log). */
export const FAULT_LOG_SIZE = 256;
