/**
 * A diff of two engine states: software objects added, removed or changed, mappings per domain,
 * every entry that changed in simulated memory (named after the structure it belongs to where a
 * walk of either state's tables finds it), and the attachment-graph edges added or removed.
 */
import { PAGE_SIZE, hex, wordsToHex } from '../hex.ts';
import { dumpPageTable, dumpRootAndContext } from '../inspect/tables.ts';
import { topologyOf, type TopoEdge } from '../inspect/topology.ts';
import type { EngineState, Mapping } from '../model.ts';
import { mappingRow, pasidUses } from './markdown.ts';
import { heading, table } from './md.ts';

export type ObjectKind = 'device' | 'mdev' | 'vm' | 'domain' | 'ioasid' | 'ioas' | 'primary' | 'aux' | 'pasid';

export interface ObjectChange {
  readonly kind: ObjectKind;
  readonly id: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** For `changed`: the fields that differ, as `field: old → new`. */
  readonly fields: readonly string[];
}

export interface MappingChange {
  readonly domain: string;
  readonly change: 'added' | 'removed';
  readonly mapping: Mapping;
}

export interface MemoryChange {
  /** Address of the changed entry (or 64-bit word when no structure is known). */
  readonly address: string;
  readonly frame: number;
  readonly offset: number;
  /** `root[0x6a] (dsa0)`, `context[0x8] (dsa0)`, `pasid-table[1] (dsa0)`, `pl1 of domain1`, or null. */
  readonly structure: string | null;
  readonly before: string;
  readonly after: string;
}

export interface StateDiff {
  readonly objects: readonly ObjectChange[];
  readonly mappings: readonly MappingChange[];
  readonly memory: readonly MemoryChange[];
  readonly edgesAdded: readonly TopoEdge[];
  readonly edgesRemoved: readonly TopoEdge[];
  readonly iotlb: { readonly before: number; readonly after: number };
  readonly faults: { readonly before: number; readonly after: number };
}

type Rec = Readonly<Record<string, unknown>>;

function show(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? hex(x) : x));
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return typeof v;
}

function fieldDiff(a: Rec, b: Rec, skip: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (skip.has(k)) continue;
    const x = show(a[k]);
    const y = show(b[k]);
    if (x !== y) out.push(`${k}: ${x} → ${y}`);
  }
  return out;
}

function diffMap<T extends object>(
  kind: ObjectKind,
  a: ReadonlyMap<string, T>,
  b: ReadonlyMap<string, T>,
  out: ObjectChange[],
  skip: ReadonlySet<string> = new Set(),
): void {
  for (const [id, x] of a) {
    const y = b.get(id);
    if (y === undefined) out.push({ kind, id, change: 'removed', fields: [] });
    else if (x !== y) {
      const fields = fieldDiff(x as Rec, y as Rec, skip);
      if (fields.length > 0) out.push({ kind, id, change: 'changed', fields });
    }
  }
  for (const id of b.keys()) if (!a.has(id)) out.push({ kind, id, change: 'added', fields: [] });
}

function keyed<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  return new Map(items.map((t) => [key(t), t]));
}

const mapKey = (m: Mapping) => `${m.iovaPfn}:${m.pfn}:${m.pages}:${m.read ? 1 : 0}${m.write ? 1 : 0}`;

function diffMappings(a: EngineState, b: EngineState): MappingChange[] {
  const out: MappingChange[] = [];
  for (const id of new Set([...a.domains.keys(), ...b.domains.keys()])) {
    const before = keyed(a.domains.get(id)?.mappings ?? [], mapKey);
    const after = keyed(b.domains.get(id)?.mappings ?? [], mapKey);
    for (const [k, m] of before) if (!after.has(k)) out.push({ domain: id, change: 'removed', mapping: m });
    for (const [k, m] of after) if (!before.has(k)) out.push({ domain: id, change: 'added', mapping: m });
  }
  return out;
}

interface Region {
  readonly start: number;
  readonly size: number;
  readonly name: string;
}

/** Every translation-structure entry a walk of `state` finds: root, context, PASID dir and table, page tables. */
function structureRegions(state: EngineState, into: Map<number, Region>): void {
  const add = (addr: string, size: number, name: string) => {
    const start = Number(addr);
    if (!into.has(start)) into.set(start, { start, size, name });
  };
  for (const d of dumpRootAndContext(state)) {
    add(d.root.address, 16, `root[${hex(d.root.index)}] (${d.device})`);
    if (d.context) add(d.context.address, 32, `context[${hex(d.context.index)}] (${d.device})`);
    for (const r of d.pasidDir) add(r.address, 8, `pasid-dir[${r.index}] (${d.device})`);
    for (const p of d.pasids) add(p.address, 64, `pasid-table[${p.pasid}] (${d.device})`);
  }
  for (const dom of state.domains.values()) {
    const dump = dumpPageTable(state, dom.id, 4096);
    if (!dump) continue;
    for (const row of dump.rows) for (const e of row.path) add(e.address, 8, `pl${e.level} of ${dom.id}`);
  }
}

const ZERO = new Uint32Array(PAGE_SIZE / 4);

/** Memory entries that differ, compared frame by frame and word by word (shared frames are skipped). */
function diffMemory(a: EngineState, b: EngineState): MemoryChange[] {
  const fa = a.memory.frames;
  const fb = b.memory.frames;
  const frames = new Set<number>();
  for (const [n, f] of fa) if (fb.get(n) !== f) frames.add(n);
  for (const [n, f] of fb) if (fa.get(n) !== f) frames.add(n);
  if (frames.size === 0) return [];
  const regions = new Map<number, Region>();
  structureRegions(b, regions);
  structureRegions(a, regions);
  const out: MemoryChange[] = [];
  for (const n of [...frames].sort((x, y) => x - y)) {
    const wa = fa.get(n) ?? ZERO;
    const wb = fb.get(n) ?? ZERO;
    const base = n * PAGE_SIZE;
    for (let w = 0; w < wa.length; w += 2) {
      if (wa[w] === wb[w] && wa[w + 1] === wb[w + 1]) continue;
      const addr = base + w * 4;
      // The entry holding this 64-bit word: the largest entry (64 bytes) starts at most 56 bytes before it.
      let region: Region | undefined;
      for (let back = 0; back < 64 && region === undefined; back += 8) {
        const r = regions.get(addr - back);
        if (r !== undefined && addr < r.start + r.size) region = r;
      }
      if (region !== undefined) {
        const first = (region.start - base) / 4;
        const words = region.size / 4;
        out.push({
          address: hex(region.start),
          frame: n,
          offset: region.start - base,
          structure: region.name,
          before: wordsToHex(wa, first, words),
          after: wordsToHex(wb, first, words),
        });
        w = first + words - 2; // skip the rest of this entry
      } else {
        out.push({
          address: hex(addr),
          frame: n,
          offset: addr - base,
          structure: null,
          before: wordsToHex(wa, w, 2),
          after: wordsToHex(wb, w, 2),
        });
      }
    }
  }
  return out;
}

function attachmentKeys(s: EngineState): Map<string, { kind: ObjectKind; id: string }> {
  const out = new Map<string, { kind: ObjectKind; id: string }>();
  for (const u of pasidUses(s)) {
    const kind: ObjectKind = u.via === 'primary' ? 'primary' : u.via === 'aux' ? 'aux' : 'pasid';
    const id = `${u.device} PASID ${u.pasid} → ${u.domain}`;
    out.set(`${kind}:${id}`, { kind, id });
  }
  for (const a of s.aux) {
    const id = `${a.mdev ?? a.device}${a.wq === null ? '' : ` WQ${a.wq}`} → ${a.domain}`;
    out.set(`aux:${id}`, { kind: 'aux', id });
  }
  return out;
}

/** The diff from `before` to `after`. */
export function diffStates(before: EngineState, after: EngineState): StateDiff {
  const objects: ObjectChange[] = [];
  diffMap('device', before.devices, after.devices, objects);
  diffMap('mdev', before.mdevs, after.mdevs, objects);
  diffMap('vm', before.vms, after.vms, objects);
  diffMap('domain', before.domains, after.domains, objects, new Set(['mappings']));
  diffMap('ioasid', before.ioasids, after.ioasids, objects);
  diffMap('ioas', before.ioas, after.ioas, objects);
  const ka = attachmentKeys(before);
  const kb = attachmentKeys(after);
  for (const [k, v] of ka) if (!kb.has(k)) objects.push({ ...v, change: 'removed', fields: [] });
  for (const [k, v] of kb) if (!ka.has(k)) objects.push({ ...v, change: 'added', fields: [] });

  const ea = keyed(topologyOf(before).edges, (e) => e.id);
  const eb = keyed(topologyOf(after).edges, (e) => e.id);
  return {
    objects,
    mappings: diffMappings(before, after),
    memory: diffMemory(before, after),
    edgesAdded: [...eb.values()].filter((e) => !ea.has(e.id)),
    edgesRemoved: [...ea.values()].filter((e) => !eb.has(e.id)),
    iotlb: { before: before.iotlb.entries().length, after: after.iotlb.entries().length },
    faults: { before: before.faultCount, after: after.faultCount },
  };
}

/** True when nothing at all differs. */
export function isEmptyDiff(d: StateDiff): boolean {
  return (
    d.objects.length + d.mappings.length + d.memory.length + d.edgesAdded.length + d.edgesRemoved.length === 0 &&
    d.iotlb.before === d.iotlb.after &&
    d.faults.before === d.faults.after
  );
}

/** The diff as GitHub Markdown. */
export function diffMarkdown(d: StateDiff, title = 'State diff'): string {
  const out = [heading(1, title), ''];
  if (isEmptyDiff(d)) return out.concat('_No differences._', '').join('\n');
  out.push('## Objects', '');
  out.push(
    table(
      ['Change', 'Kind', 'Id', 'Fields'],
      d.objects.map((o) => [o.change, o.kind, o.id, o.fields.join('; ')]),
    ),
  );
  out.push('## Mappings', '');
  out.push(
    table(
      ['Change', 'Domain', 'IOVA', 'PA', 'Size', 'Prot'],
      d.mappings.map((m) => [m.change, m.domain, ...mappingRow(m.mapping)]),
    ),
  );
  out.push('## Table entries in memory', '');
  out.push(
    table(
      ['Address', 'Frame', 'Offset', 'Structure', 'Before', 'After'],
      d.memory.map((m) => [m.address, hex(m.frame), hex(m.offset), m.structure ?? 'unknown', m.before, m.after]),
    ),
  );
  out.push('## Graph edges', '');
  out.push(
    table(
      ['Change', 'Kind', 'From', 'To'],
      [
        ...d.edgesAdded.map((e) => ['added', e.kind, e.source, e.target]),
        ...d.edgesRemoved.map((e) => ['removed', e.kind, e.source, e.target]),
      ],
    ),
  );
  out.push('## Counters', '');
  out.push(
    `IOTLB entries: ${d.iotlb.before} → ${d.iotlb.after}. Faults recorded: ${d.faults.before} → ${d.faults.after}.`,
    '',
  );
  return out.join('\n');
}
