/**
 * Reading the Intel IOMMU debugfs dumps of a real machine back into a scenario
 * (`pasid-atlas/scenario@1`) that rebuilds what they describe. Accepts, in one text and in any mix:
 *
 *  - dmar_translation_struct (every kernel since 5.4: "IOMMU dmar0: Root Table Address: …",
 *    the "B.D.F …" header, one row per PASID entry; legacy-mode rows with PASID -1 too);
 *  - domain_translation_struct, both the per-device/per-PASID files of Linux 6.7+
 *    ("Device 0000:6a:01.0 with pasid 1 @0x…", padded header, PDE/PTE columns only on the path)
 *    and the older single file ("Device 0000:00:02.0 @0x…" or 5.x "… with pasid %d @0x…",
 *    tab-only header, always five entry columns).
 *
 * Whitespace is free (tabs and spaces, leading and trailing); values are strict (hex with 0x and at
 * most 16 digits, a PASID below 2^20, a present leaf aligned to its page size…). Any line that cannot
 * be understood makes the whole import fail: the caller gets every problem and no scenario.
 *
 * How the scenario attaches what the dump shows (see docs/debugfs.md):
 *  - one device per B.D.F (`addDevice`, kind "pdev"; PASID-capable when it has PASID entries other
 *    than 0 or its context entry has PASIDE set, with the PASID width its directory size implies);
 *  - one domain per DID (pass-through entries → IDENTITY; others DMA when used only through one
 *    device's RID, else UNMANAGED), its mappings rebuilt from the leaves (`map`), contiguous leaves
 *    of one size and permission merged into one range, split where `map` would otherwise choose a
 *    bigger page than the dump shows;
 *  - PASID 0 (RID_PASID) attachments with the aux-era `attach`; a device that has PASID entries
 *    other than 0 is driven through iommufd instead, because only `deviceAttach` can put a domain at
 *    a PASID of our choosing (aux attach allocates its own): `bindDevice`, one IOAS + HWPT per domain
 *    (`ioasAlloc`, `ioasMap`, `hwptAlloc`), `deviceAttach` for the RID and each PASID. A domain shared
 *    with such a device is driven through iommufd for every device that uses it.
 *  - First-stage-only (SVA) and nested PASID entries are recognised but not rebuilt (their tables are
 *    a process's or a guest's, not a domain's map): they are listed in `notes`.
 */
import { formatSize, hex } from '../hex.ts';
import { initialState, resolvePlatform } from '../state.ts';
import { runStepsStreaming } from '../scenario/run.ts';
import { MAX_LINE_CHARS, ProblemList, type ImportProblem } from './problems.ts';
import { SCENARIO_FORMAT, type PlatformInput, type Scenario, type Step } from '../scenario/schema.ts';
import { PGTT } from '../vtd/layout.ts';

export type { ImportProblem } from './problems.ts';

export interface ImportResult {
  /** Null when there is any problem: nothing is half-imported. */
  readonly scenario: Scenario | null;
  /** The first problems (at most LISTED_PROBLEMS, each line clipped); `problemCount` counts them all. */
  readonly problems: ImportProblem[];
  readonly problemCount: number;
  /** Set when the text looks cut short (a sentence saying where); the import may still have succeeded. */
  readonly truncated: string | null;
  /** What was understood but not rebuilt (SVA / nested entries, devices without a domain…). */
  readonly notes: string[];
}

const HEX_RE = /^0x[0-9a-fA-F]{1,16}$/;
const U64 = (1n << 64n) - 1n;
const ADDR_MASK = 0x000f_ffff_ffff_f000n;
const PASID_LIMIT = 1 << 20;

/**
 * A refused line. Deliberately not an Error: capturing a stack trace per bad line made 100,000 bad
 * lines take seconds; this is a value, caught right where the line is read.
 */
class LineError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

function parseHex(token: string | undefined, what: string): bigint {
  if (token === undefined) throw new LineError(`missing ${what}`);
  if (!HEX_RE.test(token))
    throw new LineError(`bad hex value "${token}" for ${what}: expected 0x followed by 1 to 16 hex digits`);
  return BigInt(token) & U64;
}

function parseBdf(token: string): { segment: number | null; bus: number; devfn: number } {
  const m = /^(?:([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-9a-fA-F])$/.exec(token);
  if (!m) throw new LineError(`bad B.D.F "${token}": expected BB:DD.F or SSSS:BB:DD.F in hex`);
  const dev = parseInt(m[3]!, 16);
  const fn = parseInt(m[4]!, 16);
  if (dev > 0x1f) throw new LineError(`bad B.D.F "${token}": device ${m[3]} is beyond 1f`);
  if (fn > 7) throw new LineError(`bad B.D.F "${token}": function ${m[4]} is beyond 7`);
  return { segment: m[1] === undefined ? null : parseInt(m[1], 16), bus: parseInt(m[2]!, 16), devfn: (dev << 3) | fn };
}

function bdfKey(bus: number, devfn: number): string {
  return `${bus.toString(16).padStart(2, '0')}:${(devfn >> 3).toString(16).padStart(2, '0')}.${(devfn & 7).toString(16)}`;
}

interface PasidEntryInfo {
  readonly line: number;
  readonly pgtt: number; // PGTT.*, or -1 for a legacy-mode context entry's multi-level table
  readonly did: number;
  readonly aw: number;
  readonly pgd: bigint | null; // the table domain_translation_struct would walk
}

interface DevInfo {
  readonly bus: number;
  readonly devfn: number;
  segment: number | null;
  pasidEnable: boolean;
  pdts: number | null;
  readonly entries: Map<number, PasidEntryInfo>;
  line: number;
}

interface Leaf {
  readonly iovaPfn: bigint;
  readonly level: number;
  readonly pa: bigint;
  readonly read: boolean;
  readonly write: boolean;
  readonly line: number;
}

interface Block {
  readonly dev: DevInfo;
  readonly pasid: number;
  readonly pgd: bigint;
  readonly line: number;
  readonly leaves: Leaf[];
  levels: number | null;
}

/** Parse the text; every line either understood or reported. */
export function importDebugfs(text: string): ImportResult {
  const problems = new ProblemList();
  const notes: string[] = [];
  const devices = new Map<string, DevInfo>();
  const blocks: Block[] = [];
  let dmarHeaderSeen = false;
  let iommuSeen = false;
  let pendingDevice: { dev: DevInfo; pasidToken: string | null; pgd: bigint; line: number } | null = null;
  let block: Block | null = null;

  const device = (bus: number, devfn: number, line: number): DevInfo => {
    const key = bdfKey(bus, devfn);
    let d = devices.get(key);
    if (!d) {
      d = { bus, devfn, segment: null, pasidEnable: false, pdts: null, entries: new Map(), line };
      devices.set(key, d);
    }
    return d;
  };

  const lines = text.split(/\r\n|\n|\r/);
  let lastDataLine = 0;
  lines.forEach((raw, i) => {
    const no = i + 1;
    if (raw.length > MAX_LINE_CHARS) {
      problems.add(
        no,
        raw,
        `a line of ${raw.length.toLocaleString('en-US')} characters: no line of either debugfs file is longer than a few hundred`,
      );
      return;
    }
    const line = raw.trim();
    if (line === '') return;
    lastDataLine = no;
    const tokens = line.split(/\s+/);
    try {
      if (/^IOMMU\s/.test(line)) {
        const m = /^IOMMU\s+(\S+):\s*Root\s+Table\s+Address:\s*(\S+)$/.exec(line);
        if (!m) throw new LineError('expected "IOMMU <name>: Root Table Address: 0x<address>"');
        parseHex(m[2], 'the root table address');
        iommuSeen = true;
        dmarHeaderSeen = false;
        block = null;
        return;
      }
      if (/^DMA Remapping is not enabled on \S+$/.test(line)) return;
      if (tokens[0] === 'B.D.F') {
        const want = ['B.D.F', 'Root_entry', 'Context_entry', 'PASID', 'PASID_table_entry'];
        if (tokens.join(' ') !== want.join(' ')) throw new LineError(`expected the header "${want.join('  ')}"`);
        dmarHeaderSeen = true;
        block = null;
        return;
      }
      if (
        /^[0-9a-fA-F]+:[0-9a-fA-F]+\.[0-9a-fA-F]+$/.test(tokens[0] ?? '') ||
        /^[0-9a-fA-F]{1,2}:/.test(tokens[0] ?? '')
      ) {
        if (!dmarHeaderSeen) {
          throw new LineError(
            iommuSeen
              ? 'a PASID-table entry row before the "B.D.F  Root_entry  Context_entry  PASID  PASID_table_entry" header'
              : 'a PASID-table entry row before any "IOMMU dmarN: Root Table Address: …" line and its B.D.F header: which remapping unit is it from?',
          );
        }
        if (tokens.length !== 5)
          throw new LineError(
            `expected 5 columns (B.D.F, root entry hi:lo, context entry hi:lo, PASID, PASID entry val[2]:val[1]:val[0]), found ${tokens.length}`,
          );
        const { bus, devfn } = parseBdf(tokens[0]!);
        const root = tokens[1]!.split(':');
        const ctx = tokens[2]!.split(':');
        const pe = tokens[4]!.split(':');
        if (root.length !== 2) throw new LineError(`root entry "${tokens[1]}": expected 0x<hi>:0x<lo>`);
        if (ctx.length !== 2) throw new LineError(`context entry "${tokens[2]}": expected 0x<hi>:0x<lo>`);
        if (pe.length !== 3)
          throw new LineError(`PASID-table entry "${tokens[4]}": expected 0x<val2>:0x<val1>:0x<val0>`);
        const rootHi = parseHex(root[0], 'the root entry (hi)');
        const rootLo = parseHex(root[1], 'the root entry (lo)');
        const ctxHi = parseHex(ctx[0], 'the context entry (hi)');
        const ctxLo = parseHex(ctx[1], 'the context entry (lo)');
        const v2 = parseHex(pe[0], 'PASID entry val[2]');
        const v1 = parseHex(pe[1], 'PASID entry val[1]');
        const v0 = parseHex(pe[2], 'PASID entry val[0]');
        if (!/^-?\d+$/.test(tokens[3]!))
          throw new LineError(`bad PASID "${tokens[3]}": expected a decimal number (-1 in legacy mode)`);
        const pasid = Number(tokens[3]);
        if ((ctxLo & 1n) === 0n)
          throw new LineError('the context entry is not present (bit 0 clear): the kernel lists present entries only');
        const half = devfn >= 0x80 ? rootHi : rootLo;
        if ((half & 1n) === 0n)
          throw new LineError(
            `the root entry's ${devfn >= 0x80 ? 'upper' : 'lower'} half is not present, yet a context entry is shown`,
          );
        const dev = device(bus, devfn, no);
        if (pasid === -1) {
          // Legacy mode: the context entry itself holds TT (lo 3:2), SLPTPTR (lo 63:12), AW (hi 2:0), DID (hi 23:8).
          const tt = Number((ctxLo >> 2n) & 3n);
          const entry: PasidEntryInfo = {
            line: no,
            pgtt: tt === 2 ? PGTT.PASS_THROUGH : -1,
            did: Number((ctxHi >> 8n) & 0xffffn),
            aw: Number(ctxHi & 7n),
            pgd: tt === 2 ? null : ctxLo & ADDR_MASK,
          };
          if (dev.entries.has(0)) throw new LineError(`${bdfKey(bus, devfn)} is listed twice`);
          dev.entries.set(0, entry);
          return;
        }
        if (pasid < 0 || pasid >= PASID_LIMIT)
          throw new LineError(`PASID ${tokens[3]} is out of range (0 to 1048575, or -1 in legacy mode)`);
        if ((v0 & 1n) === 0n)
          throw new LineError(
            `PASID ${pasid}'s entry is not present (bit 0 of val[0] clear): the kernel lists present entries only`,
          );
        const pgtt = Number((v0 >> 6n) & 7n);
        if (pgtt < PGTT.FIRST_ONLY || pgtt > PGTT.PASS_THROUGH)
          throw new LineError(
            `PASID ${pasid}'s entry has PGTT ${pgtt}, which is not a translation type (1 first-stage, 2 second-stage, 3 nested, 4 pass-through)`,
          );
        if (dev.entries.has(pasid)) throw new LineError(`${bdfKey(bus, devfn)} PASID ${pasid} is listed twice`);
        const pgd = pgtt === PGTT.FIRST_ONLY ? v2 & ADDR_MASK : pgtt === PGTT.PASS_THROUGH ? null : v0 & ADDR_MASK;
        dev.entries.set(pasid, { line: no, pgtt, did: Number(v1 & 0xffffn), aw: Number((v0 >> 2n) & 7n), pgd });
        dev.pasidEnable ||= (ctxLo & 8n) !== 0n;
        dev.pdts = Number((ctxLo >> 9n) & 7n);
        return;
      }
      if (tokens[0] === 'Device') {
        const m = /^Device\s+(\S+)\s+(?:with\s+pasid\s+(\S+)\s+)?@\s*(\S+)$/.exec(line);
        if (!m)
          throw new LineError(
            'expected "Device SSSS:BB:DD.F with pasid <pasid> @0x<table>" or "Device SSSS:BB:DD.F @0x<table>"',
          );
        const b = parseBdf(m[1]!);
        const pgd = parseHex(m[3], 'the page-table address after "@"');
        if (m[2] !== undefined && !/^(-1|[0-9a-fA-F]{1,5})$/.test(m[2]))
          throw new LineError(`bad PASID "${m[2]}": expected up to 5 hex digits`);
        const dev = device(b.bus, b.devfn, no);
        if (b.segment !== null) dev.segment = b.segment;
        pendingDevice = { dev, pasidToken: m[2] ?? null, pgd, line: no };
        block = null;
        return;
      }
      if (tokens[0] === 'IOVA_PFN') {
        const want = ['IOVA_PFN', 'PML5E', 'PML4E', 'PDPE', 'PDE', 'PTE'];
        if (tokens.join(' ') !== want.join(' ')) throw new LineError(`expected the header "${want.join('  ')}"`);
        if (pendingDevice === null)
          throw new LineError('an IOVA_PFN header without the "Device … @0x…" line before it');
        // Linux 6.7+ pads this header with spaces (%-17s) and prints the PASID in hex; the 5.x file
        // used tabs only and printed it in decimal.
        const modern = /IOVA_PFN +/.test(raw);
        const t = pendingDevice.pasidToken;
        let pasid = 0;
        if (t !== null && t !== '-1') {
          if (!modern && !/^\d+$/.test(t))
            throw new LineError(
              `PASID "${t}" on line ${pendingDevice.line} must be decimal in this (Linux 5.x) format`,
            );
          pasid = parseInt(t, modern ? 16 : 10);
          if (pasid >= PASID_LIMIT) throw new LineError(`PASID ${t} on line ${pendingDevice.line} is out of range`);
        }
        block = {
          dev: pendingDevice.dev,
          pasid,
          pgd: pendingDevice.pgd,
          line: pendingDevice.line,
          leaves: [],
          levels: null,
        };
        if (blocks.some((x) => x.dev === block!.dev && x.pasid === pasid))
          throw new LineError(
            `the page table of ${bdfKey(block.dev.bus, block.dev.devfn)} PASID ${pasid} is listed twice`,
          );
        blocks.push(block);
        pendingDevice = null;
        return;
      }
      if (line.includes('|')) {
        if (block === null) {
          throw new LineError(
            'a page-table row before any "Device … @0x…" line and its IOVA_PFN header: which device and PASID does it belong to?',
          );
        }
        const m = /^(\S+)\s*\|\s*(.*)$/.exec(line);
        if (!m) throw new LineError('expected "0x<IOVA_PFN> | <entries>"');
        const pfn = parseHex(m[1], 'IOVA_PFN');
        const ents = m[2]!.split(/\s+/).filter((s) => s !== '');
        if (ents.length < 3 || ents.length > 5)
          throw new LineError(`expected 3 to 5 entries (PML5E PML4E PDPE [PDE [PTE]]), found ${ents.length}`);
        const names = ['PML5E', 'PML4E', 'PDPE', 'PDE', 'PTE'];
        const vals = ents.map((e, k) => parseHex(e, names[k]!));
        while (vals.length < 5) vals.push(0n);
        const first = vals.findIndex((v) => v !== 0n);
        let last = -1;
        vals.forEach((v, k) => {
          if (v !== 0n) last = k;
        });
        if (first < 0) throw new LineError('every entry is 0: a leaf row needs at least one present entry');
        const top = 5 - first;
        if (top < 3) throw new LineError(`the walk starts at ${names[first]}: tables have 3, 4 or 5 levels`);
        for (let k = first; k <= last; k++) {
          const v = vals[k]!;
          const lvl = 5 - k;
          if ((v & 3n) === 0n) throw new LineError(`${names[k]} ${ents[k]} is not present (neither R nor W set)`);
          if (k < last && lvl <= 3 && (v & 0x80n) !== 0n)
            throw new LineError(
              `${names[k]} ${ents[k]} has PS set (a ${lvl === 3 ? '1GiB' : '2MiB'} leaf), yet the walk goes below it`,
            );
        }
        if (vals.slice(first, last + 1).some((v) => v === 0n))
          throw new LineError('an entry on the walk is 0 between present ones');
        const level = 5 - last;
        const leaf = vals[last]!;
        if (level > 3)
          throw new LineError(`the walk ends at ${names[last]}: leaves are at PDPE (1GiB), PDE (2MiB) or PTE (4KiB)`);
        if (level > 1 && (leaf & 0x80n) === 0n)
          throw new LineError(
            `the walk ends at ${names[last]} ${ents[last]}, which has no PS bit: it points at a table, not a page`,
          );
        const span = 1n << BigInt(9 * (level - 1));
        if (pfn % span !== 0n)
          throw new LineError(
            `IOVA_PFN ${m[1]} is not aligned to the ${formatSize(span * 4096n)} page its ${names[last]} maps`,
          );
        if (pfn >= 1n << 45n) throw new LineError(`IOVA_PFN ${m[1]} is beyond a 57-bit address space`);
        const pa = leaf & ADDR_MASK;
        if (pa % (span * 4096n) !== 0n)
          throw new LineError(`the ${formatSize(span * 4096n)} page at ${hex(pa)} is not aligned to its size`);
        if (block.levels !== null && block.levels !== top)
          throw new LineError(`this walk has ${top} levels, earlier rows of the same table had ${block.levels}`);
        block.levels = top;
        const path = vals.slice(first, last + 1);
        block.leaves.push({
          iovaPfn: pfn,
          level,
          pa,
          read: path.every((v) => (v & 1n) !== 0n),
          write: path.every((v) => (v & 2n) !== 0n),
          line: no,
        });
        return;
      }
      throw new LineError('not a line of dmar_translation_struct or domain_translation_struct');
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      problems.add(no, raw, e.message);
    }
  });
  if (problems.count === 0 && !iommuSeen && !dmarHeaderSeen && blocks.length === 0 && pendingDevice === null) {
    problems.add(
      1,
      lines[0] ?? '',
      'nothing to import: paste the text of dmar_translation_struct and/or domain_translation_struct',
    );
  }
  if (problems.count === 0 && pendingDevice !== null) {
    const p = pendingDevice as { line: number };
    problems.add(
      p.line,
      lines[p.line - 1] ?? '',
      'a "Device … @0x…" line without the IOVA_PFN header after it: is the dump cut short?',
    );
  }
  const truncated = truncation(text, lastDataLine, iommuSeen && !dmarHeaderSeen && blocks.length === 0);
  if (problems.count > 0)
    return { scenario: null, problems: problems.listed, problemCount: problems.count, truncated, notes };
  return { ...build(devices, blocks, lines, notes), truncated };
}

/**
 * Signs that a dump was cut short (issue 9: a truncated dump silently emptied the document). The
 * kernel ends every line with a line break (seq_printf in drivers/iommu/intel/debugfs.c), so text that
 * stops mid-line may have lost the end of its last row; an "IOMMU dmarN" line with nothing after it
 * lost its table. Reported with the import; a dump with no entries at all is never loaded (the caller
 * sees a scenario with no steps).
 */
function truncation(text: string, lastDataLine: number, headerOnly: boolean): string | null {
  if (headerOnly)
    return `the text stops after the "IOMMU … Root Table Address" line, before the B.D.F header and its rows: is the dump cut short?`;
  if (lastDataLine > 0 && !/[\r\n]\s*$/.test(text))
    return `the text ends in the middle of line ${lastDataLine} (no line break after it), so that line may be incomplete: is the dump cut short?`;
  return null;
}

interface DomainPlan {
  readonly id: string;
  readonly did: number | null;
  readonly identity: boolean;
  /** A first-stage-only entry at RID_PASID: a DMA-API domain (first stage on VT-d with both stages). */
  readonly firstStage: boolean;
  readonly users: { dev: DevInfo; pasid: number }[];
  readonly leaves: Map<bigint, Leaf>;
  line: number;
  iommufd: boolean;
}

function devId(d: DevInfo): string {
  return `pci_${bdfKey(d.bus, d.devfn).replace(/[:.]/g, '_')}`;
}

function build(
  devices: Map<string, DevInfo>,
  blocks: Block[],
  lines: string[],
  notes: string[],
): Omit<ImportResult, 'truncated'> {
  const problems = new ProblemList();
  const problem = (line: number, message: string) => problems.add(line, lines[line - 1] ?? '', message);
  const domains = new Map<string, DomainPlan>();
  const pgdOwner = new Map<bigint, string>();
  const domainOf = (
    key: string,
    id: string,
    did: number | null,
    identity: boolean,
    line: number,
    firstStage = false,
  ): DomainPlan => {
    let p = domains.get(key);
    if (!p) {
      p = { id, did, identity, firstStage, users: [], leaves: new Map(), line, iommufd: false };
      domains.set(key, p);
    }
    return p;
  };
  let width: number | null = null;
  let widthLine = 0;
  const setWidth = (w: number, line: number) => {
    if (width !== null && width !== w)
      problem(
        line,
        `a ${w}-bit address width, but line ${widthLine} implies ${width}-bit: the model has one width for the whole IOMMU`,
      );
    else if (width === null) {
      width = w;
      widthLine = line;
    }
  };
  const sorted = [...devices.values()].sort((a, b) => a.bus - b.bus || a.devfn - b.devfn);

  // Domains from the PASID entries (one per DID).
  for (const dev of sorted) {
    for (const [pasid, e] of [...dev.entries].sort((a, b) => a[0] - b[0])) {
      const where = `${bdfKey(dev.bus, dev.devfn)} PASID ${pasid}`;
      // First stage at RID_PASID is the DMA API's domain (rebuilt); elsewhere it is SVA's process table.
      if ((e.pgtt === PGTT.FIRST_ONLY && pasid !== 0) || e.pgtt === PGTT.NESTED) {
        notes.push(
          `${where}: ${e.pgtt === PGTT.FIRST_ONLY ? 'first-stage only (SVA)' : 'nested'} entry, DID ${e.did}, not rebuilt (its first-stage table belongs to a process or a guest)`,
        );
        continue;
      }
      if (e.aw >= 1 && e.aw <= 3) setWidth(30 + 9 * e.aw, e.line);
      const identity = e.pgtt === PGTT.PASS_THROUGH;
      const plan = domainOf(`did:${e.did}`, `did${e.did}`, e.did, identity, e.line, e.pgtt === PGTT.FIRST_ONLY);
      if (plan.identity !== identity) problem(e.line, `DID ${e.did} is used for pass-through and for a page table`);
      plan.users.push({ dev, pasid });
      if (e.pgd !== null) {
        const owner = pgdOwner.get(e.pgd);
        if (owner !== undefined && owner !== `did:${e.did}`)
          problem(e.line, `page table ${hex(e.pgd)} is used under DID ${e.did} and under ${owner.replace(':', ' ')}`);
        pgdOwner.set(e.pgd, `did:${e.did}`);
      }
    }
  }

  // Leaves from the page-table dumps.
  for (const b of blocks) {
    const where = `${bdfKey(b.dev.bus, b.dev.devfn)} PASID ${b.pasid}`;
    const entry = b.dev.entries.get(b.pasid);
    if (entry && ((entry.pgtt === PGTT.FIRST_ONLY && b.pasid !== 0) || entry.pgtt === PGTT.NESTED)) continue;
    if (entry && entry.pgd !== null && entry.pgd !== b.pgd) {
      problem(
        b.line,
        `${where}: the table @${hex(b.pgd)} is not the one its PASID entry (line ${entry.line}) points at (${hex(entry.pgd)})`,
      );
      continue;
    }
    if (entry && entry.pgd === null) {
      problem(
        b.line,
        `${where}: its PASID entry (line ${entry.line}) is pass-through, which has no page table to dump`,
      );
      continue;
    }
    let key = pgdOwner.get(b.pgd);
    if (key === undefined) {
      key = `pgd:${b.pgd}`;
      pgdOwner.set(b.pgd, key);
    }
    const plan = domainOf(key, `pgd_${b.pgd.toString(16)}`, null, false, b.line);
    if (!entry) plan.users.push({ dev: b.dev, pasid: b.pasid });
    // A first-stage table has 4 or 5 levels whatever the unit's width: only second-stage levels tell it.
    if (b.levels !== null && entry?.pgtt !== PGTT.FIRST_ONLY) setWidth(30 + 9 * (b.levels - 2), b.line);
    for (const l of b.leaves) {
      const had = plan.leaves.get(l.iovaPfn);
      if (had && (had.pa !== l.pa || had.level !== l.level || had.read !== l.read || had.write !== l.write)) {
        problem(l.line, `this leaf differs from line ${had.line}, which the same page table shows for the same IOVA`);
      }
      plan.leaves.set(l.iovaPfn, l);
    }
  }
  if (problems.count > 0) return { scenario: null, problems: problems.listed, problemCount: problems.count, notes };

  // Which devices and domains go through iommufd: a device with a PASID other than 0, and everything
  // sharing a domain with it (closure).
  const iommufdDevs = new Set<DevInfo>();
  for (const p of domains.values()) for (const u of p.users) if (u.pasid !== 0) iommufdDevs.add(u.dev);
  for (let changed = true; changed;) {
    changed = false;
    for (const p of domains.values()) {
      if (p.identity) continue;
      if (!p.iommufd && p.users.some((u) => iommufdDevs.has(u.dev))) {
        p.iommufd = true;
        changed = true;
      }
      if (p.iommufd) {
        for (const u of p.users) {
          if (!iommufdDevs.has(u.dev)) {
            iommufdDevs.add(u.dev);
            changed = true;
          }
        }
      }
    }
  }

  const steps: Step[] = [];
  const stepLines: number[] = [];
  const push = (step: Step, line: number) => {
    steps.push(step);
    stepLines.push(line);
  };
  let maxPa = 0n;
  for (const dev of sorted) {
    const seg = (dev.segment ?? 0).toString(16).padStart(4, '0');
    const pasidCap = iommufdDevs.has(dev) || dev.pasidEnable || [...dev.entries.keys()].some((p) => p !== 0);
    const step: Step = { op: 'addDevice', id: devId(dev), bdf: `${seg}:${bdfKey(dev.bus, dev.devfn)}`, kind: 'pdev' };
    if (pasidCap) {
      step.pasid = true;
      const maxPasid = Math.max(0, ...dev.entries.keys(), ...blocks.filter((b) => b.dev === dev).map((b) => b.pasid));
      const need = Math.max(1, Math.ceil(Math.log2(maxPasid + 1)));
      step.pasidBits = Math.min(20, Math.max(need, dev.pdts === null ? need : dev.pdts + 13));
    }
    push(step, dev.line);
    if (dev.entries.size === 0 && !blocks.some((b) => b.dev === dev))
      notes.push(`${bdfKey(dev.bus, dev.devfn)}: no PASID entry, so no domain attached`);
  }
  const plans = [...domains.values()].sort((a, b) => (a.did ?? 1e9) - (b.did ?? 1e9));
  const mapSteps = (p: DomainPlan, target: { domain: string } | { ioas: string }) => {
    for (const r of ranges([...p.leaves.values()])) {
      const end = r.pa + r.pages * 4096n;
      if (end > maxPa) maxPa = end;
      const prot = r.read && r.write ? 'rw' : r.write ? 'w' : 'r';
      const common = { iova: hex(r.iovaPfn * 4096n), pa: hex(r.pa), size: formatSize(r.pages * 4096n), prot } as const;
      if ('domain' in target) push({ op: 'map', domain: target.domain, ...common }, r.line);
      else push({ op: 'ioasMap', ioas: target.ioas, ...common }, r.line);
    }
  };
  for (const p of plans) {
    if (p.iommufd) continue;
    // Stages follow Linux: first stage is a DMA-API domain, second stage an UNMANAGED one.
    push({ op: 'allocDomain', id: p.id, type: p.identity ? 'IDENTITY' : p.firstStage ? 'DMA' : 'UNMANAGED' }, p.line);
    mapSteps(p, { domain: p.id });
  }
  for (const p of plans) {
    if (p.iommufd) continue;
    for (const u of p.users) {
      if (u.pasid !== 0) continue;
      if (iommufdDevs.has(u.dev)) {
        notes.push(
          `${bdfKey(u.dev.bus, u.dev.devfn)} PASID 0: pass-through cannot be attached through iommufd; left blocked`,
        );
        continue;
      }
      push({ op: 'attach', domain: p.id, device: devId(u.dev) }, u.dev.entries.get(0)?.line ?? p.line);
    }
  }
  for (const dev of sorted) if (iommufdDevs.has(dev)) push({ op: 'bindDevice', device: devId(dev) }, dev.line);
  for (const p of plans) {
    if (!p.iommufd) continue;
    const ioas = `ioas_${p.id}`;
    push({ op: 'ioasAlloc', id: ioas }, p.line);
    mapSteps(p, { ioas });
    push({ op: 'hwptAlloc', id: p.id, device: devId(p.users[0]!.dev), pt: ioas }, p.line);
    for (const u of [...p.users].sort((a, b) => a.pasid - b.pasid)) {
      const step: Step = { op: 'deviceAttach', device: devId(u.dev), pt: p.id };
      if (u.pasid !== 0) step.pasid = u.pasid;
      push(step, u.dev.entries.get(u.pasid)?.line ?? p.line);
    }
  }
  for (const p of plans)
    if (p.identity && p.iommufd) notes.push(`${p.id}: pass-through on an iommufd device is not rebuilt`);

  const platform: PlatformInput = { iommu: 'vtd', addressWidth: width ?? 48, hostMemory: '16GiB' };
  if (maxPa > 16n << 30n) {
    let size = 32n << 30n;
    while (size < maxPa && size < 1n << 40n) size <<= 1n;
    platform.hostMemory = formatSize(size);
  }
  const scenario: Scenario = {
    format: SCENARIO_FORMAT,
    title: 'Imported from debugfs',
    description: `Rebuilt from the Intel IOMMU debugfs dump (dmar_translation_struct / domain_translation_struct): ${sorted.length} device(s), ${plans.length} domain(s).${notes.length > 0 ? ' Not rebuilt: ' + notes.join('; ') + '.' : ''}`,
    platform,
    steps,
  };
  // Refuse as a whole if the engine would not accept every step.
  runStepsStreaming(initialState(resolvePlatform(platform)), steps, ({ line: l, index: k }) => {
    if (!l.ok)
      problem(stepLines[k] ?? 1, `the rebuilt step ${k} (${l.op}) fails: ${l.error?.code} ${l.error?.message}`);
  });
  if (problems.count > 0) return { scenario: null, problems: problems.listed, problemCount: problems.count, notes };
  return { scenario, problems: [], problemCount: 0, notes };
}

interface Range {
  iovaPfn: bigint;
  pa: bigint;
  pages: bigint;
  level: number;
  read: boolean;
  write: boolean;
  line: number;
}

/**
 * Contiguous leaves of one page size and permission merged into ranges, then cut where the engine's
 * `map` (like intel_iommu_map) would pick a bigger page than the dump has: a run of 4 KiB leaves
 * covering a whole 2 MiB-aligned block whose PA is 2 MiB-aligned too is cut 4 KiB before the block ends.
 */
function ranges(leaves: Leaf[]): Range[] {
  const sorted = leaves.sort((a, b) => (a.iovaPfn < b.iovaPfn ? -1 : a.iovaPfn > b.iovaPfn ? 1 : 0));
  const runs: Range[] = [];
  for (const l of sorted) {
    const pages = 1n << BigInt(9 * (l.level - 1));
    const prev = runs[runs.length - 1];
    if (
      prev &&
      prev.level === l.level &&
      prev.read === l.read &&
      prev.write === l.write &&
      prev.iovaPfn + prev.pages === l.iovaPfn &&
      prev.pa + prev.pages * 4096n === l.pa
    ) {
      prev.pages += pages;
    } else {
      runs.push({ iovaPfn: l.iovaPfn, pa: l.pa, pages, level: l.level, read: l.read, write: l.write, line: l.line });
    }
  }
  const out: Range[] = [];
  for (const r of runs) {
    if (r.level >= 3) {
      out.push(r);
      continue;
    }
    const page = 1n << BigInt(9 * (r.level - 1)); // in 4 KiB pages
    const bigger = page * 512n;
    const paPfn = r.pa / 4096n;
    let start = r.iovaPfn;
    const end = r.iovaPfn + r.pages;
    if ((paPfn - r.iovaPfn) % bigger === 0n) {
      for (let b = ((r.iovaPfn + bigger - 1n) / bigger) * bigger; b + bigger <= end; b += bigger) {
        const cut = b + bigger - page;
        out.push({ ...r, iovaPfn: start, pa: r.pa + (start - r.iovaPfn) * 4096n, pages: cut - start });
        start = cut;
      }
    }
    out.push({ ...r, iovaPfn: start, pa: r.pa + (start - r.iovaPfn) * 4096n, pages: end - start });
  }
  return out.filter((r) => r.pages > 0n);
}
