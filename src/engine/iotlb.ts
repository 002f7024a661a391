/**
 * The IOTLB: final translations tagged (DID, PASID, page) the way scalable-mode hardware tags
 * them (VT-d §6.2), PASID 0 for requests without a PASID, each entry with its leaf's page size.
 * Eviction is first-in first-out at `capacity` entries. Faults never fill nor evict.
 *
 * It is the hot path of every cached DMA, so it is an open-addressing hash table in typed arrays
 * (linear probing with backward-shift deletion: no allocation per lookup, no tombstones; integer
 * hashing of the 36-bit tag and 47-bit page key) with a FIFO ring of slots for eviction. `clone()` is a handful of typed-array copies: a draft clones before
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
  private tags: Float64Array; // EMPTY or the (DID, PASID) tag
  private keys: Float64Array; // vpn * 4 + level
  private pfns: Float64Array;
  private perms: Uint8Array; // bit 0 read, bit 1 write
  private ringPos: Float64Array; // where the slot's entry sits in the FIFO ring
  private ring: number[] = []; // slots in insertion order; -1 where the entry is gone
  private head = 0;
  private live = 0;

  constructor(capacity = IOTLB_DEFAULT_CAPACITY) {
    this.capacity = capacity;
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.tags = new Float64Array(size).fill(EMPTY);
    this.keys = new Float64Array(size);
    this.pfns = new Float64Array(size);
    this.perms = new Uint8Array(size);
    this.ringPos = new Float64Array(size);
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
    return this.keys[slot]! & 3; // exact: keys are integers below 2^53
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
      pasid: tag - Math.floor(tag / TAG_PASID_SPAN) * TAG_PASID_SPAN,
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
    let i = hashOf(tag, key, this.mask);
    while (this.tags[i] !== EMPTY) i = (i + 1) & this.mask;
    this.tags[i] = tag;
    this.keys[i] = key;
    this.pfns[i] = e.pfn;
    this.perms[i] = (e.read ? 1 : 0) | (e.write ? 2 : 0);
    this.ringPos[i] = this.ring.length;
    this.ring.push(i);
    this.live++;
  }

  /** Remove a slot, shifting later entries of its probe run back (no tombstones). */
  private remove(slot: number): void {
    this.ring[this.ringPos[slot]!] = -1;
    this.live--;
    const mask = this.mask;
    let i = slot;
    let j = slot;
    for (;;) {
      j = (j + 1) & mask;
      const t = this.tags[j]!;
      if (t === EMPTY) break;
      const k = hashOf(t, this.keys[j]!, mask);
      // The entry at j stays if its home slot k lies cyclically in (i, j].
      if (i <= j ? k > i && k <= j : k > i || k <= j) continue;
      this.tags[i] = t;
      this.keys[i] = this.keys[j]!;
      this.pfns[i] = this.pfns[j]!;
      this.perms[i] = this.perms[j]!;
      this.ringPos[i] = this.ringPos[j]!;
      this.ring[this.ringPos[i]!] = i;
      i = j;
    }
    this.tags[i] = EMPTY;
    // Invalidations leave holes in the FIFO ring that eviction alone never reclaims when the
    // IOTLB is not full; without this the ring (and every clone of it) grew with every DMA.
    if (this.ring.length - this.head > 2 * this.live + 64) this.compactRing();
  }

  /** Domain-selective or page-selective invalidation (every PASID of a DID), optionally a 4 KiB page range. */
  invalidateDid(did: number, fromPfn = 0, pages = Infinity): void {
    this.dropWhere((tag) => Math.floor(tag / TAG_PASID_SPAN) === did, fromPfn, pages);
  }

  /** PASID-selective invalidation (P_IOTLB for one PASID: every page, or a 4 KiB page range). */
  invalidatePasid(did: number, pasid: number, fromPfn = 0, pages = Infinity): void {
    const t = tagOf(did, pasid);
    this.dropWhere((tag) => tag === t, fromPfn, pages);
  }

  private dropWhere(match: (tag: number) => boolean, fromPfn: number, pages: number): void {
    if (this.live === 0) return;
    const doomed: [number, number][] = [];
    for (let s = 0; s <= this.mask; s++) {
      const tag = this.tags[s]!;
      if (tag === EMPTY || !match(tag)) continue;
      const span = LEVEL_SPAN[this.slotLevel(s) as 1 | 2 | 3];
      const start = this.slotVpn(s) * span;
      if (start < fromPfn + pages && fromPfn < start + span) doomed.push([tag, this.keys[s]!]);
    }
    // Removing shifts entries between slots, so find each one again by key.
    for (const [tag, key] of doomed) this.remove(this.find(tag, key));
  }

  private evictOldest(): void {
    while (this.head < this.ring.length) {
      const slot = this.ring[this.head++]!;
      if (slot >= 0) {
        this.remove(slot);
        break;
      }
    }
    if (this.head > 4096 && this.head * 2 > this.ring.length) this.compactRing();
  }

  private compactRing(): void {
    const ring: number[] = [];
    for (let i = this.head; i < this.ring.length; i++) {
      const slot = this.ring[i]!;
      if (slot >= 0) {
        this.ringPos[slot] = ring.length;
        ring.push(slot);
      }
    }
    this.ring = ring;
    this.head = 0;
  }

  /** Live entries, oldest first. */
  entries(): IotlbEntry[] {
    const out: IotlbEntry[] = [];
    for (let i = this.head; i < this.ring.length; i++) {
      const slot = this.ring[i]!;
      if (slot >= 0) out.push(this.entryAt(slot));
    }
    return out;
  }

  /** An independent copy. */
  clone(): Iotlb {
    // Not through the constructor: it would allocate five arrays only to drop them (a clone per DMA).
    const c = Object.create(Iotlb.prototype) as Iotlb;
    (c as { capacity: number }).capacity = this.capacity;
    c.mask = this.mask;
    c.tags = this.tags.slice();
    c.keys = this.keys.slice();
    c.pfns = this.pfns.slice();
    c.perms = this.perms.slice();
    c.ringPos = this.ringPos.slice();
    c.ring = this.ring.slice();
    c.head = this.head;
    c.live = this.live;
    return c;
  }
}
