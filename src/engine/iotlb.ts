/**
 * The IOTLB: final translations tagged (DID, PASID, page) the way scalable-mode hardware tags
 * them (VT-d §6.2), PASID 0 for requests without a PASID, each entry with its leaf's page size.
 * Eviction is first-in first-out at `capacity` entries. Faults never fill nor evict.
 *
 * It is the hot path of every cached DMA, so it is an open-addressing hash table in typed arrays
 * (no allocation per lookup, integer hashing of the 36-bit tag and 47-bit page key) with a FIFO
 * ring of slots for eviction. `clone()` is a handful of typed-array copies: a draft clones before
 * its first change, so every EngineState keeps its own IOTLB.
 */
export interface IotlbEntry {
  readonly did: number;
  readonly pasid: number;
  readonly level: number; // 1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB
  readonly vpn: number; // input page number in units of the entry's page size
  readonly pfn: number; // output 4 KiB frame number of the page's start
  readonly read: boolean;
  readonly write: boolean;
}

const TAG_PASID_SPAN = 2 ** 20;
const LEVEL_SPAN = [1, 1, 2 ** 9, 2 ** 18] as const;
const EMPTY = -1;
const TOMBSTONE = -2;
const TWO_32 = 2 ** 32;

export const IOTLB_DEFAULT_CAPACITY = 1024;

function tagOf(did: number, pasid: number): number {
  return did * TAG_PASID_SPAN + pasid;
}
function keyOf(vpn: number, level: number): number {
  return vpn * 4 + level;
}
function hashOf(tag: number, key: number, mask: number): number {
  let h = Math.imul((key >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ ((key / TWO_32) | 0) ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ (tag >>> 0) ^ (h >>> 16), 0x27d4eb2f);
  h ^= ((tag / TWO_32) | 0) + (h >>> 15);
  return h & mask;
}

export class Iotlb {
  readonly capacity: number;
  private mask: number;
  private tags: Float64Array; // EMPTY, TOMBSTONE or the (DID, PASID) tag
  private keys: Float64Array; // vpn * 4 + level
  private pfns: Float64Array;
  private perms: Uint8Array; // bit 0 read, bit 1 write
  private seqs: Float64Array; // insertion number of the slot's entry
  private ringSlot: number[] = []; // FIFO of (slot, seq) pairs; stale pairs are skipped
  private ringSeq: number[] = [];
  private head = 0;
  private live = 0;
  private tombstones = 0;
  private nextSeq = 0;

  constructor(capacity = IOTLB_DEFAULT_CAPACITY) {
    this.capacity = capacity;
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.tags = new Float64Array(size).fill(EMPTY);
    this.keys = new Float64Array(size);
    this.pfns = new Float64Array(size);
    this.perms = new Uint8Array(size);
    this.seqs = new Float64Array(size);
  }

  get size(): number {
    return this.live;
  }

  private find(tag: number, key: number): number {
    const mask = this.mask;
    let i = hashOf(tag, key, mask);
    for (;;) {
      const t = this.tags[i]!;
      if (t === EMPTY) return -1;
      if (t === tag && this.keys[i] === key) return i;
      i = (i + 1) & mask;
    }
  }

  /** Find the entry covering 4 KiB input page `vpfn`: returns its slot, or -1. */
  lookupSlot(did: number, pasid: number, vpfn: number): number {
    if (this.live === 0) return -1;
    const tag = tagOf(did, pasid);
    let s = this.find(tag, keyOf(vpfn, 1));
    if (s < 0) s = this.find(tag, keyOf(Math.floor(vpfn / LEVEL_SPAN[2]), 2));
    if (s < 0) s = this.find(tag, keyOf(Math.floor(vpfn / LEVEL_SPAN[3]), 3));
    return s;
  }

  /** Level, frame and permissions of a slot found by lookupSlot (hot path: no allocation). */
  slotLevel(slot: number): number {
    return this.keys[slot]! % 4;
  }
  slotVpn(slot: number): number {
    return Math.floor(this.keys[slot]! / 4);
  }
  slotPfn(slot: number): number {
    return this.pfns[slot]!;
  }
  slotAllows(slot: number, write: boolean): boolean {
    return (this.perms[slot]! & (write ? 2 : 1)) !== 0;
  }

  /** The entry covering a page, as an object (for tests and views). */
  lookup(did: number, pasid: number, vpfn: number): IotlbEntry | undefined {
    const s = this.lookupSlot(did, pasid, vpfn);
    return s < 0 ? undefined : this.entryAt(s);
  }

  private entryAt(s: number): IotlbEntry {
    const tag = this.tags[s]!;
    const p = this.perms[s]!;
    return {
      did: Math.floor(tag / TAG_PASID_SPAN),
      pasid: tag % TAG_PASID_SPAN,
      level: this.slotLevel(s),
      vpn: this.slotVpn(s),
      pfn: this.pfns[s]!,
      read: (p & 1) !== 0,
      write: (p & 2) !== 0,
    };
  }

  insert(e: IotlbEntry): void {
    const tag = tagOf(e.did, e.pasid);
    const key = keyOf(e.vpn, e.level);
    const old = this.find(tag, key);
    if (old >= 0) this.remove(old);
    while (this.live >= this.capacity) this.evictOldest();
    if ((this.live + this.tombstones + 1) * 4 > (this.mask + 1) * 3) this.rehash();
    let i = hashOf(tag, key, this.mask);
    while (this.tags[i]! >= 0) i = (i + 1) & this.mask;
    if (this.tags[i] === TOMBSTONE) this.tombstones--;
    const seq = this.nextSeq++;
    this.tags[i] = tag;
    this.keys[i] = key;
    this.pfns[i] = e.pfn;
    this.perms[i] = (e.read ? 1 : 0) | (e.write ? 2 : 0);
    this.seqs[i] = seq;
    this.ringSlot.push(i);
    this.ringSeq.push(seq);
    this.live++;
  }

  private remove(slot: number): void {
    this.tags[slot] = TOMBSTONE;
    this.tombstones++;
    this.live--;
  }

  /** Domain-selective or page-selective invalidation (every PASID of a DID), optionally a 4 KiB page range. */
  invalidateDid(did: number, fromPfn = 0, pages = Infinity): void {
    this.dropWhere((tag) => Math.floor(tag / TAG_PASID_SPAN) === did, fromPfn, pages);
  }

  /** PASID-selective invalidation (P_IOTLB for all pages of one PASID). */
  invalidatePasid(did: number, pasid: number): void {
    const t = tagOf(did, pasid);
    this.dropWhere((tag) => tag === t, 0, Infinity);
  }

  private dropWhere(match: (tag: number) => boolean, fromPfn: number, pages: number): void {
    if (this.live === 0) return;
    for (let s = 0; s <= this.mask; s++) {
      const tag = this.tags[s]!;
      if (tag < 0 || !match(tag)) continue;
      const span = LEVEL_SPAN[this.slotLevel(s) as 1 | 2 | 3];
      const start = this.slotVpn(s) * span;
      if (start < fromPfn + pages && fromPfn < start + span) this.remove(s);
    }
  }

  private isLive(slot: number, seq: number): boolean {
    return this.tags[slot]! >= 0 && this.seqs[slot] === seq;
  }

  private evictOldest(): void {
    while (this.head < this.ringSlot.length) {
      const slot = this.ringSlot[this.head]!;
      const seq = this.ringSeq[this.head]!;
      this.head++;
      if (this.isLive(slot, seq)) {
        this.remove(slot);
        break;
      }
    }
    if (this.head > 4096 && this.head * 2 > this.ringSlot.length) this.compactRing();
  }

  private compactRing(): void {
    const slots: number[] = [];
    const seqs: number[] = [];
    for (let i = this.head; i < this.ringSlot.length; i++) {
      if (this.isLive(this.ringSlot[i]!, this.ringSeq[i]!)) {
        slots.push(this.ringSlot[i]!);
        seqs.push(this.ringSeq[i]!);
      }
    }
    this.ringSlot = slots;
    this.ringSeq = seqs;
    this.head = 0;
  }

  /** Rebuild the table without tombstones, keeping FIFO order. */
  private rehash(): void {
    const live = this.entries();
    this.tags.fill(EMPTY);
    this.ringSlot = [];
    this.ringSeq = [];
    this.head = 0;
    this.live = 0;
    this.tombstones = 0;
    for (const e of live) this.insert(e);
  }

  /** Live entries, oldest first. */
  entries(): IotlbEntry[] {
    const out: IotlbEntry[] = [];
    for (let i = this.head; i < this.ringSlot.length; i++) {
      const slot = this.ringSlot[i]!;
      if (this.isLive(slot, this.ringSeq[i]!)) out.push(this.entryAt(slot));
    }
    return out;
  }

  /** An independent copy. */
  clone(): Iotlb {
    const c = new Iotlb(this.capacity);
    c.tags = this.tags.slice();
    c.keys = this.keys.slice();
    c.pfns = this.pfns.slice();
    c.perms = this.perms.slice();
    c.seqs = this.seqs.slice();
    c.ringSlot = this.ringSlot.slice(this.head);
    c.ringSeq = this.ringSeq.slice(this.head);
    c.live = this.live;
    c.tombstones = this.tombstones;
    c.nextSeq = this.nextSeq;
    return c;
  }
}
