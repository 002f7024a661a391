/**
 * An IOMMU's words: what its structures, tags, faults, events and invalidation commands are called.
 * Views take every vendor word from here (through `describeOf`, a Record over IommuKind, so a new
 * IOMMU without a record is a compile error, never a silent fallback to another vendor's wording).
 * Each IOMMU's record lives in its folder (vtd/describe.ts, smmu/describe.ts, amd/describe.ts).
 */
import type { Invalidation } from '../model.ts';
import type { FaultName } from '../scenario/schema.ts';

/** A bit field of a value (a requester ID, a PASID, an entry), bits hi..lo inclusive. */
export interface BitField {
  readonly label: string;
  readonly hi: number;
  readonly lo: number;
}

/**
 * A field of a requester ID or tag that indexes one structure of the walk. The walk view's and the walk
 * SVG's bit strips are drawn from these (inspect/strips.ts), so no view knows a vendor's layout.
 */
export interface IndexField extends BitField {
  /** The walk structure it indexes (`root`, `ste-l1`, `gcr3-l2`…): the strip marks it while that read is shown. */
  readonly structure: string;
  /** Drawn only when the walk read its structure: a level most tables lack (AMD-Vi's third GCR3 level). */
  readonly onlyWhenRead?: boolean;
  /** What the value says beyond itself, shown after the label: VT-d's devfn `dev 1, fn 0`. */
  readonly detail?: (value: number) => string;
}

/** A structure the walk reads, by its walk name (`context`, `ste`, `gcr3`…). */
export interface StructureText {
  /** Display label: `Context entry`, `Stream table entry (ste)`. */
  readonly label: string;
  /** Entry size in 32-bit words (what the walk's `entry` holds). */
  readonly words: number;
  /** Which half of the walk it belongs to: the device's entry, or its PASID structure. */
  readonly serves: 'device' | 'pasid';
}

/** One invalidation command or descriptor as this IOMMU names it. */
export interface InvalidationText {
  /** The command's name: `IOTLB invalidate (type 2)`, `CMD_TLBI_NH_ASID`, `INVALIDATE_IOMMU_PAGES`. */
  readonly name: string;
  /** Its opcode or descriptor type, as the queue holds it. */
  readonly code: number;
  /** What it drops, and what the simulator does with it. */
  readonly what: string;
}

export interface IommuDescribe {
  /** `Intel VT-d`, `Arm SMMUv3`, `AMD-Vi`. */
  readonly name: string;
  /** The request tag: `PASID`, or `SubstreamID` (short `SSID`) on SMMUv3. */
  readonly tag: { readonly name: string; readonly short: string };
  /** What a request without a tag uses: `RID_PASID 0`, `CD 0 (S1DSS)`, `GCR3[0] (GIoV)`. */
  readonly untagged: string;
  /**
   * The graph's node for a device's untagged attachment (its primary domain): `RID_PASID 0` (VT-d),
   * `SSID 0` (SMMUv3: CD 0, IOMMU_NO_PASID), `GCR3[0]` (AMD-Vi v2), `untagged` (AMD-Vi v1: the DTE's own table).
   */
  readonly untaggedNode: string;
  /** The cache tag a domain carries: `DID`, `ASID`, `DomainID`. */
  readonly domainTag: string;
  /** What the translation cache is called: `IOTLB`, or `TLB` on SMMUv3. */
  readonly iotlbName: string;
  /** Short name for tables and chips: `VT-d`, `SMMUv3`, `AMD-Vi`. */
  readonly shortName: string;
  /** The short name after its indefinite article, as it is read aloud: `a VT-d`, `an SMMUv3`, `an AMD-Vi`. */
  readonly aShortName: string;
  /** The inspector's heading for the unit: `IOMMU (VT-d, scalable mode)`. */
  readonly unitTitle: string;
  /** The unit's node in the graph: its label (`VT-d IOMMU`) and the mode its detail line names (`scalable mode`). */
  readonly unitNode: { readonly label: string; readonly mode: string };
  /** The table the requester id indexes first: `Root table`, `Stream table`, `Device table`. */
  readonly rootTableName: string;
  /** The Tables tab that shows the device structures: `Root & context`, `Stream table & CDs`. */
  readonly tablesTab: string;
  /**
   * How the inspector reads a device's structures: VT-d's root → context → PASID tables
   * (inspect/tables.ts `dumpDeviceTables`), or the vendor dump (inspect/vendorTables.ts `dumpVendorDevice`).
   */
  readonly deviceTables: 'root-context' | 'vendor';
  /** Whether the model imports and exports this IOMMU's debugfs dumps (Linux has them for VT-d only). */
  readonly debugfs: boolean;
  /**
   * The invalidation queue: `commands` with opcodes (SMMUv3's command queue, AMD-Vi's command buffer) or
   * `descriptors` with type numbers (VT-d queued invalidation), and what the lab says about it.
   */
  readonly queue: { readonly holds: 'commands' | 'descriptors'; readonly explain: string };
  /** The requester's id and how the first structures index it: bus/dev/fn, StreamID, DeviceID. */
  readonly requester: { readonly name: string; readonly fields: readonly IndexField[] };
  /**
   * How the tag indexes the PASID structure, top level first (directory / table bits), listing every level it
   * can have: a walk's strip draws the levels that walk read (`fieldsForWalk`).
   */
  readonly tagFields: readonly IndexField[];
  /** A page-table level as the address strip names it: `PL4`, or Arm's `L0` on SMMUv3. */
  levelName(level: number): string;
  /** Walk structures other than page-table levels, by walk name. */
  readonly structures: Readonly<Record<string, StructureText>>;
  /** Display label of a page-table level read (`pl4`, `s1-pl2`, `s2-pl1`). */
  pageLevel(name: string): string;
  /** One sentence per fault name, in this IOMMU's words. */
  readonly faults: Readonly<Record<FaultName, string>>;
  /** Where the hardware records a fault: `fault recording registers`, `event queue`, `event log`. */
  readonly faultLog: string;
  // A fault's reason text and kernel log lines are each IOMMU's FaultText (iommu/faultTexts.ts), not here.
  /** What the reason code is called: `fault reason`, `event id`, `event code`. */
  readonly reasonName: string;
  /** The command one invalidation record stands for (VT-d: its descriptor; SMMUv3: CMD_TLBI_NH_VA…). */
  commandOf(inv: Pick<Invalidation, 'type' | 'granularity' | 'stage' | 'did' | 'addr'>): InvalidationText;
  /** Every command this IOMMU's driver issues in the model, for a legend. */
  readonly commands: readonly (InvalidationText & { readonly key: string })[];
  /** What a log row calls a record: the engine's record type on VT-d (its descriptors are named by type), else the command. */
  rowName(inv: Pick<Invalidation, 'type' | 'granularity' | 'stage' | 'did' | 'addr'>): string;
  /** The tag an invalidation names: `DID`; SMMUv3 `ASID`, or `VMID` for stage 2 and NH_ALL. */
  invalidationTag(inv: Pick<Invalidation, 'granularity' | 'stage'>): string;
  /** The requester id as an invalidation names it: `sid`, `StreamID`, `DeviceID`. */
  readonly sidName: string;
  /** The entry caches a DMA result reports (`caches.context`, `caches.pasid`, `caches.atc`). */
  readonly entryCaches: { readonly context: string; readonly pasid: string; readonly atc: string };
  /** The hazard kinds (`stale-iotlb`, `stale-entry-cache`, `stale-atc`) in this IOMMU's words. */
  readonly hazards: Readonly<Record<'stale-iotlb' | 'stale-entry-cache' | 'stale-atc', string>>;
  /** A hazard message's name for the stale cached thing: a TLB entry, a device's ATC entry, a structure entry. */
  readonly stale: { readonly iotlb: string; readonly atc: string; readonly entry: string };
  /** The entries that point a tag at a domain's table: `PASID entries`, `Context descriptors`, `GCR3 entries`. */
  readonly pasidEntries: string;
  /** The device's PASID structure: `PASID directory`, `CD table`, `GCR3 table`. */
  readonly pasidTableName: string;
  /** The device's PASID structure size field (Device.pasidTableSize) in words. */
  pasidTableText(size: number): string;
}

/** The fault sentences every IOMMU starts from (MODEL.md fault names); a record overrides its own. */
export const FAULT_TEXT: Readonly<Record<FaultName, string>> = {
  'no-context':
    'The root or context entry for this requester ID is not present: no domain has been attached to the device (or it was detached).',
  'no-pasid':
    'The PASID directory or PASID-table entry for this PASID is not present: nothing is attached at this PASID.',
  blocked:
    'The requester ID or PASID is attached to a BLOCKED domain, whose entry is torn down so every DMA is refused.',
  'not-mapped': 'A page-table entry along the walk is not present: this address is not mapped in the domain.',
  'write-denied': 'The page is mapped but its entries do not grant write (W=0), so the write is refused.',
  'read-denied': 'The page is mapped but its entries do not grant read (R=0), so the read is refused.',
  'beyond-width':
    "The address has bits set above the domain's address width, so it is refused before any page-table read.",
};

/** `pl4` → `PL4`, `s1-pl2` → `S1 PL2`: the label every IOMMU's page levels start from. */
export function pageLevelLabel(name: string): string {
  return name.toUpperCase().replace('S1-', 'S1 ').replace('S2-', 'S2 ');
}

/**
 * The fields of `layout` a strip draws for one walk, whose reads are `read` (structure names): from the top
 * level the walk read down to the last field (a GCR3 table of GLX + 1 levels, a linear or two-level CD table),
 * or, when it read none of them (a fault before them, a cached entry, an AMD-Vi IOTLB hit), every field but
 * the `onlyWhenRead` ones.
 */
export function fieldsForWalk(layout: readonly IndexField[], read: ReadonlySet<string>): readonly IndexField[] {
  const top = layout.findIndex((f) => read.has(f.structure));
  return top < 0 ? layout.filter((f) => f.onlyWhenRead !== true) : layout.slice(top);
}

/** The value of each field of `value` (for bit strips), highest field first as `fields` lists them. */
export function splitBits(
  value: number,
  fields: readonly BitField[],
): { label: string; hi: number; lo: number; value: number }[] {
  return fields.map((f) => ({ ...f, value: Math.floor(value / 2 ** f.lo) % 2 ** (f.hi - f.lo + 1) }));
}
