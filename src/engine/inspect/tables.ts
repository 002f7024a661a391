/**
 * Read-only dumps of the translation structures as they sit in simulated memory, shaped like the
 * Linux debugfs files /sys/kernel/debug/iommu/intel/dmar_translation_struct (root, context, PASID
 * directory and table per device) and domain_translation_struct (leaves of a second-stage table).
 * Everything is read from `state.memory.frames`, never from the software records, so what the
 * views show is exactly what the hardware walk would read.
 */
import { PAGE_SIZE, hex } from '../hex.ts';
import type { Device, EngineState, Mapping } from '../model.ts';
import {
  CTX_PDTS_MASK,
  CTX_PDTS_SHIFT,
  P,
  PASID_PDE_SHIFT,
  PE_DID_MASK,
  PE_PGTT_MASK,
  PE_PGTT_SHIFT,
  PTE_SIZE,
  SL_PS,
  SL_R,
  SL_W,
  entryAddr,
} from '../vtd/layout.ts';
import {
  contextEntryAt,
  contextIndex,
  pasidDirEntries,
  pasidDirEntryAt,
  pasidEntryAt,
  rootEntryAt,
  rootHalfAt,
} from '../vtd/locate.ts';
import { decodeEntry, type DecodedField } from './decode.ts';
import { domainLevels } from '../iommu/registry.ts';
import { readEntryHex as raw, readWord as word } from '../frames.ts';

type Frames = EngineState['memory']['frames'];

export interface PasidRow {
  readonly pasid: number;
  readonly address: string;
  readonly raw: string;
  readonly did: number;
  readonly pgtt: number;
}

export interface PasidDirRow {
  readonly index: number;
  readonly address: string;
  readonly raw: string;
  readonly table: string;
}

/** One device's row of the dmar_translation_struct dump. */
export interface DeviceTablesDump {
  readonly device: string;
  readonly bdf: string;
  readonly rid: string;
  readonly root: { readonly index: number; readonly address: string; readonly raw: string; readonly present: boolean };
  /** Null when the root half for this devfn is not present. */
  readonly context: {
    readonly index: number;
    readonly address: string;
    readonly raw: string;
    readonly present: boolean;
    readonly decoded: DecodedField[];
  } | null;
  readonly pasidDir: readonly PasidDirRow[];
  readonly pasids: readonly PasidRow[];
}

/** Present PASID-directory entries and PASID-table entries under a directory of 2^(pdts+7) entries. */
function dumpPasids(frames: Frames, dir: number, pdts: number): { dirRows: PasidDirRow[]; pasids: PasidRow[] } {
  const dirRows: PasidDirRow[] = [];
  const pasids: PasidRow[] = [];
  const entries = pasidDirEntries(pdts);
  for (let i = 0; i < entries; i++) {
    const addr = pasidDirEntryAt(dir, i << PASID_PDE_SHIFT);
    const lo = word(frames, addr, 0);
    if ((lo & P) === 0) continue;
    const table = entryAddr(lo, word(frames, addr, 1));
    dirRows.push({ index: i, address: hex(addr), raw: raw(frames, addr, 2), table: hex(table) });
    for (let j = 0; j < 64; j++) {
      const pe = pasidEntryAt(table, j);
      const w0 = word(frames, pe, 0);
      if ((w0 & P) === 0) continue;
      pasids.push({
        pasid: i * 64 + j,
        address: hex(pe),
        raw: raw(frames, pe, 16),
        did: word(frames, pe, 2) & PE_DID_MASK,
        pgtt: (w0 & PE_PGTT_MASK) >>> PE_PGTT_SHIFT,
      });
    }
  }
  return { dirRows, pasids };
}

/** Root, context, PASID-directory and PASID-table entries of one device, read from memory. */
export function dumpDeviceTables(state: EngineState, dev: Device): DeviceTablesDump {
  const frames = state.memory.frames;
  const rootAddr = rootEntryAt(state.rootTable, dev.bus);
  const halfAddr = rootHalfAt(state.rootTable, dev.bus, dev.devfn);
  const rlo = word(frames, halfAddr, 0);
  const base = { device: dev.id, bdf: dev.bdf, rid: hex(dev.rid) };
  const root = { index: dev.bus, address: hex(rootAddr), raw: raw(frames, rootAddr, 4), present: (rlo & P) !== 0 };
  if (!root.present) return { ...base, root, context: null, pasidDir: [], pasids: [] };
  const ctxAddr = contextEntryAt(entryAddr(rlo, word(frames, halfAddr, 1)), dev.devfn);
  const ctxRaw = raw(frames, ctxAddr, 8);
  const clo = word(frames, ctxAddr, 0);
  const context = {
    index: contextIndex(dev.devfn),
    address: hex(ctxAddr),
    raw: ctxRaw,
    present: (clo & P) !== 0,
    decoded: decodeEntry('context', ctxRaw),
  };
  if (!context.present) return { ...base, root, context, pasidDir: [], pasids: [] };
  const pdts = (clo & CTX_PDTS_MASK) >>> CTX_PDTS_SHIFT;
  const { dirRows, pasids } = dumpPasids(frames, entryAddr(clo, word(frames, ctxAddr, 1)), pdts);
  return { ...base, root, context, pasidDir: dirRows, pasids };
}

/** dmar_translation_struct: one dump per device, in insertion order. */
export function dumpRootAndContext(state: EngineState): DeviceTablesDump[] {
  return [...state.devices.values()].map((dev) => dumpDeviceTables(state, dev));
}

/** One entry read on the way to a leaf. */
export interface PathEntry {
  readonly level: number;
  readonly address: string;
  readonly raw: string;
}

export interface LeafRow {
  readonly iova: string;
  readonly level: number;
  readonly pageSize: number;
  readonly entryAddr: string;
  readonly path: readonly PathEntry[]; // top level first, the leaf last
  readonly pa: string;
  readonly read: boolean;
  readonly write: boolean;
}

export interface PageTableDump {
  readonly domain: string;
  readonly did: number | null;
  readonly pgd: string | null;
  readonly levels: number;
  readonly mappings: readonly Mapping[];
  readonly rows: readonly LeafRow[];
  /** Present leaves beyond `limit`. */
  readonly more: number;
}

interface Walker {
  frames: Frames;
  limit: number;
  rows: LeafRow[];
  more: number;
}

function walkTable(w: Walker, table: number, level: number, iovaPfn: number, path: PathEntry[]): void {
  const span = 512 ** (level - 1);
  for (let i = 0; i < 512; i++) {
    const addr = table + i * PTE_SIZE;
    const lo = word(w.frames, addr, 0);
    if ((lo & (SL_R | SL_W)) === 0) continue;
    const entry: PathEntry = { level, address: hex(addr), raw: raw(w.frames, addr, 2) };
    const pfn = iovaPfn + i * span;
    const next = entryAddr(lo, word(w.frames, addr, 1));
    if (level === 1 || (lo & SL_PS) !== 0) {
      if (w.rows.length >= w.limit) {
        w.more++;
        continue;
      }
      const all = [...path, entry];
      w.rows.push({
        iova: hex(BigInt(pfn) * BigInt(PAGE_SIZE)),
        level,
        pageSize: PAGE_SIZE * span,
        entryAddr: entry.address,
        path: all,
        pa: hex(next),
        // Effective permissions are the AND along the path (VT-d §3.7; QEMU does the same).
        read: all.every((e) => (Number(BigInt(e.raw) & 0xffn) & SL_R) !== 0),
        write: all.every((e) => (Number(BigInt(e.raw) & 0xffn) & SL_W) !== 0),
      });
    } else {
      path.push(entry);
      walkTable(w, next, level - 1, pfn, path);
      path.pop();
    }
  }
}

/** domain_translation_struct: the present leaves of a domain's second-stage table (at most `limit`). */
export function dumpPageTable(state: EngineState, domainId: string, limit = 256): PageTableDump | null {
  const dom = state.domains.get(domainId);
  if (!dom) return null;
  const levels = domainLevels(state.platform, dom);
  const w: Walker = { frames: state.memory.frames, limit, rows: [], more: 0 };
  if (dom.pgd !== null) walkTable(w, dom.pgd, levels, 0, []);
  return {
    domain: dom.id,
    did: dom.did,
    pgd: dom.pgd === null ? null : hex(dom.pgd),
    levels,
    mappings: dom.mappings,
    rows: w.rows,
    more: w.more,
  };
}

export interface IotlbRow {
  readonly did: number;
  readonly pasid: number;
  readonly pageSize: number;
  readonly iova: string;
  readonly pa: string;
  readonly read: boolean;
  readonly write: boolean;
}

/** The live IOTLB entries, oldest first, with addresses in bytes. */
export function dumpIotlb(state: EngineState): IotlbRow[] {
  return state.iotlb.entries().map((e) => {
    const span = 512 ** (e.level - 1);
    return {
      did: e.did,
      pasid: e.pasid,
      pageSize: PAGE_SIZE * span,
      iova: hex(BigInt(e.vpn) * BigInt(span) * BigInt(PAGE_SIZE)),
      pa: hex(BigInt(e.pfn) * BigInt(PAGE_SIZE)),
      read: e.read,
      write: e.write,
    };
  });
}

/** Where a domain is attached: devices using it through their RID, and aux (PASID) attachments. */
export function domainAttachments(
  state: EngineState,
  domainId: string,
): { primary: string[]; aux: { device: string; wq: number | null; mdev: string | null }[] } {
  const primary = [...state.devices.values()].filter((d) => d.primary === domainId).map((d) => d.id);
  const aux = state.aux.filter((a) => a.domain === domainId).map((a) => ({ device: a.device, wq: a.wq, mdev: a.mdev }));
  return { primary, aux };
}

/** What a selection points at, for the views: `dsa0`, `mdev1`, `dsa0/wq1`, `dsa0/pasid1`, a domain, VM or IOASID id. */
export interface SelectionTarget {
  readonly kind:
    | 'device'
    | 'mdev'
    | 'wq'
    | 'pasid'
    | 'domain'
    | 'vm'
    | 'ioasid'
    | 'ioas'
    | 'process'
    | 'guest-table'
    | 'iommu'
    | 'none';
  readonly id: string;
  /** The RID device whose tables are involved, if any. */
  readonly device: string | null;
  /** The domain involved, if any (a device's primary domain, a VM's GPA domain…). */
  readonly domain: string | null;
  /** WQ index or PASID for `wq` / `pasid` selections. */
  readonly sub: number | null;
}

function gpaDomainOf(state: EngineState, vm: string): string | null {
  return state.ioasids.get(`${vm}.gpa`)?.domain ?? null;
}

function auxDomainAt(state: EngineState, device: string, pasid: number): string | null {
  const dev = state.devices.get(device);
  const attached = state.pasidAttach.find((p) => p.device === device && p.pasid === pasid);
  if (attached) return attached.domain;
  if (pasid === 0) return dev?.primary ?? null;
  return state.aux.find((a) => a.device === device && state.domains.get(a.domain)?.auxPasid === pasid)?.domain ?? null;
}

/** Resolve a selected id (graph node `ref`) to the objects it involves. */
export function resolveSelection(state: EngineState, id: string | null): SelectionTarget {
  const none: SelectionTarget = { kind: 'none', id: id ?? '', device: null, domain: null, sub: null };
  if (id === null) return none;
  if (id === 'iommu') return { ...none, kind: 'iommu' };
  const sub = /^(.+)\/(wq|pasid)(\d+)$/.exec(id);
  if (sub && sub[1] !== undefined && state.devices.has(sub[1])) {
    const n = Number(sub[3]);
    const dev = state.devices.get(sub[1])!;
    if (sub[2] === 'pasid') return { kind: 'pasid', id, device: dev.id, domain: auxDomainAt(state, dev.id, n), sub: n };
    const use = dev.wqs[n];
    const pasid = dev.wqPasid[n] ?? null;
    const domain = use?.by === 'host' ? dev.primary : pasid === null ? null : auxDomainAt(state, dev.id, pasid);
    return { kind: 'wq', id, device: dev.id, domain, sub: n };
  }
  const dev = state.devices.get(id);
  if (dev) return { kind: 'device', id, device: id, domain: dev.primary, sub: null };
  const mdev = state.mdevs.get(id);
  if (mdev) {
    const pasid = state.devices.get(mdev.parent)?.wqPasid[mdev.wq] ?? null;
    return {
      kind: 'mdev',
      id,
      device: mdev.parent,
      domain: pasid === null ? null : auxDomainAt(state, mdev.parent, pasid),
      sub: null,
    };
  }
  if (state.domains.has(id)) return { kind: 'domain', id, device: null, domain: id, sub: null };
  if (state.vms.has(id)) return { kind: 'vm', id, device: null, domain: gpaDomainOf(state, id), sub: null };
  const ioasid = state.ioasids.get(id);
  if (ioasid) return { kind: 'ioasid', id, device: null, domain: ioasid.domain, sub: null };
  const paging = (match: (d: EngineState['domains'] extends ReadonlyMap<string, infer D> ? D : never) => boolean) =>
    [...state.domains.values()].find(match)?.id ?? null;
  if (state.ioas.has(id))
    return { kind: 'ioas', id, device: null, domain: paging((d) => d.hwpt?.ioas === id), sub: null };
  if (state.processes.has(id))
    return { kind: 'process', id, device: null, domain: paging((d) => d.stage1?.owner === id), sub: null };
  if (state.guestTables.has(id))
    return { kind: 'guest-table', id, device: null, domain: paging((d) => d.stage1?.owner === id), sub: null };
  return none;
}
