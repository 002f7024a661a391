/**
 * The frame table of simulated memory: frame number → 1024 little-endian 32-bit words.
 * Persistent, so that every state can keep its own memory cheaply: frames are grouped in chunks of
 * 256 (1 MiB of address space), and a draft copies only the chunks it writes (plus the small chunk
 * index). A lookup is one Map read and one array index, which keeps the DMA walk fast.
 */
import type { Ownership } from './cow.ts';
import { wordsToHex } from './hex.ts';

const CHUNK_BITS = 8;
const CHUNK = 1 << CHUNK_BITS;
const LOW = CHUNK - 1;

type Chunk = (Uint32Array | undefined)[];

const CACHE_SLOTS = 16;

export class FrameMap implements ReadonlyMap<number, Uint32Array> {
  readonly chunks: ReadonlyMap<number, Chunk>;
  readonly size: number;
  // A small direct-mapped cache of recent lookups: a walk reads the same few frames over and over,
  // and the map never changes after construction, so cached entries never go stale (a replay under
  // an Ownership changes it in place, but only once no one reads this state any more: cow.ts).
  // Made on the first lookup: a replay makes a map per command and reads few of them.
  private cacheKey: Float64Array | null = null;
  private cacheVal: (Uint32Array | undefined)[] = [];

  constructor(chunks: ReadonlyMap<number, Chunk> = new Map(), size = 0) {
    this.chunks = chunks;
    this.size = size;
  }

  get(frame: number): Uint32Array | undefined {
    const slot = frame & (CACHE_SLOTS - 1);
    const keys = (this.cacheKey ??= new Float64Array(CACHE_SLOTS).fill(-1));
    if (keys[slot] === frame) return this.cacheVal[slot];
    const c = this.chunks.get(frame >>> CHUNK_BITS);
    const data = c === undefined ? undefined : c[frame & LOW];
    keys[slot] = frame;
    this.cacheVal[slot] = data;
    return data;
  }

  has(frame: number): boolean {
    return this.get(frame) !== undefined;
  }

  *entries(): MapIterator<[number, Uint32Array]> {
    for (const [n, c] of this.chunks) {
      for (let i = 0; i < CHUNK; i++) {
        const data = c[i];
        if (data !== undefined) yield [n * CHUNK + i, data];
      }
    }
  }

  *keys(): MapIterator<number> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<Uint32Array> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[number, Uint32Array]> {
    return this.entries();
  }

  forEach(fn: (value: Uint32Array, key: number, map: ReadonlyMap<number, Uint32Array>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/**
 * A writable view over a FrameMap that copies a chunk (and the chunk index) the first time it changes
 * it. Under a replay's Ownership (cow.ts), an index or chunk that an earlier command of the replay
 * copied, and that no kept state holds, is changed in place instead, each change logged so that
 * `rollback()` (a refused command) restores it exactly.
 */
export class FrameMapDraft {
  private chunks: Map<number, Chunk>;
  private copiedIndex = false;
  private indexInPlace = false;
  /** Chunks this draft may write: copied by it (false), or owned and written in place (true). */
  private readonly mine = new Map<number, boolean>();
  /** Chunks where a frame was deleted (an empty one leaves the index at commit). */
  private emptied: number[] | null = null;
  private count: number;
  private readonly base: FrameMap;
  private readonly owner: Ownership | undefined;
  // Undo logs of in-place changes, in order: index entries, then chunk slots.
  private indexLog: [number, Chunk | undefined][] | null = null;
  private slotLog: [Chunk, number, Uint32Array | undefined][] | null = null;

  constructor(base: FrameMap, owner?: Ownership) {
    this.base = base;
    this.chunks = base.chunks as Map<number, Chunk>;
    this.count = base.size;
    this.owner = owner;
  }

  get(frame: number): Uint32Array | undefined {
    const c = this.chunks.get(frame >>> CHUNK_BITS);
    return c === undefined ? undefined : c[frame & LOW];
  }

  /** Frames present now. */
  get size(): number {
    return this.count;
  }

  private setIndex(n: number, c: Chunk): void {
    if (this.indexInPlace) (this.indexLog ??= []).push([n, this.chunks.get(n)]);
    this.chunks.set(n, c);
  }

  private chunkFor(frame: number): Chunk {
    if (!this.copiedIndex) {
      this.copiedIndex = true;
      if (this.owner?.owns(this.chunks) === true) this.indexInPlace = true;
      else {
        this.chunks = new Map(this.chunks);
        this.owner?.adopt(this.chunks);
      }
    }
    const n = frame >>> CHUNK_BITS;
    let c = this.chunks.get(n);
    if (c === undefined) {
      c = new Array<Uint32Array | undefined>(CHUNK).fill(undefined);
      this.setIndex(n, c);
      this.mine.set(n, false);
      this.owner?.adopt(c);
    } else if (!this.mine.has(n)) {
      if (this.owner?.owns(c) === true) this.mine.set(n, true);
      else {
        c = c.slice();
        this.setIndex(n, c);
        this.mine.set(n, false);
        this.owner?.adopt(c);
      }
    }
    return c;
  }

  private setSlot(frame: number, data: Uint32Array | undefined): void {
    const n = frame >>> CHUNK_BITS;
    const c = this.chunkFor(frame);
    if (this.mine.get(n) === true) (this.slotLog ??= []).push([c, frame & LOW, c[frame & LOW]]);
    c[frame & LOW] = data;
  }

  set(frame: number, data: Uint32Array): void {
    if (this.get(frame) === undefined) this.count++;
    this.setSlot(frame, data);
  }

  /** Make `count` frames from `start` present, each holding `data` (a fresh allocation's shared zero frame). */
  install(start: number, count: number, data: Uint32Array): void {
    for (let f = start; f < start + count;) {
      const n = f >>> CHUNK_BITS;
      const c = this.chunkFor(f);
      const logged = this.mine.get(n) === true;
      const end = Math.min(start + count, (n + 1) << CHUNK_BITS);
      for (; f < end; f++) {
        const i = f & LOW;
        const old = c[i];
        if (old === undefined) this.count++;
        if (logged) (this.slotLog ??= []).push([c, i, old]);
        c[i] = data;
      }
    }
  }

  delete(frame: number): void {
    if (this.get(frame) === undefined) return;
    this.setSlot(frame, undefined);
    this.count--;
    (this.emptied ??= []).push(frame >>> CHUNK_BITS);
  }

  /**
   * The frame as the base state held it (reads of "what was there when this command began", e.g.
   * whether an entry changed): in-place changes are looked up in the logs, nothing is modified.
   */
  before(frame: number): Uint32Array | undefined {
    const n = frame >>> CHUNK_BITS;
    const i = frame & LOW;
    let c = this.base.chunks.get(n);
    for (const [k, old] of this.indexLog ?? [])
      if (k === n) {
        c = old;
        break;
      }
    let data = c?.[i];
    for (const [chunk, j, old] of this.slotLog ?? [])
      if (chunk === c && j === i) {
        data = old;
        break;
      }
    return data;
  }

  /** Undo in-place changes (the command was refused): the base is as it was. */
  rollback(): void {
    const slots = this.slotLog ?? [];
    for (let k = slots.length - 1; k >= 0; k--) {
      const [c, i, old] = slots[k]!;
      c[i] = old;
    }
    const index = this.indexLog ?? [];
    for (let k = index.length - 1; k >= 0; k--) {
      const [n, old] = index[k]!;
      if (old === undefined) this.chunks.delete(n);
      else this.chunks.set(n, old);
    }
    this.slotLog = null;
    this.indexLog = null;
  }

  result(): FrameMap {
    if (!this.copiedIndex) return this.base;
    for (const n of this.emptied ?? []) {
      if (this.chunks.get(n)?.every((x) => x === undefined)) this.chunks.delete(n);
    }
    return new FrameMap(this.chunks, this.count);
  }
}

/** Read-only access to a frame table by byte address (views, dumps, output formatting; not the walk's hot path). */
export interface FrameReader {
  get(frame: number): Uint32Array | undefined;
}

/** 32-bit word `i` of the entry at byte address `addr` (0 where no frame is allocated). */
export function readWord(frames: FrameReader, addr: number, i = 0): number {
  return frames.get(Math.floor(addr / 4096))?.[((addr % 4096) >>> 2) + i] ?? 0;
}

/** An entry of `words` 32-bit words at `addr` as hex, word 0 in the low bits ("0x0" where nothing is allocated). */
export function readEntryHex(frames: FrameReader, addr: number, words: number): string {
  const f = frames.get(Math.floor(addr / 4096));
  return f ? wordsToHex(f, (addr % 4096) >>> 2, words) : '0x0';
}

/** A whole entry of `words` 32-bit words at `addr` as a bigint, qword 0 in the low bits (0 where nothing is written). */
export function readEntry(frames: FrameReader, addr: number, words: number): bigint {
  const f = frames.get(Math.floor(addr / 4096));
  if (f === undefined) return 0n;
  const at = (addr % 4096) >>> 2;
  let v = 0n;
  for (let i = words - 1; i >= 0; i--) v = (v << 32n) | BigInt((f[at + i] ?? 0) >>> 0);
  return v;
}

/** A 64-bit entry at `addr` as a bigint. */
export function readQword(frames: FrameReader, addr: number): bigint {
  return (BigInt(readWord(frames, addr, 1) >>> 0) << 32n) | BigInt(readWord(frames, addr, 0) >>> 0);
}
