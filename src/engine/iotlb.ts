/**
 * The IOTLB: final translations tagged (DID, PASID, page) the way scalable-mode hardware tags
 * them (VT-d §6.2.x), PASID 0 for requests without a PASID, each entry with its leaf's page size.
 * Eviction is first-in first-out at `capacity` entries. Faults never fill nor evict.
 *
 * Instances are treated as immutable once in an EngineState: a draft calls `clone()` before its
 * first change. The hot path (`lookup`) does two Map reads per page size.
 */
export interface IotlbEntry {
  readonly did: number;
  readonly pasid: number;
  readonly level: number; // 1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB
  readonly vpn: number; // input page number in units of the entry's page size
  readonly pfn: number; // output 4 KiB frame number of the page's start
  readonly read: boolean;
  readonly write: boolean;
  dead?: boolean;
}

const TAG_PASID_SPAN = 2 ** 20;
const LEVEL_SPAN = [1, 1, 2 ** 9, 2 ** 18] as const;

function tagOf(did: number, pasid: number): number {
  return did * TAG_PASID_SPAN + pasid;
}
function keyOf(vpn: number, level: number): number {
  return vpn * 4 + level;
}

export const IOTLB_DEFAULT_CAPACITY = 1024;

export class Iotlb {
  private byTag = new Map<number, Map<number, IotlbEntry>>();
  private order: IotlbEntry[] = [];
  private head = 0;
  private live = 0;

  readonly capacity: number;

  constructor(capacity = IOTLB_DEFAULT_CAPACITY) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.live;
  }

  /** Find the entry covering 4 KiB input page `vpfn`. */
  lookup(did: number, pasid: number, vpfn: number): IotlbEntry | undefined {
    const pages = this.byTag.get(tagOf(did, pasid));
    if (pages === undefined) return undefined;
    return (
      pages.get(keyOf(vpfn, 1)) ??
      pages.get(keyOf(Math.floor(vpfn / LEVEL_SPAN[2]), 2)) ??
      pages.get(keyOf(Math.floor(vpfn / LEVEL_SPAN[3]), 3))
    );
  }

  insert(entry: IotlbEntry): void {
    const tag = tagOf(entry.did, entry.pasid);
    let pages = this.byTag.get(tag);
    if (pages === undefined) {
      pages = new Map();
      this.byTag.set(tag, pages);
    }
    const key = keyOf(entry.vpn, entry.level);
    const old = pages.get(key);
    if (old) this.kill(old);
    while (this.live >= this.capacity) this.evictOldest();
    pages.set(key, entry);
    this.order.push(entry);
    this.live++;
  }

  /** Domain-selective or page-selective invalidation (all PASIDs of a DID), optionally a 4 KiB page range. */
  invalidateDid(did: number, fromPfn = 0, pages = Infinity): void {
    for (const [tag, map] of this.byTag) {
      if (Math.floor(tag / TAG_PASID_SPAN) === did) this.dropIn(tag, map, fromPfn, pages);
    }
  }

  /** PASID-selective invalidation (P_IOTLB for all pages of one PASID). */
  invalidatePasid(did: number, pasid: number): void {
    const tag = tagOf(did, pasid);
    const map = this.byTag.get(tag);
    if (map) this.dropIn(tag, map, 0, Infinity);
  }

  private dropIn(tag: number, map: Map<number, IotlbEntry>, fromPfn: number, pages: number): void {
    for (const [key, e] of map) {
      const span = LEVEL_SPAN[e.level as 1 | 2 | 3];
      const start = e.vpn * span;
      if (start < fromPfn + pages && fromPfn < start + span) {
        map.delete(key);
        this.kill(e);
      }
    }
    if (map.size === 0) this.byTag.delete(tag);
  }

  private kill(e: IotlbEntry): void {
    if (!e.dead) {
      e.dead = true;
      this.live--;
    }
  }

  private evictOldest(): void {
    while (this.head < this.order.length) {
      const e = this.order[this.head++];
      if (e && !e.dead) {
        const tag = tagOf(e.did, e.pasid);
        const map = this.byTag.get(tag);
        map?.delete(keyOf(e.vpn, e.level));
        if (map && map.size === 0) this.byTag.delete(tag);
        this.kill(e);
        break;
      }
    }
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  /** Live entries, oldest first. */
  entries(): IotlbEntry[] {
    const out: IotlbEntry[] = [];
    for (let i = this.head; i < this.order.length; i++) {
      const e = this.order[i];
      if (e && !e.dead) out.push(e);
    }
    return out;
  }

  /** An independent copy (entries are copied, since invalidation marks them dead). */
  clone(): Iotlb {
    const c = new Iotlb(this.capacity);
    for (const e of this.entries()) c.insert({ did: e.did, pasid: e.pasid, level: e.level, vpn: e.vpn, pfn: e.pfn, read: e.read, write: e.write });
    return c;
  }
}
