/**
 * A command's working copy of the state. Collections are copied on first write, memory frames
 * copy-on-write (memory.ts), the IOTLB cloned on its first change; `commit()` freezes the result
 * into a new EngineState that shares everything untouched with the old one. Dropping a draft
 * (when an op fails) leaves the old state exactly as it was.
 */
import { fail } from './errors.ts';
import { backendOf, type IommuBackend } from './iommu/registry.ts';
import type { EntryCaches } from './caches.ts';
import type { Iotlb } from './iotlb.ts';
import { MemoryDraft } from './memory.ts';
import { CowMap, CowSet, type Ownership } from './cow.ts';
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

/** A low-level step taken by a composite command, in scenario-op form. */
/** The result of an op that answers nothing but success (`"result":{}` on its runner line). */
export type NoResult = { readonly [key: string]: never };

export type LowLevelStep = Readonly<Record<string, unknown>> & { readonly op: string };

export class Draft {
  // The collections and memory a command writes, made on first use (most commands touch few).
  private memDraft: MemoryDraft | null = null;
  private devicesCow: CowMap<string, Device> | null = null;
  private mdevsCow: CowMap<string, Mdev> | null = null;
  private vmsCow: CowMap<string, Vm> | null = null;
  private domainsCow: CowMap<string, Domain> | null = null;
  private ioasidsCow: CowMap<string, Ioasid> | null = null;
  private ioasCow: CowMap<string, Ioas> | null = null;
  private guestTablesCow: CowMap<string, GuestTable> | null = null;
  private processesCow: CowMap<string, Process> | null = null;
  private usedDidsCow: CowSet<number> | null = null;
  private usedPasidsCow: CowSet<number> | null = null;
  pasidAttach: readonly PasidAttachment[];
  nextObjId: number;
  private auxList: readonly AuxAttachment[];
  /** Whether `auxList` is this command's own array, and how many attachments it appended in place to the base's. */
  private auxFresh = false;
  private auxPushed = 0;
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
  private readonly owner: Ownership | undefined;

  /** `owner`: a replay's Ownership (cow.ts): collections it owns are written in place. */
  constructor(base: EngineState, owner?: Ownership) {
    this.base = base;
    this.pasidAttach = base.pasidAttach;
    this.nextObjId = base.nextObjId;
    this.auxList = base.aux;
    this.owner = owner;
    this.faults = base.faults;
    this.faultCount = base.faultCount;
    this.invalidations = base.invalidations;
    this.flushQueue = base.flushQueue;
    this.skipNext = base.skipNext;
  }

  get mem(): MemoryDraft {
    return (this.memDraft ??= new MemoryDraft(this.base.memory, this.owner));
  }
  get devices(): CowMap<string, Device> {
    return (this.devicesCow ??= new CowMap(this.base.devices, this.owner));
  }
  get mdevs(): CowMap<string, Mdev> {
    return (this.mdevsCow ??= new CowMap(this.base.mdevs, this.owner));
  }
  get vms(): CowMap<string, Vm> {
    return (this.vmsCow ??= new CowMap(this.base.vms, this.owner));
  }
  get domains(): CowMap<string, Domain> {
    return (this.domainsCow ??= new CowMap(this.base.domains, this.owner));
  }
  get ioasids(): CowMap<string, Ioasid> {
    return (this.ioasidsCow ??= new CowMap(this.base.ioasids, this.owner));
  }
  get ioas(): CowMap<string, Ioas> {
    return (this.ioasCow ??= new CowMap(this.base.ioas, this.owner));
  }
  get guestTables(): CowMap<string, GuestTable> {
    return (this.guestTablesCow ??= new CowMap(this.base.guestTables, this.owner));
  }
  get processes(): CowMap<string, Process> {
    return (this.processesCow ??= new CowMap(this.base.processes, this.owner));
  }
  get usedDids(): CowSet<number> {
    return (this.usedDidsCow ??= new CowSet(this.base.usedDids, this.owner));
  }
  get usedPasids(): CowSet<number> {
    return (this.usedPasidsCow ??= new CowSet(this.base.usedPasids, this.owner));
  }

  /** Aux attachments, in attach order. */
  get aux(): readonly AuxAttachment[] {
    return this.auxList;
  }
  /** Replace the list (a new array, this command's own). */
  set aux(list: readonly AuxAttachment[]) {
    this.auxList = list;
    this.auxFresh = true;
    this.owner?.adopt(list);
  }
  /**
   * Append an aux attachment: on this command's own list, or in place on the base's when a replay's
   * Ownership owns it (cow.ts: an earlier command of the replay made it and no kept state holds it;
   * undone on rollback), else on a copy.
   */
  appendAux(a: AuxAttachment): void {
    if (this.auxFresh) (this.auxList as AuxAttachment[]).push(a);
    else if (this.owner?.owns(this.auxList) === true) {
      (this.auxList as AuxAttachment[]).push(a);
      this.auxPushed++;
    } else this.aux = [...this.auxList, a];
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
      (this.devicesCow ?? this.base.devices).has(id) ||
      (this.mdevsCow ?? this.base.mdevs).has(id) ||
      (this.vmsCow ?? this.base.vms).has(id) ||
      (this.domainsCow ?? this.base.domains).has(id) ||
      (this.ioasidsCow ?? this.base.ioasids).has(id) ||
      (this.ioasCow ?? this.base.ioas).has(id) ||
      (this.guestTablesCow ?? this.base.guestTables).has(id) ||
      (this.processesCow ?? this.base.processes).has(id)
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

  /** Undo in-place writes (a refused command under an Ownership): the base is as it was. */
  rollback(): void {
    if (this.auxPushed > 0) (this.base.aux as AuxAttachment[]).length -= this.auxPushed;
    this.memDraft?.rollback();
    this.devicesCow?.rollback();
    this.mdevsCow?.rollback();
    this.vmsCow?.rollback();
    this.domainsCow?.rollback();
    this.ioasidsCow?.rollback();
    this.ioasCow?.rollback();
    this.guestTablesCow?.rollback();
    this.processesCow?.rollback();
    this.usedDidsCow?.rollback();
    this.usedPasidsCow?.rollback();
  }

  commit(): EngineState {
    return {
      platform: this.base.platform,
      memory: this.memDraft?.commit() ?? this.base.memory,
      rootTable: this.base.rootTable,
      devices: this.devicesCow?.result() ?? this.base.devices,
      mdevs: this.mdevsCow?.result() ?? this.base.mdevs,
      vms: this.vmsCow?.result() ?? this.base.vms,
      domains: this.domainsCow?.result() ?? this.base.domains,
      ioasids: this.ioasidsCow?.result() ?? this.base.ioasids,
      aux: this.aux,
      ioas: this.ioasCow?.result() ?? this.base.ioas,
      guestTables: this.guestTablesCow?.result() ?? this.base.guestTables,
      processes: this.processesCow?.result() ?? this.base.processes,
      pasidAttach: this.pasidAttach,
      nextObjId: this.nextObjId,
      usedDids: this.usedDidsCow?.result() ?? this.base.usedDids,
      usedPasids: this.usedPasidsCow?.result() ?? this.base.usedPasids,
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
