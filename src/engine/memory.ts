/**
 * Simulated host physical memory: sparse 4 KiB frames holding the IOMMU's structures as real
 * bytes (little-endian 32-bit words), a top-down frame allocator and the ranges backing VM RAM.
 *
 * The snapshot (`PhysMemory`) is immutable; a command works on a `MemoryDraft` that copies the
 * frame map and each frame only when it first writes to it (copy-on-write), so earlier states
 * share every untouched frame and a failed command simply drops its draft.
 */
import { checkAllocBudget } from './budget.ts';
import { fail } from './errors.ts';
import type { Ownership } from './cow.ts';
import { FrameMap, FrameMapDraft } from './frames.ts';
import { PAGE_SIZE, formatSize, hex } from './hex.ts';

export const WORDS_PER_FRAME = PAGE_SIZE / 4;

/** A contiguous range of host frames given to a VM's RAM. */
export interface RamRegion {
  readonly owner: string;
  readonly base: number; // byte address, 4 KiB aligned
  readonly size: number; // bytes
}

export interface PhysMemory {
  readonly size: number; // bytes of host memory
  readonly frames: FrameMap; // allocated frames (IOMMU structures, guest tables) by frame number
  readonly top: number; // bump pointer (frame number): every frame below it is unused
  readonly free: readonly number[]; // freed structure frames, reused last-in first-out
  readonly ram: readonly RamRegion[];
}

export function emptyMemory(size: number): PhysMemory {
  return { size, frames: new FrameMap(), top: size / PAGE_SIZE, free: [], ram: [] };
}

/** Anything the walker can read frames from: a snapshot's map or a draft. */
export interface FrameSource {
  get(frame: number): Uint32Array | undefined;
}

/**
 * The one all-zero frame every freshly allocated frame points at until its first write (which copies it, as any
 * write to a shared frame does). An allocation is thus reserved, not materialised: AMD-Vi's 2 MiB device table
 * costs 512 pointers, not 2 MiB per state. It still counts as allocated (budget.ts counts frames present), reads
 * as zeros, and nothing ever writes into it: `writable` copies every frame this draft does not own.
 */
export const ZERO_FRAME: Readonly<Uint32Array> = new Uint32Array(WORDS_PER_FRAME);

export class MemoryDraft implements FrameSource {
  private frames: FrameMapDraft;
  /** Frames this draft may write: its own copy (false), or an owned frame written in place (true). */
  private readonly owned = new Map<number, boolean>();
  private top: number;
  private free: number[];
  private ram: RamRegion[];
  readonly size: number;
  private readonly owner: Ownership | undefined;
  /** Whether the free and RAM lists may be changed (copied, or owned: then `listUndo` logs each change). */
  private listsMine = false;
  private listUndo: (() => void)[] | null = null;
  /** Undo log of in-place word writes, in order: frame data, word index, old value (made on first use). */
  private logFrames: Uint32Array[] | null = null;
  private logWords: number[] = [];

  /** `owner`: a replay's Ownership (cow.ts): frames it owns are written in place, logged for rollback. */
  constructor(base: PhysMemory, owner?: Ownership) {
    this.owner = owner;
    this.frames = new FrameMapDraft(base.frames, owner);
    this.top = base.top;
    this.free = base.free as number[];
    this.ram = base.ram as RamRegion[];
    this.size = base.size;
  }

  get(frame: number): Uint32Array | undefined {
    return this.frames.get(frame);
  }

  /** Pages of simulated memory materialised now (the budget's measure: budget.ts). */
  get pagesInUse(): number {
    return this.frames.size;
  }

  /** Read 32-bit word `i` of the entry at byte address `addr`. */
  word(addr: number, i = 0): number {
    const f = this.frames.get(Math.floor(addr / PAGE_SIZE)) ?? ZERO_FRAME;
    return f[((addr % PAGE_SIZE) >>> 2) + i] ?? 0;
  }

  /** Write consecutive 32-bit words at `addr` (inside one allocated frame). */
  write(addr: number, words: ArrayLike<number>): void {
    const frame = Math.floor(addr / PAGE_SIZE);
    const at = (addr % PAGE_SIZE) >>> 2;
    // Rewriting what is there changes nothing (an aux attach rewrites the parent's context entry):
    // the frame is then neither copied nor logged.
    const now = this.frames.get(frame);
    let i = 0;
    while (i < words.length && now?.[at + i] === (words[i] ?? 0) >>> 0) i++;
    if (i === words.length) return;
    const data = this.writable(frame);
    if (this.owned.get(frame) === true) {
      const frames = (this.logFrames ??= []);
      for (; i < words.length; i++) {
        const w = (words[i] ?? 0) >>> 0;
        if (data[at + i] === w) continue;
        frames.push(data);
        this.logWords.push(at + i, data[at + i] ?? 0);
        data[at + i] = w;
      }
    } else for (; i < words.length; i++) data[at + i] = (words[i] ?? 0) >>> 0;
  }

  /** Zero `count` words at `addr`. */
  clear(addr: number, count: number): void {
    this.write(addr, new Array<number>(count).fill(0));
  }

  private writable(frame: number): Uint32Array {
    let data = this.frames.get(frame);
    if (data === undefined) throw new Error(`write to unallocated frame ${hex(frame * PAGE_SIZE)}`);
    if (!this.owned.has(frame)) {
      if (this.owner?.owns(data) === true) this.owned.set(frame, true);
      else {
        data = data.slice();
        this.frames.set(frame, data);
        this.owned.set(frame, false);
        this.owner?.adopt(data);
      }
    }
    return data;
  }

  /**
   * The frame as it was when this draft began (for "did this entry change" checks): the base's, with
   * this draft's in-place writes undone in a copy.
   */
  before(frame: number): Uint32Array | undefined {
    const data = this.frames.before(frame);
    const log = this.logFrames;
    if (data === undefined || log?.includes(data) !== true) return data;
    const copy = data.slice();
    for (let k = log.length - 1; k >= 0; k--)
      if (log[k] === data) copy[this.logWords[2 * k]!] = this.logWords[2 * k + 1]!;
    return copy;
  }

  /** Word `i` of the entry at `addr` as it was when this draft began (0 where no frame was). */
  wordBefore(addr: number, i = 0): number {
    return this.before(Math.floor(addr / PAGE_SIZE))?.[((addr % PAGE_SIZE) >>> 2) + i] ?? 0;
  }

  /** Undo in-place writes (a refused command under an Ownership): the base memory is as it was. */
  rollback(): void {
    const undo = this.listUndo ?? [];
    for (let k = undo.length - 1; k >= 0; k--) undo[k]!();
    this.listUndo = null;
    const log = this.logFrames ?? [];
    for (let k = log.length - 1; k >= 0; k--) log[k]![this.logWords[2 * k]!] = this.logWords[2 * k + 1]!;
    this.logFrames = null;
    this.logWords = [];
    this.frames.rollback();
  }

  /**
   * Before changing the free or RAM list: copy both, or under an Ownership that owns them (a replay,
   * cow.ts) change them in place, logging an undo step per change (`listUndo`).
   */
  private ensureOwnLists(): void {
    if (this.listsMine) return;
    this.listsMine = true;
    if (this.owner?.owns(this.free) === true && this.owner.owns(this.ram)) this.listUndo = [];
    else {
      this.free = [...this.free];
      this.ram = [...this.ram];
      this.owner?.adopt(this.free);
      this.owner?.adopt(this.ram);
    }
  }

  private logged(undo: () => void): void {
    this.listUndo?.push(undo);
  }

  private installFrame(frame: number): number {
    this.frames.set(frame, ZERO_FRAME);
    this.owned.delete(frame);
    return frame * PAGE_SIZE;
  }

  private inRam(frame: number, count: number): RamRegion | undefined {
    const lo = frame * PAGE_SIZE;
    const hi = lo + count * PAGE_SIZE;
    return this.ram.find((r) => lo < r.base + r.size && r.base < hi);
  }

  /** Frames skipped for alignment (fewer than 512) stay usable for single-frame allocations. */
  private reclaim(from: number, to: number): void {
    const free = this.free;
    for (let f = to - 1; f >= from; f--) {
      free.unshift(f);
      this.logged(() => free.shift());
    }
  }

  /** Allocate one zeroed frame for an IOMMU structure; returns its byte address. */
  allocFrame(what: string): number {
    checkAllocBudget(what, 1, this.frames.size);
    this.ensureOwnLists();
    const free = this.free;
    const reused = free.pop();
    if (reused !== undefined) {
      this.logged(() => free.push(reused));
      return this.installFrame(reused);
    }
    return this.allocContiguous(1, what);
  }

  /** Allocate `count` (a power of two) zeroed contiguous frames, aligned to their size. */
  allocContiguous(count: number, what: string): number {
    checkAllocBudget(what, count, this.frames.size);
    this.ensureOwnLists();
    let top = this.top;
    for (;;) {
      const start = Math.floor((top - count) / count) * count;
      if (start < 0) fail('ENOMEM', `host memory exhausted allocating ${what}`);
      const clash = this.inRam(start, count);
      if (clash) {
        top = clash.base / PAGE_SIZE;
        continue;
      }
      if (top === this.top) this.reclaim(start + count, top);
      this.top = Math.min(this.top, start);
      this.frames.install(start, count, ZERO_FRAME);
      if (this.owned.size > 0) for (let f = start; f < start + count; f++) this.owned.delete(f);
      return start * PAGE_SIZE;
    }
  }

  /** Make a zeroed frame present at `addr` inside a VM's RAM (the guest's own page tables). */
  installAt(addr: number): void {
    const frame = Math.floor(addr / PAGE_SIZE);
    if (this.frames.get(frame) !== undefined) return;
    checkAllocBudget(`a guest page-table page at ${hex(addr)}`, 1, this.frames.size);
    this.installFrame(frame);
  }

  /** Return a structure frame to the allocator (zeroed on its next allocation). */
  freeFrame(addr: number): void {
    this.ensureOwnLists();
    const frame = addr / PAGE_SIZE;
    this.frames.delete(frame);
    this.owned.delete(frame);
    const free = this.free;
    free.push(frame);
    this.logged(() => free.pop());
  }

  /** Reserve host RAM for a VM: at `base` if given, else top-down, 2 MiB aligned where it fits. */
  reserveRam(owner: string, size: number, base?: number): RamRegion {
    this.ensureOwnLists();
    if (base !== undefined) {
      if (base + size > this.size) {
        fail(
          'EINVAL',
          `${owner}: hpa ${hex(base)} + ${formatSize(size)} lies beyond host memory (${formatSize(this.size)})`,
        );
      }
      const f0 = base / PAGE_SIZE;
      const n = size / PAGE_SIZE;
      const clash = this.inRam(f0, n);
      if (clash)
        fail('EBUSY', `${owner}: host range ${hex(base)}+${formatSize(size)} overlaps the RAM of ${clash.owner}`);
      for (let f = Math.max(f0, this.top); f < f0 + n; f++) {
        if (this.frames.get(f) !== undefined)
          fail(
            'EBUSY',
            `${owner}: host range ${hex(base)}+${formatSize(size)} holds IOMMU structures (frame ${hex(f * PAGE_SIZE)})`,
          );
      }
      const region = { owner, base, size };
      this.pushRam(region);
      this.free = this.free.filter((f) => f < f0 || f >= f0 + n);
      this.owner?.adopt(this.free);
      return region;
    }
    const align = size >= 2 ** 21 ? 2 ** 21 : PAGE_SIZE;
    let top = this.top * PAGE_SIZE;
    for (;;) {
      const start = Math.floor((top - size) / align) * align;
      if (start < 0)
        fail('ENOMEM', `${owner}: host memory exhausted (no free ${formatSize(size)} range for guest RAM)`);
      const clash = this.inRam(start / PAGE_SIZE, size / PAGE_SIZE);
      if (clash) {
        top = clash.base;
        continue;
      }
      const region = { owner, base: start, size };
      this.pushRam(region);
      if (top === this.top * PAGE_SIZE) this.reclaim((start + size) / PAGE_SIZE, this.top);
      this.top = Math.min(this.top, start / PAGE_SIZE);
      return region;
    }
  }

  private pushRam(region: RamRegion): void {
    const ram = this.ram;
    ram.push(region);
    this.logged(() => ram.pop());
  }

  commit(): PhysMemory {
    return { size: this.size, frames: this.frames.result(), top: this.top, free: this.free, ram: this.ram };
  }
}

/** Which VM's RAM (if any) holds a host physical address. */
export function ramOwner(mem: PhysMemory, pa: number): RamRegion | undefined {
  return mem.ram.find((r) => pa >= r.base && pa < r.base + r.size);
}
