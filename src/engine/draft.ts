/**
 * A command's working copy of the state. Collections are copied on first write, memory frames
 * copy-on-write (memory.ts), the IOTLB cloned on its first change; `commit()` freezes the result
 * into a new EngineState that shares everything untouched with the old one. Dropping a draft
 * (when an op fails) leaves the old state exactly as it was.
 */
import { fail } from './errors.ts';
import { backendOf, type IommuBackend } from './iommu.ts';
import type { EntryCaches } from './caches.ts';
import type { Iotlb } from './iotlb.ts';
import { MemoryDraft } from './memory.ts';
import type {
  AuxAttachment,
  DeferredFlush,
  Device,
  Domain,
  EngineState,
  FaultRecord,
  GuestTable,
  Invalidation,
  Ioas,
  Ioasid,
  Mdev,
  PasidAttachment,
  Process,
  Vm,
} from './model.ts';

/** A Map that copies its base on the first write. */
export class CowMap<K, V> {
  private map: Map<K, V>;
  private copied = false;
  constructor(base: ReadonlyMap<K, V>) {
    this.map = base as Map<K, V>;
  }
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  values(): IterableIterator<V> {
    return this.map.values();
  }
  get size(): number {
    return this.map.size;
  }
  set(key: K, value: V): void {
    this.own().set(key, value);
  }
  delete(key: K): void {
    this.own().delete(key);
  }
  private own(): Map<K, V> {
    if (!this.copied) {
      this.map = new Map(this.map);
      this.copied = true;
    }
    return this.map;
  }
  result(): ReadonlyMap<K, V> {
    return this.map;
  }
}

/** A Set that copies its base on the first write. */
export class CowSet<T> {
  private set: Set<T>;
  private copied = false;
  constructor(base: ReadonlySet<T>) {
    this.set = base as Set<T>;
  }
  has(v: T): boolean {
    return this.set.has(v);
  }
  add(v: T): void {
    this.own().add(v);
  }
  delete(v: T): void {
    this.own().delete(v);
  }
  private own(): Set<T> {
    if (!this.copied) {
      this.set = new Set(this.set);
      this.copied = true;
    }
    return this.set;
  }
  result(): ReadonlySet<T> {
    return this.set;
  }
}

/** A low-level step taken by a composite command, in scenario-op form. */
export type LowLevelStep = Readonly<Record<string, unknown>> & { readonly op: string };

export class Draft {
  readonly mem: MemoryDraft;
  readonly devices: CowMap<string, Device>;
  readonly mdevs: CowMap<string, Mdev>;
  readonly vms: CowMap<string, Vm>;
  readonly domains: CowMap<string, Domain>;
  readonly ioasids: CowMap<string, Ioasid>;
  readonly ioas: CowMap<string, Ioas>;
  readonly guestTables: CowMap<string, GuestTable>;
  readonly processes: CowMap<string, Process>;
  pasidAttach: readonly PasidAttachment[];
  nextObjId: number;
  readonly usedDids: CowSet<number>;
  readonly usedPasids: CowSet<number>;
  aux: readonly AuxAttachment[];
  faults: readonly FaultRecord[];
  faultCount: number;
  invalidations: readonly Invalidation[];
  flushQueue: readonly DeferredFlush[];
  skipNext: boolean;
  private iotlbCopy: Iotlb | null = null;
  private cachesCopy: EntryCaches | null = null;
  /** Low-level steps of a composite command, for the event log. */
  readonly steps: LowLevelStep[] = [];

  readonly base: EngineState;

  constructor(base: EngineState) {
    this.base = base;
    this.mem = new MemoryDraft(base.memory);
    this.devices = new CowMap(base.devices);
    this.mdevs = new CowMap(base.mdevs);
    this.vms = new CowMap(base.vms);
    this.domains = new CowMap(base.domains);
    this.ioasids = new CowMap(base.ioasids);
    this.ioas = new CowMap(base.ioas);
    this.guestTables = new CowMap(base.guestTables);
    this.processes = new CowMap(base.processes);
    this.pasidAttach = base.pasidAttach;
    this.nextObjId = base.nextObjId;
    this.usedDids = new CowSet(base.usedDids);
    this.usedPasids = new CowSet(base.usedPasids);
    this.aux = base.aux;
    this.faults = base.faults;
    this.faultCount = base.faultCount;
    this.invalidations = base.invalidations;
    this.flushQueue = base.flushQueue;
    this.skipNext = base.skipNext;
  }

  get platform(): EngineState['platform'] {
    return this.base.platform;
  }
  get rootTable(): number {
    return this.base.rootTable;
  }
  /** The IOMMU's formats (VT-d or SMMUv3). */
  get hw(): IommuBackend {
    return backendOf(this.base.platform);
  }

  /** The IOTLB for reading (the base's until something changes it). */
  get iotlb(): Iotlb {
    return this.iotlbCopy ?? this.base.iotlb;
  }
  /** The context/PASID caches and device TLBs (null unless the platform models them), for reading. */
  get entryCaches(): EntryCaches | null {
    return this.cachesCopy ?? this.base.entryCaches;
  }
  /** The same for writing: cloned on first use. */
  entryCachesW(): EntryCaches | null {
    if (this.base.entryCaches === null) return null;
    this.cachesCopy ??= this.base.entryCaches.clone();
    return this.cachesCopy;
  }
  /** The IOTLB for writing: cloned on first use. */
  iotlbW(): Iotlb {
    this.iotlbCopy ??= this.base.iotlb.clone();
    return this.iotlbCopy;
  }

  /** True when `id` names any object (ids are unique across all kinds). */
  idTaken(id: string): boolean {
    return (
      this.devices.has(id) ||
      this.mdevs.has(id) ||
      this.vms.has(id) ||
      this.domains.has(id) ||
      this.ioasids.has(id) ||
      this.ioas.has(id) ||
      this.guestTables.has(id) ||
      this.processes.has(id)
    );
  }
  ensureFreeId(id: string, field = 'id'): void {
    if (this.idTaken(id)) fail('EEXIST', `${field} "${id}" is already taken by ${this.kindOf(id)} ${id}`);
  }
  kindOf(id: string): string {
    if (this.devices.has(id)) return 'device';
    if (this.mdevs.has(id)) return 'mdev';
    if (this.vms.has(id)) return 'VM';
    if (this.domains.has(id)) return 'domain';
    if (this.ioasids.has(id)) return 'IOASID';
    if (this.ioas.has(id)) return 'IOAS';
    if (this.guestTables.has(id)) return 'guest table';
    if (this.processes.has(id)) return 'process';
    return 'nothing';
  }

  device(id: string): Device {
    return this.devices.get(id) ?? fail('ENOENT', this.missing(id, 'device'));
  }
  mdev(id: string): Mdev {
    return this.mdevs.get(id) ?? fail('ENOENT', this.missing(id, 'mdev'));
  }
  vm(id: string): Vm {
    return this.vms.get(id) ?? fail('ENOENT', this.missing(id, 'VM'));
  }
  domain(id: string): Domain {
    return this.domains.get(id) ?? fail('ENOENT', this.missing(id, 'domain'));
  }
  ioasid(id: string): Ioasid {
    return this.ioasids.get(id) ?? fail('ENOENT', this.missing(id, 'IOASID'));
  }
  ioasOf(id: string): Ioas {
    return this.ioas.get(id) ?? fail('ENOENT', this.missing(id, 'IOAS'));
  }
  guestTable(id: string): GuestTable {
    return this.guestTables.get(id) ?? fail('ENOENT', this.missing(id, 'guest table'));
  }
  process(id: string): Process {
    return this.processes.get(id) ?? fail('ENOENT', this.missing(id, 'process'));
  }
  /** Take the next iommufd object id. */
  objId(): number {
    return this.nextObjId++;
  }
  private missing(id: string, kind: string): string {
    const other = this.kindOf(id);
    return other === 'nothing' ? `no ${kind} named "${id}"` : `"${id}" is a ${other}, not a ${kind}`;
  }

  commit(): EngineState {
    return {
      platform: this.base.platform,
      memory: this.mem.commit(),
      rootTable: this.base.rootTable,
      devices: this.devices.result(),
      mdevs: this.mdevs.result(),
      vms: this.vms.result(),
      domains: this.domains.result(),
      ioasids: this.ioasids.result(),
      aux: this.aux,
      ioas: this.ioas.result(),
      guestTables: this.guestTables.result(),
      processes: this.processes.result(),
      pasidAttach: this.pasidAttach,
      nextObjId: this.nextObjId,
      usedDids: this.usedDids.result(),
      usedPasids: this.usedPasids.result(),
      iotlb: this.iotlb,
      entryCaches: this.entryCaches,
      faults: this.faults,
      faultCount: this.faultCount,
      invalidations: this.invalidations,
      flushQueue: this.flushQueue,
      skipNext: this.skipNext,
      seq: this.base.seq + 1,
    };
  }
}
